"""Afspraken (issue 15, item 1): the rules of "wie doet wat, wanneer", in plain functions.

An agreement belongs to one of the family's goals and has exactly one performer: a member of
the family, a person from the network map, or the adviser (handreiking §3.2, §4.4). Around the
agreements the file and the portal show three things, all computed here from rows already
loaded (so a page runs a fixed number of queries, whatever the size of the file):

* **Overload** (``overloaded``): a person marked "kan overbelast raken" who carries more than
  ``settings.AGREEMENTS_PER_CARER`` *open* agreements (afgesproken or loopt) gets a warning.
  The mark is the adviser's and professionals-only unless shared (``marks_visibility``): a
  view for the family warns only about persons whose marks the adviser shared, and counts only
  the agreements that member may see.
* **Aanspreekpunt** (``without_contact_point``): every person who carries an open agreement
  should have someone to turn to when it gets too much (a ``ContactPoint``).
* **Suggestions** (``suggestions``): persons who stay when the help stops ("blijft er als de
  hulp stopt") and have no agreement (a stopped one does not count): "Misschien kan … iets
  doen?".

The performer is chosen in one select; its values are ``m<id>`` (a member), ``p<id>`` (a
person from the map) and ``ik`` (the adviser, "ik (de hulpverlener)"). ``check_performer``
holds the rule that everything an agreement names belongs to its own family.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from krachtbron.families.choices import Visibility
from krachtbron.families.models import Family, FamilyMember, Goal
from krachtbron.families.rights import ViewerRights
from krachtbron.lib.prepared import Prepared
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan.choices import OPEN_STATUSES, AgreementStatus
from krachtbron.networkplan.models import Agreement, ContactPoint

#: What a family member may set in Mijn Krachtbron (the issue's three words).
MEMBER_STATUSES = (AgreementStatus.DONE, AgreementStatus.RUNNING, AgreementStatus.STOPPED)

ADVISER_VALUE = "ik"


def carer_limit() -> int:
    """How many open agreements a person marked "kan overbelast raken" may carry before the
    warning (``settings.AGREEMENTS_PER_CARER``, default 2)."""
    return int(getattr(settings, "AGREEMENTS_PER_CARER", 2))


# --- The performer ----------------------------------------------------------------------------


class AgreementRefused(ValueError):
    """An agreement names something of another family, or not exactly one performer."""


@dataclass(frozen=True)
class Performer:
    """Who does it: exactly one of the three."""

    member: FamilyMember | None = None
    person: NetworkPerson | None = None
    adviser: bool = False

    def fields(self) -> dict[str, Any]:
        """As the model's fields (``performer_member``, ``performer_person``,
        ``performer_adviser``)."""
        return {
            "performer_member": self.member,
            "performer_person": self.person,
            "performer_adviser": self.adviser,
        }

    @property
    def value(self) -> str:
        """The select's value for this performer."""
        if self.member is not None:
            return member_value(self.member.pk)
        if self.person is not None:
            return person_value(self.person.pk)
        return ADVISER_VALUE


def member_value(pk: int) -> str:
    return f"m{pk}"


def person_value(pk: int) -> str:
    return f"p{pk}"


def performer_of(agreement: Agreement) -> Performer:
    return Performer(
        agreement.performer_member, agreement.performer_person, agreement.performer_adviser
    )


def parse_performer_value(value: str) -> tuple[str, int | None] | None:
    """("m", 12), ("p", 7) or ("ik", None) for a select value; None when it is none of them."""
    if value == ADVISER_VALUE:
        return ADVISER_VALUE, None
    if len(value) > 1 and value[0] in "mp" and value[1:].isascii() and value[1:].isdigit():
        number = int(value[1:])
        if 0 < number < 2**63:
            return value[0], number
    return None


def check_performer(family: Family, goal: Goal, performer: Performer) -> None:
    """Raise ``AgreementRefused`` unless ``goal`` and the performer belong to ``family`` and
    there is exactly one performer. (The forms offer only the family's own; this is the rule
    the actions hold whatever called them.)"""
    chosen = [performer.member is not None, performer.person is not None, performer.adviser]
    if sum(chosen) != 1:
        raise AgreementRefused("An agreement has exactly one performer.")
    if goal.family_id != family.pk:
        raise AgreementRefused("The goal is of another family.")
    if performer.member is not None and performer.member.family_id != family.pk:
        raise AgreementRefused("The member is of another family.")
    if performer.person is not None and performer.person.family_id != family.pk:
        raise AgreementRefused("The person is of another family.")


def performer_label(agreement: Agreement, *, adviser: str | None = None) -> str:
    """Who does it, in words ("Oma Aziza", "Fatima", "de hulpverlener")."""
    if agreement.performer_member is not None:
        return agreement.performer_member.first_name
    if agreement.performer_person is not None:
        return agreement.performer_person.label
    return adviser if adviser is not None else _("de hulpverlener")


