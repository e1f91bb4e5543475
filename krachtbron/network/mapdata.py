"""The map as plain data: what the eco-map, the indicators and the snapshots work with.

`MapPerson` is built from a live `NetworkPerson` or from a frozen snapshot, so every view of the
map (now, a moment in the past, two moments side by side) goes through the same code.
Snapshot data format 1: {"format": 1, "persons": [{...the MapPerson fields...}, ...]}.
"""

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from krachtbron.families.choices import Visibility
from krachtbron.families.models import Family, FamilyMember
from krachtbron.lib.prepared import Prepared
from krachtbron.network.choices import Closeness, Quality, RelationKind, SupportKind
from krachtbron.network.models import NetworkPerson

SNAPSHOT_FORMAT = 1

#: ``MapPerson.quality`` when the adviser's marks on the person are not shown (professionals
#: only, ``NetworkPerson.marks_visibility``): no quality, no "kan overbelast raken".
MARKS_HIDDEN = ""


@dataclass(frozen=True)
class MapPerson:
    id: int
    label: str
    relation: str
    closeness: int
    quality: str
    support: tuple[str, ...] = ()
    stays_after_help: bool = False
    may_be_overloaded: bool = False
    member_id: int | None = None
    member_label: str = ""

    @property
    def is_professional(self) -> bool:
        return self.relation == RelationKind.PROFESSIONAL

    @property
    def relation_label(self) -> str:
        return str(RelationKind(self.relation).label)

    @property
    def closeness_label(self) -> str:
        return str(Closeness(self.closeness).label)

    @property
    def marks_shown(self) -> bool:
        return self.quality != MARKS_HIDDEN

    @property
    def quality_label(self) -> str:
        return str(Quality(self.quality).label) if self.marks_shown else "–"

    @property
    def support_labels(self) -> list[str]:
        return [str(SupportKind(kind).label) for kind in self.support]


def from_person(person: NetworkPerson, *, for_family: bool = False) -> MapPerson:
    """The person as the map draws them. ``for_family``: a view the family sees, so the
    adviser's marks are left out unless the adviser shares them (``marks_visibility``)."""
    member = person.member
    marks = not for_family or person.marks_visibility == Visibility.FAMILY
    return MapPerson(
        id=person.pk,
        label=person.label,
        relation=person.relation,
        closeness=person.closeness,
        quality=person.quality if marks else MARKS_HIDDEN,
        support=tuple(person.support_kinds),
        stays_after_help=person.stays_after_help,
        may_be_overloaded=person.may_be_overloaded and marks,
        member_id=person.member_id,
        member_label=member.first_name if member is not None else "",
    )


def current_map(
    family: Family,
    member: FamilyMember | None = None,
    *,
    scope: Callable[["QuerySet[NetworkPerson]"], "QuerySet[NetworkPerson]"] | None = None,
) -> list[MapPerson]:
    """The map as it is now (only the persons around `member` when given): one query, whatever
    its size. ``scope``: a view for the family (``families.rights``: ``shared_with_family``
    or ``ViewerRights.filter``) narrows the persons and leaves out the adviser's marks that
    are not shared."""
    # Plain rows, not model instances: the Netwerk tab builds a map of up to 200 persons on
    # every request (issue 18). ``_from_row`` says what ``from_person`` says (tested together).
    if scope is None:  # the adviser's map: compiled once per process (``lib.prepared``)
        rows = (
            _FAMILY_ROWS.rows(family.pk)
            if member is None
            else _MEMBER_ROWS.rows(family.pk, member.pk)
        )
        return [_from_row(row, False) for row in rows]
    persons = NetworkPerson.objects.filter(family=family)
    if member is not None:
        persons = persons.filter(member=member)
    return [_from_row(row, True) for row in scope(persons).values_list(*_ROW_FIELDS)]


_ROW_FIELDS = (
    "id",
    "label",
    "relation",
    "closeness",
    "quality",
    "gives_practical",
    "gives_emotional",
    "gives_advice",
    "stays_after_help",
    "may_be_overloaded",
    "member_id",
    "member__first_name",
    "marks_visibility",
)
_FAMILY_ROWS = Prepared(
    lambda family_id: NetworkPerson.objects.filter(family_id=family_id).values_list(*_ROW_FIELDS)
)
_MEMBER_ROWS = Prepared(
    lambda family_id, member_id: NetworkPerson.objects.filter(
        family_id=family_id, member_id=member_id
    ).values_list(*_ROW_FIELDS)
)
_SUPPORT_ORDER = (
    SupportKind.PRACTICAL.value,
    SupportKind.EMOTIONAL.value,
    SupportKind.ADVICE.value,
)


