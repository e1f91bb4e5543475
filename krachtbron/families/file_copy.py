"""A copy of the family file for the member of the family who asks (SECURITY.md 21, AVG art. 15).

Each app adds its part with ``register_copy_part`` in ``AppConfig.ready()`` and names the models
the part covers; a model that is left out on purpose is registered with
``register_copy_exclusion`` and a written reason. ``coverage_gaps()`` lists every model with a
path to ``Family`` that is neither covered nor excluded: a test keeps that list empty, so a new
model cannot be forgotten, and docs/familiedossier.md shows ``coverage_markdown()``.

A part's ``build(copy)`` returns JSON-ready data (keys in Dutch) for one ``CopyRequest``; the PDF
renders that same data with the part's template, so the JSON and the PDF never differ. Data
about one member only goes in through ``copy.may_see(member_id)`` (the rule is in
``copy_rules.py``); parts about third parties (the network) are marked ``third_party=True`` and
left out when the adviser chooses so.

The access log is about everyone's data. A row about one member's private data (who opened
Sara's questionnaire, made her invitation, her own questionnaire pages) goes into a copy only
when that member's private data does (``log_row_members`` + ``copy.may_see``). Each app names
the log rows about its private objects with ``register_private_log_rows``.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise, cached_property

from krachtbron.accounts.models import User
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind, AccessLogEntry, ActorKind
from krachtbron.families.copy_rules import LeftOut, MemberDecision, why_left_out
from krachtbron.families.models import Family, FamilyMember
from krachtbron.lib.session_kinds import member_language

#: Names the format of the JSON copy; raise the version when a key changes meaning or goes.
COPY_SCHEMA = "krachtbron-kopie-dossier"
COPY_SCHEMA_VERSION = 2

PDF, JSON = "pdf", "json"

#: The reason for leaving out "which staff member wrote this" fields: the log has it.
RECORDED_BY_IN_LOG = (
    "Welke medewerker dit vastlegde: dat staat al in 'Wie keek mee', waar elke wijziging een "
    "regel heeft."
)


@dataclass(frozen=True)
class CopyRequest:
    """One copy being made: for whom, with or without third parties, on which day."""

    family: Family
    requester: FamilyMember
    include_third_parties: bool
    made_at: datetime
    decisions: tuple[MemberDecision, ...]

    @property
    def today(self) -> date:
        return timezone.localdate(self.made_at)

    def may_see(self, member_id: int | None) -> bool:
        """May this copy hold data about one member only? ``None`` means the whole family.

        A member who is not (or no longer) in the family, say in an old network snapshot,
        counts as left out."""
        return member_id is None or member_id in self._visible

    @cached_property
    def _visible(self) -> frozenset[int]:
        return frozenset(d.member_id for d in self.decisions if d.left_out is None)

    @property
    def left_out(self) -> list[MemberDecision]:
        """The members whose private data is not in this copy, with the reason."""
        return [d for d in self.decisions if d.left_out is not None]


def copy_request(
    family: Family, requester: FamilyMember, *, include_third_parties: bool, now: Any = None
) -> CopyRequest:
    """Decide, member by member, whose private data a copy for ``requester`` holds."""
    if requester.family_id != family.pk:
        raise ValueError("The requester must be a member of this family.")
    made_at = now or timezone.now()
    today = timezone.localdate(made_at)
    recorded = list(family.rights_decisions.filter(ended_at=None))
    decisions = tuple(
        MemberDecision(m.pk, m.first_name, why_left_out(requester, m, today, recorded))
        for m in family.members.all()
    )
    return CopyRequest(family, requester, include_third_parties, made_at, decisions)


@dataclass(frozen=True)
class CopyPart:
    key: str  # the key in the JSON copy
    title: str | Promise  # the heading in the PDF and the list on the copy page
    build: Callable[[CopyRequest], Any]  # returns JSON-ready data
    models: tuple[type[models.Model], ...]  # the models whose rows this part puts in the copy
    template: str  # renders `data` (what build returned) in the PDF
    order: int
    third_party: bool = False


@dataclass(frozen=True)
class CopyExclusion:
    """A model (or some fields of a covered model) left out of the copy on purpose."""

    model: type[models.Model]
    reason: str  # in Dutch, shown in docs/familiedossier.md
    fields: tuple[str, ...] = ()  # empty: the whole model


#: The reason for leaving out "when was this made or changed" fields: the log has it.
RECORDED_WHEN_IN_LOG = (
    "Wanneer dit is vastgelegd of gewijzigd: dat staat in 'Wie keek mee', met datum en tijd, "
    "want elke wijziging heeft daar een regel."
)

#: The reason for leaving out a part's visibility field (families/rights.py).
VISIBILITY_REASON = (
    "Of iets gedeeld is met het gezin of alleen voor professionals is: een instelling voor "
    "Mijn Krachtbron en het krachtenplan. De kopie zelf bevat alles wat over jou gaat, ook wat "
    "alleen voor professionals is (recht op inzage)."
)

#: Fields of every model that hold no data about the family, only the database's bookkeeping:
#: left out of every copy (and listed in docs/familiedossier.md with this reason).
TECHNICAL_FIELDS = ("id", "version")
TECHNICAL_REASON = (
    "Het volgnummer van de rij en het versienummer tegen gelijktijdig bewerken: administratie "
    "van de database, geen gegevens over het gezin."
)

_PARTS: dict[str, CopyPart] = {}
_EXCLUSIONS: list[CopyExclusion] = []


def register_copy_part(
    key: str,
    build: Callable[[CopyRequest], Any],
    *,
    title: str | Promise,
    models: Iterable[type[models.Model]],
    template: str,
    order: int,
    third_party: bool = False,
) -> None:
    """Add a part to every copy; ``models`` are the models it covers (see ``coverage_gaps``)."""
    _PARTS[key] = CopyPart(key, title, build, tuple(models), template, order, third_party)


def register_copy_exclusion(
    model: type[models.Model], reason: str, *, fields: Iterable[str] = ()
) -> None:
    """Record that ``model`` (or only its ``fields``) is left out of the copy, and why."""
    names = tuple(fields)
    for name in names:
        model._meta.get_field(name)  # raises FieldDoesNotExist for a stale name
    _EXCLUSIONS.append(CopyExclusion(model, reason, names))


def copy_parts() -> list[CopyPart]:
    return sorted(_PARTS.values(), key=lambda part: part.order)


def copy_exclusions() -> list[CopyExclusion]:
    return sorted(_EXCLUSIONS, key=lambda e: (e.model._meta.label, e.fields))


# --- Access-log rows about one member's private data -------------------------------------------

#: A log row about a private object that no longer exists and whose member is not on record:
#: it may be anyone's, so it goes into no copy (no member of the family has this id).
UNKNOWN_MEMBER = -1

#: Log object type -> a function from object ids to the member each object is private to
#: (``None``: the object is the whole family's, e.g. a goal of the whole family).
_PRIVATE_LOG_ROWS: dict[str, Callable[[set[int]], Mapping[int, int | None]]] = {}

#: The key of ``extra`` in which a row names the member an object was private to. Written on
#: the DELETE row of such an object, so the rows about it stay readable after it is gone.
MEMBER_KEY = "member"


def register_private_log_rows(
    object_types: Iterable[str], members_of: Callable[[set[int]], Mapping[int, int | None]]
) -> None:
    """Log rows of these ``object_types`` are about an object private to one member: the row's
    ``object_id`` is such an object's id, ``members_of(ids)`` maps the existing ones to their
    member (``None`` for the whole family)."""
    for object_type in object_types:
        _PRIVATE_LOG_ROWS[object_type] = members_of


def log_row_members(entries: Iterable[AccessLogEntry]) -> dict[int, int | None]:
    """Per row id: the member whose private data the row is about, ``None`` for a row about the
    whole family, ``UNKNOWN_MEMBER`` when it is about a private object that is gone and whose
    member is not on record.

    A row is about a member's private data when that member acted (their questionnaire pages,
    through their own link), when it names a member's private object (``register_private_log
    _rows``), or when it records a copy that member asked for.
    """
    rows = list(entries)
    wanted: dict[str, set[int]] = {}
    on_record: dict[tuple[str, int | None], int | None] = {}
    for row in rows:
        if row.object_type in _PRIVATE_LOG_ROWS and row.object_id is not None:
            wanted.setdefault(row.object_type, set()).add(row.object_id)
        if isinstance(row.extra, dict) and MEMBER_KEY in row.extra:
            on_record[(row.object_type, row.object_id)] = row.extra[MEMBER_KEY]
    found = {
        (object_type, pk): member
        for object_type, ids in wanted.items()
        for pk, member in _PRIVATE_LOG_ROWS[object_type](ids).items()
    }
    result: dict[int, int | None] = {}
    for row in rows:
        key = (row.object_type, row.object_id)
        extra = row.extra if isinstance(row.extra, dict) else {}
        if row.actor_kind == ActorKind.FAMILY_MEMBER:
            result[row.pk] = row.actor_member_id
        elif row.object_type in _PRIVATE_LOG_ROWS:
            result[row.pk] = found[key] if key in found else on_record.get(key, UNKNOWN_MEMBER)
        elif "requested_by_member" in extra:
            result[row.pk] = extra["requested_by_member"]
        else:
            result[row.pk] = None
    return result


# --- Coverage: every model with a path to Family is in a part or excluded ----------------------

#: Plain (not foreign-key) fields that still tie a row to one family file: the access log keeps
#: the family's id and dossier number as values, so it outlives a purged file.
PLAIN_FAMILY_FIELDS = ("family_id", "family_reference")


def _links_to(model: type[models.Model], linked: set[type[models.Model]]) -> bool:
    for f in model._meta.get_fields():
        if not getattr(f, "concrete", False):
            continue
        if f.is_relation and f.related_model in linked:
            return True  # a foreign key, one-to-one or many-to-many into the family's data
        if not f.is_relation and f.name in PLAIN_FAMILY_FIELDS:
            return True
    return False


def family_linked_models() -> set[type[models.Model]]:
    """Every installed model whose rows belong to a family file: ``Family`` itself and every
    model with a chain of foreign keys / one-to-ones / many-to-manys to it (through
    ``FamilyMember``, ``Response``, ``Goal``…), or a plain ``family_id``/``family_reference``."""
    linked: set[type[models.Model]] = {Family}
    everything = apps.get_models()
    grew = True
    while grew:
        grew = False
        for model in everything:
            if model not in linked and _links_to(model, linked):
                linked.add(model)
                grew = True
    return linked


def covered_models() -> set[type[models.Model]]:
    return {model for part in _PARTS.values() for model in part.models}


def coverage_gaps() -> list[str]:
    """Models tied to a family file that no copy part covers and no exclusion explains.

    Per field: every field of a covered model reaches the copy unless it is excluded here
    (``register_copy_exclusion(..., fields=...)``) or in ``TECHNICAL_FIELDS``; the test
    ``families/tests/test_copy_fields.py`` changes each field and expects the copy to change."""
    excluded = {e.model for e in _EXCLUSIONS if not e.fields}
    missing = family_linked_models() - covered_models() - excluded
    return sorted(model._meta.label for model in missing)


def coverage_markdown() -> str:
    """The table of what the copy holds and what it leaves out, for docs/familiedossier.md."""
    lines = ["| onderdeel (JSON-sleutel) | modellen | derden |", "|---|---|---|"]
    for part in copy_parts():
        names = ", ".join(f"`{m._meta.label}`" for m in part.models)
        third = "ja" if part.third_party else ""
        lines.append(f"| {part.title} (`{part.key}`) | {names} | {third} |")
    lines += ["", "| weggelaten | waarom |", "|---|---|"]
    technical = ", ".join(f"`{name}`" for name in TECHNICAL_FIELDS)
    lines.append(f"| elk model: {technical} | {TECHNICAL_REASON} |")
    for exclusion in copy_exclusions():
        what = f"`{exclusion.model._meta.label}`"
        if exclusion.fields:
            what += ": " + ", ".join(f"`{name}`" for name in exclusion.fields)
        lines.append(f"| {what} | {exclusion.reason} |")
    return "\n".join(lines)


# --- Making a copy ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CopySection:
    key: str
    title: str | Promise
    template: str
    data: Any


@dataclass(frozen=True)
class FamilyCopy:
    """What one download holds: the header facts and the parts, in order."""

    request: CopyRequest
    sections: tuple[CopySection, ...] = field(default=())

    @property
    def family(self) -> Family:
        return self.request.family

    def header(self) -> dict[str, Any]:
        copy = self.request
        return {
            "schema": COPY_SCHEMA,
            "schemaversie": COPY_SCHEMA_VERSION,
            "dossiernummer": copy.family.reference,
            "gemaakt_op": timezone.localtime(copy.made_at).isoformat(timespec="seconds"),
            "gemaakt_voor": {
                "naam": copy.requester.first_name,
                "rol": copy.requester.get_role_display(),
            },
            "derden_weggelaten": not copy.include_third_parties,
            "eigen_gegevens_van_anderen_weggelaten": [
                {"gezinslid": d.name, "waarom": d.reason} for d in copy.left_out
            ],
        }

    def as_json(self) -> dict[str, Any]:
        data = self.header()
        for section in self.sections:
            data[section.key] = section.data
        return data


def build_copy(copy: CopyRequest) -> FamilyCopy:
    """Run every part for ``copy`` (third-party parts only when they are included)."""
    sections = tuple(
        CopySection(part.key, part.title, part.template, part.build(copy))
        for part in copy_parts()
        if copy.include_third_parties or not part.third_party
    )
    return FamilyCopy(copy, sections)


def make_family_copy(
    user: User | Actor,
    family: Family,
    requester: FamilyMember,
    *,
    include_third_parties: bool,
    fmt: str,
) -> FamilyCopy:
    """Make the copy and write its access-log row (PRINT for the PDF, EXPORT for JSON) in one
    transaction. The row holds ids only: which member asked, the format, third parties or not.

    ``user``: the adviser who makes it, or the member themselves (their ``Actor``, from Mijn
    Krachtbron). The row is written first, so the copy's 'wie keek mee' part lists this copy
    too. Render the PDF after this returns (after commit, SECURITY.md 26).
    """
    with transaction.atomic():
        log_copy(user, family, requester, include_third_parties=include_third_parties, fmt=fmt)
        copy = copy_request(family, requester, include_third_parties=include_third_parties)
        return build_copy(copy)


def copy_language(owner: User | FamilyMember) -> str:
    """The language code a copy is made in, for whoever gets it (``owner``): a member's own
    copy, asked for in Mijn Krachtbron, in that member's language (their Mijn Krachtbron choice,
    ``lib.session_kinds.member_language``), whatever the page's language; a copy an adviser
    asks for in the active language (the staff language, nl or en), as every staff PDF."""
    if isinstance(owner, FamilyMember):
        return member_language(owner)
    return translation.get_language() or settings.LANGUAGE_CODE


def log_copy(
    user: User | Actor,
    family: Family,
    requester: FamilyMember,
    *,
    include_third_parties: bool,
    fmt: str,
) -> None:
    """The copy's access-log row (PRINT for the PDF, EXPORT for JSON): ids only."""
    log_access(
        user,
        family,
        AccessKind.PRINT if fmt == PDF else AccessKind.EXPORT,
        object_type="copy",
        extra={
            "format": fmt,
            "third_parties": include_third_parties,
            "requested_by_member": requester.pk,
        },
    )


__all__ = [
    "COPY_SCHEMA",
    "COPY_SCHEMA_VERSION",
    "JSON",
    "PDF",
    "RECORDED_BY_IN_LOG",
    "CopyExclusion",
    "CopyPart",
    "CopyRequest",
    "FamilyCopy",
    "LeftOut",
    "MEMBER_KEY",
    "RECORDED_WHEN_IN_LOG",
    "TECHNICAL_FIELDS",
    "UNKNOWN_MEMBER",
    "build_copy",
    "copy_language",
    "copy_request",
    "coverage_gaps",
    "family_linked_models",
    "log_copy",
    "log_row_members",
    "make_family_copy",
    "register_copy_exclusion",
    "register_copy_part",
    "register_private_log_rows",
]