def performer_choices(
    members: Iterable[FamilyMember],
    persons: Iterable[NetworkPerson],
    adviser_label: str,
) -> list[tuple[str, Any]]:
    """The one select: the family's members, the people on the map, and the adviser, grouped."""
    return [
        ("", _("Kies wie het doet")),
        (_("Uit het gezin"), [(member_value(m.pk), m.first_name) for m in members]),
        (_("Van de netwerkkaart"), [(person_value(p.pk), p.label) for p in persons]),
        (_("Hulpverlener"), [(ADVISER_VALUE, adviser_label)]),
    ]


# --- Overload, aanspreekpunt, suggestions -----------------------------------------------------


def open_counts(agreements: Iterable[Agreement]) -> Counter[int]:
    """Per person from the map: how many open agreements (afgesproken, loopt) they carry."""
    return Counter(
        a.performer_person_id
        for a in agreements
        if a.performer_person_id is not None and a.status in OPEN_STATUSES
    )


@dataclass(frozen=True)
class CarerWarning:
    person: NetworkPerson
    count: int  # open agreements
    limit: int


def overloaded(
    persons: Iterable[NetworkPerson],
    agreements: Iterable[Agreement],
    *,
    limit: int | None = None,
    for_family: bool = False,
) -> list[CarerWarning]:
    """The persons marked "kan overbelast raken" who carry more than ``limit`` open agreements
    (default ``carer_limit()``). ``for_family``: only persons whose marks the adviser shared
    with the family (otherwise the warning itself would tell the mark)."""
    limit = carer_limit() if limit is None else limit
    counts = open_counts(agreements)
    return [
        CarerWarning(person, counts[person.pk], limit)
        for person in persons
        if person.may_be_overloaded
        and counts[person.pk] > limit
        and (not for_family or person.marks_visibility == Visibility.FAMILY)
    ]


def contact_point_of(person: NetworkPerson) -> ContactPoint | None:
    """The person's aanspreekpunt (loaded with ``select_related("contact_point")``), or None."""
    try:
        return person.contact_point
    except ContactPoint.DoesNotExist:
        return None


def without_contact_point(
    persons: Iterable[NetworkPerson], agreements: Iterable[Agreement]
) -> list[NetworkPerson]:
    """The persons who carry an open agreement and have no aanspreekpunt (yet, or any more:
    the person it named left the map)."""
    counts = open_counts(agreements)
    return [p for p in persons if counts[p.pk] and not _has_contact(contact_point_of(p))]


def _has_contact(point: ContactPoint | None) -> bool:
    """A contact point that still names someone: the person it named may have left the map
    (``turns_to`` is then empty) and no words were written."""
    return point is not None and (point.turns_to_id is not None or bool(point.turns_to_text))


def suggestions(
    persons: Iterable[NetworkPerson], agreements: Iterable[Agreement]
) -> list[NetworkPerson]:
    """The persons who stay when the help stops and have no agreement (a stopped one does
    not count): perhaps they could do something."""
    carrying = {
        a.performer_person_id
        for a in agreements
        if a.performer_person_id is not None and a.status != AgreementStatus.STOPPED
    }
    return [p for p in persons if p.stays_after_help and p.pk not in carrying]


# --- The board: what the tab and the portal show ------------------------------------------------


@dataclass(frozen=True)
class AgreementRow:
    agreement: Agreement
    performer: str  # who does it, in words
    is_open: bool
    by_family: bool  # added by a member in Mijn Krachtbron
    changed_by_family: bool  # a member changed it (its status) in Mijn Krachtbron


@dataclass
class GoalAgreements:
    goal: Goal
    who: str  # the goal's member's first name; "" for the whole family
    rows: list[AgreementRow] = field(default_factory=list)


@dataclass(frozen=True)
class ContactRow:
    person: NetworkPerson
    turns_to: str  # a person's label, or the few words; "" when there is none yet
    contact_point: ContactPoint | None


@dataclass(frozen=True)
class Board:
    groups: list[GoalAgreements]
    warnings: list[CarerWarning]
    contacts: list[ContactRow]  # every person who carries an open agreement
    missing_contact: list[NetworkPerson]
    suggestions: list[NetworkPerson]
    awaiting: int  # added or changed by the family, not yet seen by the adviser
    persons: list[NetworkPerson]

    @property
    def agreement_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def groups_with_agreements(self) -> list[GoalAgreements]:
        return [group for group in self.groups if group.rows]