def _from_row(row: tuple[Any, ...], for_family: bool) -> MapPerson:
    """``from_person`` for a row of ``_ROW_FIELDS``."""
    pk, label, relation, closeness, quality, practical, emotional, advice = row[:8]
    stays, overloaded, member_id, member_name, visibility = row[8:]
    marks = not for_family or visibility == Visibility.FAMILY
    given = (practical, emotional, advice)
    return MapPerson(
        id=pk,
        label=label,
        relation=relation,
        closeness=closeness,
        quality=quality if marks else MARKS_HIDDEN,
        support=tuple(kind for kind, on in zip(_SUPPORT_ORDER, given, strict=True) if on),
        stays_after_help=stays,
        may_be_overloaded=overloaded and marks,
        member_id=member_id,
        member_label=member_name if member_id is not None else "",
    )


def to_snapshot_data(persons: Iterable[MapPerson]) -> dict[str, Any]:
    return {
        "format": SNAPSHOT_FORMAT,
        "persons": [{**asdict(p), "support": list(p.support)} for p in persons],
    }


def from_snapshot_data(data: Any) -> list[MapPerson]:
    """Read a frozen map. Rows that do not fit the format are skipped, never shown half."""
    if not isinstance(data, dict) or data.get("format") != SNAPSHOT_FORMAT:
        return []
    persons = []
    for row in data.get("persons") or []:
        person = _person_from_row(row)
        if person is not None:
            persons.append(person)
    return persons


def _person_from_row(row: Any) -> MapPerson | None:
    if not isinstance(row, dict):
        return None
    try:
        member_id = row.get("member_id")
        return MapPerson(
            id=int(row["id"]),
            label=str(row["label"]),
            relation=RelationKind(row["relation"]).value,
            closeness=Closeness(int(row["closeness"])).value,
            quality=Quality(row["quality"]).value,
            support=tuple(SupportKind(kind).value for kind in row.get("support") or ()),
            stays_after_help=bool(row.get("stays_after_help")),
            may_be_overloaded=bool(row.get("may_be_overloaded")),
            member_id=int(member_id) if member_id is not None else None,
            member_label=str(row.get("member_label") or ""),
        )
    except (KeyError, TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Change:
    """One difference between two moments of the map."""

    person: MapPerson
    kind: str  # "added" | "removed" | "changed"
    details: tuple[str, ...] = ()


def compare(before: list[MapPerson], after: list[MapPerson]) -> list[Change]:
    """Who came, who left, and who changed ring, quality or support between two moments."""
    old = {p.id: p for p in before}
    new = {p.id: p for p in after}
    changes: list[Change] = []
    for person in after:
        if person.id not in old:
            changes.append(Change(person, "added"))
        elif details := _differences(old[person.id], person):
            changes.append(Change(person, "changed", details))
    changes.extend(Change(p, "removed") for p in before if p.id not in new)
    return changes


def _differences(a: MapPerson, b: MapPerson) -> tuple[str, ...]:
    details = []
    if a.closeness != b.closeness:
        details.append(_("ring: %(a)s → %(b)s") % {"a": a.closeness_label, "b": b.closeness_label})
    if a.quality != b.quality:
        details.append(_("contact: %(a)s → %(b)s") % {"a": a.quality_label, "b": b.quality_label})
    if a.relation != b.relation:
        details.append(_("relatie: %(a)s → %(b)s") % {"a": a.relation_label, "b": b.relation_label})
    if a.stays_after_help != b.stays_after_help:
        details.append(
            _("blijft nu als de hulp stopt")
            if b.stays_after_help
            else _("blijft niet meer als de hulp stopt")
        )
    if a.may_be_overloaded != b.may_be_overloaded:
        details.append(
            _("kan nu overbelast raken") if b.may_be_overloaded else _("niet meer overbelast")
        )
    if set(a.support) != set(b.support):
        details.append(_("andere soort steun"))
    return tuple(details)