def build_board(
    goals: Sequence[Goal],
    agreements: Sequence[Agreement],
    persons: Sequence[NetworkPerson],
    *,
    for_family: bool = False,
    adviser_label: str | None = None,
    limit: int | None = None,
) -> Board:
    """Group ``agreements`` under ``goals`` (in the goals' order) and work out the warnings,
    the aanspreekpunten and the suggestions from the rows given: no queries of its own when the
    rows come with their performers, members and contact points loaded (``family_board``,
    ``member_board``). A person's aanspreekpunt names another person only when that person is
    among ``persons`` (what the reader may see); else "iemand anders"."""
    groups = {g.pk: GoalAgreements(g, g.member.first_name if g.member else "") for g in goals}
    for agreement in agreements:
        group = groups.get(agreement.goal_id)
        if group is None:
            continue
        group.rows.append(
            AgreementRow(
                agreement,
                performer_label(agreement, adviser=adviser_label),
                agreement.status in OPEN_STATUSES,
                agreement.added_by_member_id is not None,
                agreement.changed_by_member_id is not None,
            )
        )
    shown = {p.pk: p for p in persons}
    counts = open_counts(agreements)
    contacts = []
    for person in persons:
        if not counts[person.pk]:
            continue
        point = contact_point_of(person)
        words = ""
        if point is not None:
            if point.turns_to_id is not None:
                other = shown.get(point.turns_to_id)
                words = other.label if other is not None else _("iemand anders")
            else:
                words = point.turns_to_text
        contacts.append(ContactRow(person, words, point))
    return Board(
        groups=list(groups.values()),
        warnings=overloaded(persons, agreements, limit=limit, for_family=for_family),
        contacts=contacts,
        missing_contact=without_contact_point(persons, agreements),
        suggestions=suggestions(persons, agreements),
        awaiting=sum(1 for a in agreements if a.awaits_adviser),
        persons=list(persons),
    )


def _agreements() -> QuerySet[Agreement]:
    return Agreement.objects.select_related(
        "performer_member", "performer_person", "added_by_member", "changed_by_member"
    ).order_by("created_at", "id")


def _persons() -> QuerySet[NetworkPerson]:
    return NetworkPerson.objects.select_related("member", "contact_point").order_by(
        "closeness", "label", "id"
    )


def family_board(family: Family) -> Board:
    """The adviser's view of the family's agreements: three queries, whatever their number."""
    goals = list(
        Goal.objects.filter(family=family).select_related("member").order_by("created_at", "id")
    )
    agreements = list(_agreements().filter(family=family))
    persons = list(_persons().filter(family=family))
    return build_board(goals, agreements, persons, adviser_label=_("de hulpverlener"))


def visible_performers(rights: ViewerRights) -> Q:
    """Agreements whose performer the reader may see: not a person from another member's own
    network whose data the reader may not see (``families.rights``)."""
    return (
        Q(performer_person__isnull=True)
        | Q(performer_person__member__isnull=True)
        | Q(performer_person__member__in=sorted(rights.members))
    )


def member_agreements(rights: ViewerRights) -> QuerySet[Agreement]:
    """The agreements a member may see: about a goal they may see (an agreement's member is its
    goal's member, and it is shared as its goal is), with a performer they may see."""
    return rights.filter(Agreement.objects.all()).filter(visible_performers(rights))


def _standing_in(family_id: int, members: tuple[int, ...]) -> ViewerRights:
    return ViewerRights.standing_in(family_id, members)


# The portal's queries, each compiled once (``lib.prepared``): Ons plan, the portal's most opened
# page, starts with them. Every one is built around the member's rights (``ViewerRights``).
_MEMBER_GOALS = Prepared(
    lambda family_id, members: (
        _standing_in(family_id, members)
        .filter(Goal.objects.all())
        .select_related("member")
        .order_by("created_at", "id")
    )
)
_MEMBER_AGREEMENTS = Prepared(
    lambda family_id, members: (
        member_agreements(_standing_in(family_id, members))
        .select_related(
            "performer_member", "performer_person", "added_by_member", "changed_by_member"
        )
        .order_by("created_at", "id")
    )
)
_MEMBER_PERSONS = Prepared(
    lambda family_id, members: _standing_in(family_id, members).filter(_persons())
)


def member_board(rights: ViewerRights, *, closed: bool = False) -> Board:
    """What one member sees of the agreements (three queries): only the goals, agreements and
    persons ``rights`` allow; the overload warning only where the marks are shared. ``closed``:
    the help is closed, so the adviser's open agreements are left out, as in the netwerkplan
    (``networkplan.plan.hides_open_adviser_agreements``)."""
    if not rights.has_portal:
        return build_board([], [], [], for_family=True)
    family_id, members = rights.prepared_values
    agreements = [
        a
        for a in _MEMBER_AGREEMENTS.rows(family_id, members)
        if not (closed and a.performer_adviser and a.status in OPEN_STATUSES)
    ]
    return build_board(
        _MEMBER_GOALS.rows(family_id, members),
        agreements,
        _MEMBER_PERSONS.rows(family_id, members),
        for_family=True,
        adviser_label=_("jullie hulpverlener"),
    )


def status_labels() -> dict[str, str]:
    return {value: str(label) for value, label in AgreementStatus.choices}
