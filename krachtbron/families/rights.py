"""Privacy inside a family: who may see which part of the file, by age and gezag.

Plain functions, no web framework in the rules themselves, so they can be tested as tables and
with hypothesis. The rules and the articles of the Jeugdwet and the WGBO they follow are in
docs/gezinsrechten.md; in short:

* A part about the whole family (the eerste vraag, a goal of the whole family) that the adviser
  shares with the family: every member who may use the portal (``may_have_portal``).
* A part about one member (their goals, strengths, own scores, questionnaire answers, own
  people on the map) is that member's own. Others see it by the member's age on the day:

  - under 12: the opvoeders with gezag;
  - 12 to 15: the young person and the opvoeders with gezag both, unless the adviser recorded
    a decision that limits that parent's right in the young person's interest;
  - from 16 (and so from 18): the young person alone.

  An opvoeder without gezag (a step-parent), another opvoeder, a brother or sister: only what
  the member (or, for a child, whoever may consent for them) explicitly shared with them.
* A part the adviser keeps for professionals (their own scaling, working notes, marks such as
  "belastend" on a network person): nobody in the family, until the adviser shares it.

Ages are whole years lived (``age_on``); rights change by themselves on the birthday.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, Protocol, TypeVar

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from krachtbron.families.choices import MemberRole, Visibility
from krachtbron.lib.prepared import Prepared

#: From this age a young person may have their own access to the portal and shares the rights
#: to their own data with the parents with gezag (Jeugdwet art. 7.3.4 lid 2, WGBO art. 7:450).
OWN_RIGHTS_AGE = 12

#: From this age a young person decides alone about their own data (WGBO art. 7:447 and
#: 7:457, Jeugdwet art. 7.3.4 lid 3 and 7.3.11).
OWN_SAY_AGE = 16

#: Of age: parental authority (gezag) ends (BW art. 1:233, 1:245).
ADULT_AGE = 18


class Person(Protocol):
    """A family member as the rules see it (a FamilyMember, or a plain object in tests)."""

    @property
    def pk(self) -> int | None: ...

    @property
    def role(self) -> str: ...

    @property
    def birth_year(self) -> int | None: ...

    @property
    def birth_date(self) -> date | None: ...

    @property
    def has_parental_authority(self) -> bool | None: ...


def age_on(birth_date: date, day: date) -> int:
    """Whole years lived by ``day`` by someone born on ``birth_date``.

    The birthday is the day the age goes up. Someone born on 29 February has, in a year
    without that day, their birthday on 1 March: only then is the full year lived (the same
    as counting "has the month and day of birth been reached yet?"). Raises ValueError when
    ``day`` is before ``birth_date``.
    """
    if day < birth_date:
        raise ValueError("The day is before the date of birth.")
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def oldest_possible_age(birth_year: int, day: date) -> int:
    """The age someone born in ``birth_year`` has at most on ``day`` (in whole years).

    With only a birth year the real age is this or one less. Where a rule takes rights away
    from parents at an age (16), it uses the oldest possible age: a young person who may already
    be 16 is treated as 16, so the rule errs toward the young person's privacy.
    """
    return day.year - birth_year


def exact_age(member: Person, day: date) -> int | None:
    """The member's age on ``day`` when the date of birth is known, else None."""
    if member.birth_date is None or day < member.birth_date:
        return None
    return age_on(member.birth_date, day)


def may_have_portal(member: Person, today: date) -> bool:
    """May this member get their own access to Mijn Krachtbron (an invitation, a passkey)?

    * an opvoeder, with or without gezag (without gezag they see only what is shared with
      them, see the module's rules);
    * a jeugdige or kind of 12 or older on ``today``, by date of birth. Without a date of birth
      we cannot tell the 12th birthday has passed: no access (a parent with gezag represents a
      child under 12, Jeugdwet art. 7.3.4 lid 1).
    """
    if member.role == MemberRole.PARENT:
        return True
    age = exact_age(member, today)
    return age is not None and age >= OWN_RIGHTS_AGE


# --- Whose own data may a member see? -----------------------------------------------------------


class NotShared(Enum):
    """Why one member may not see data that is about another member only."""

    REQUESTER_IS_YOUNG = "requester_is_young"
    OTHER_ADULT = "other_adult"
    OWN_SAY = "own_say"
    AGE_UNKNOWN = "age_unknown"
    NO_GEZAG = "no_gezag"
    LIMITED = "limited"

    @property
    def label(self) -> str:
        return str(_NOT_SHARED_LABELS[self])


_NOT_SHARED_LABELS = {
    NotShared.REQUESTER_IS_YOUNG: _("Je krijgt alleen je eigen antwoorden, niet die van anderen."),
    NotShared.OTHER_ADULT: _("Dit is een volwassene. Die beslist zelf over de eigen gegevens."),
    NotShared.OWN_SAY: _("Deze jongere is 16 of ouder. Die beslist zelf over de eigen gegevens."),
    NotShared.AGE_UNKNOWN: _("We weten de leeftijd niet. Daarom laten we deze gegevens weg."),
    NotShared.NO_GEZAG: _("Wie vraagt, heeft geen gezag (of dat is nog niet bekend)."),
    NotShared.LIMITED: _("De adviseur besloot dit niet te delen, in het belang van de jongere."),
}


class DecisionLike(Protocol):
    """A ``RightsDecision`` as the rules see it (or a plain object in tests)."""

    @property
    def kind(self) -> str: ...

    @property
    def subject_id(self) -> int: ...

    @property
    def other_id(self) -> int: ...

    @property
    def decided_at(self) -> datetime: ...

    @property
    def ended_at(self) -> datetime | None: ...


#: The kinds of ``RightsDecision`` (spelled here too, so the rules need no model).
LIMIT, SHARE = "beperking", "delen"


def age_band(member: Person, day: date) -> int | None:
    """0 under 12, 1 from 12 to 15, 2 from 16; None without a date of birth (before birth
    too). The people who must consent to sharing a young person's data differ per band."""
    age = exact_age(member, day)
    if age is None:
        return None
    return 0 if age < OWN_RIGHTS_AGE else 1 if age < OWN_SAY_AGE else 2


def share_holds(decision: DecisionLike, subject: Person, day: date) -> bool:
    """Does a recorded share of ``subject``'s data still hold on ``day``?

    A share holds until it is ended. For a young person it also ends by itself on the 12th and
    the 16th birthday: consent given before (by the parents, or by the young person and the
    parents together) does not speak for the young person's new say, so it must be asked
    again. An opvoeder's share has no such end. Without a date of birth a young person's share
    cannot be checked against those birthdays and does not hold.
    """
    if decision.ended_at is not None:
        return False
    if subject.role == MemberRole.PARENT:
        return True
    given = age_band(subject, timezone.localdate(decision.decided_at))
    return given is not None and given == age_band(subject, day)


def _decisions_about(
    decisions: Iterable[DecisionLike], kind: str, subject: Person, viewer: Person
) -> list[DecisionLike]:
    return [
        d
        for d in decisions
        if d.kind == kind
        and d.subject_id == subject.pk
        and d.other_id == viewer.pk
        and d.ended_at is None
    ]


def why_not_shared(
    viewer: Person, subject: Person, day: date, decisions: Iterable[DecisionLike] = ()
) -> NotShared | None:
    """None when ``viewer`` may see data that is about ``subject`` only; else the reason.

    ``decisions`` are the family's ``RightsDecision`` rows (ended ones are ignored). In order:

    1. Your own data: always.
    2. Shared with you by a decision that still holds (``share_holds``): yes.
    3. A jeugdige or kind sees no one else's own data; nobody sees another opvoeder's.
    4. An opvoeder without gezag, or whose gezag is not known: no.
    5. The young person's age on ``day``, by date of birth: from 18 an adult (no), from 16
       their own say (no), 12 to 15 yes unless a limit decision for this parent is active,
       under 12 yes. With only a birth year: the oldest possible age, so a young person who
       may already be 16 is treated as 16; no birth year at all: no.
    """
    if viewer.pk is not None and viewer.pk == subject.pk:
        return None
    decisions = list(decisions)
    if any(
        share_holds(d, subject, day) for d in _decisions_about(decisions, SHARE, subject, viewer)
    ):
        return None
    if viewer.role != MemberRole.PARENT:
        return NotShared.REQUESTER_IS_YOUNG
    if subject.role == MemberRole.PARENT:
        return NotShared.OTHER_ADULT
    if viewer.has_parental_authority is not True:
        return NotShared.NO_GEZAG
    age = exact_age(subject, day)
    if age is None:
        if subject.birth_year is None:
            return NotShared.AGE_UNKNOWN
        age = oldest_possible_age(subject.birth_year, day)
    if age >= ADULT_AGE:
        return NotShared.OTHER_ADULT
    if age >= OWN_SAY_AGE:
        return NotShared.OWN_SAY
    if age >= OWN_RIGHTS_AGE and _decisions_about(decisions, LIMIT, subject, viewer):
        return NotShared.LIMITED
    return None


def may_see_own_data_of(
    viewer: Person, subject: Person, day: date, decisions: Iterable[DecisionLike] = ()
) -> bool:
    """May ``viewer`` see data that is about ``subject`` only (see ``why_not_shared``)?"""
    return why_not_shared(viewer, subject, day, decisions) is None


def limit_allowed(subject: Person, parent: Person, day: date) -> str | None:
    """None when the adviser may record a limit on ``parent``'s right to information about
    ``subject`` today; else why not, in Dutch for the form. Only for a young person of 12 to
    15 (by date of birth) and a parent with gezag: before 12 and from 16 the law leaves no such
    choice (the parents decide, or the young person alone)."""
    if parent.role != MemberRole.PARENT or parent.has_parental_authority is not True:
        return str(_("Kies een opvoeder met gezag: alleen die heeft dit recht."))
    age = exact_age(subject, day)
    if subject.role == MemberRole.PARENT or age is None:
        return str(_("Vul eerst de geboortedatum van de jongere in."))
    if not OWN_RIGHTS_AGE <= age < OWN_SAY_AGE:
        return str(_("Dit kan alleen bij een jongere van 12 tot en met 15 jaar."))
    return None


def share_allowed(subject: Person, other: Person, day: date) -> str | None:
    """None when ``subject``'s own data may be shared with ``other`` by a recorded decision;
    else why not, in Dutch. A young person's share needs a date of birth (``share_holds``)."""
    if subject.pk == other.pk:
        return str(_("Kies een ander gezinslid."))
    if subject.role != MemberRole.PARENT and exact_age(subject, day) is None:
        return str(_("Vul eerst de geboortedatum van de jongere in."))
    return None


# --- Parts of the file and who sees them -------------------------------------------------------

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class PartKind:
    """A model whose rows are parts of the file (registered in ``AppConfig.ready()``).

    ``family_path``: the lookup from a row to its family; ``member_path``: to the member the
    row is about (None: every row is about the whole family; a row whose member is empty is
    too); ``visibility``: the row's visibility field, or a lookup to the one it follows
    ("goal__visibility": an agreement is shared as its goal is); None: the row is its member's
    own data and never professionals-only, e.g. questionnaire answers.
    """

    model: type[models.Model]
    family_path: str
    member_path: str | None
    visibility: str | None


_PARTS: dict[type[models.Model], PartKind] = {}


def register_part(
    model: type[models.Model],
    *,
    family_path: str = "family",
    member_path: str | None = "member",
    visibility: str | None = "visibility",
) -> None:
    """Declare that rows of ``model`` are parts of the file that family members may see."""
    _PARTS[model] = PartKind(model, family_path, member_path, visibility)


def part_kinds() -> list[PartKind]:
    return sorted(_PARTS.values(), key=lambda kind: kind.model._meta.label)


def _id_at(obj: Any, path: str) -> Any:
    """The id at the end of ``path`` ("family", "goal__member"): ``goal.member_id``."""
    *hops, last = path.split("__")
    return _value_at(obj, "__".join([*hops, f"{last}_id"]))


def _value_at(obj: Any, path: str) -> Any:
    """The value at the end of ``path`` ("visibility", "goal__visibility")."""
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop)
        if obj is None:
            return None
    return getattr(obj, last)


@dataclass(frozen=True)
class ViewerRights:
    """What one member may see of their family's file on one day: built by ``rights_of`` in
    two queries, then used for any number of querysets and rows without more queries."""

    viewer_id: int
    family_id: int
    day: date
    has_portal: bool
    members: frozenset[int]  # whose own data the viewer may see (themselves included)

    def filter(self, queryset: "models.QuerySet[M]") -> "models.QuerySet[M]":
        """``queryset`` narrowed to the rows the viewer may see: their family's, shared with
        the family, and about the whole family or about a member whose data they may see.
        Raises KeyError for a model that is not a registered part."""
        kind = _PARTS[queryset.model]
        if not self.has_portal:
            return queryset.none()
        queryset = queryset.filter(**{kind.family_path: self.family_id})
        if kind.visibility is not None:
            queryset = queryset.filter(**{kind.visibility: Visibility.FAMILY})
        if kind.member_path is not None:
            queryset = queryset.filter(
                Q(**{f"{kind.member_path}__isnull": True})
                | Q(**{f"{kind.member_path}__in": sorted(self.members)})
            )
        return queryset

    def can_see(self, part: models.Model) -> bool:
        """The same rule as ``filter`` for one row already loaded. Its family and member are
        read through their ids; a path through another row (a goal scaling's goal) reads that
        row, so load it with ``select_related`` to avoid a query."""
        kind = _PARTS[type(part)]
        if not self.has_portal or _id_at(part, kind.family_path) != self.family_id:
            return False
        if kind.visibility is not None and _value_at(part, kind.visibility) != Visibility.FAMILY:
            return False
        if kind.member_path is None:
            return True
        member_id = _id_at(part, kind.member_path)
        return member_id is None or member_id in self.members

    @property
    def prepared_values(self) -> tuple[int, tuple[int, ...]]:
        """(family id, the ids of the members whose own data the viewer may see): the values
        of a query compiled once (``lib.prepared.Prepared``) around ``standing_in``'s filter.
        Only when ``has_portal``: without it nothing is visible and no query is needed."""
        if not self.has_portal:
            raise ValueError("Without access to the portal there is nothing to query.")
        return self.family_id, tuple(sorted(self.members))

    @classmethod
    def standing_in(cls, family_id: int, members: tuple[int, ...]) -> "ViewerRights":
        """Rights with stand-in values, to build a ``Prepared`` query with ``filter``."""
        return cls(0, family_id, date.min, True, frozenset(members))

    def may_see_member(self, member_id: int | None) -> bool:
        """Data about ``member_id`` only (None: the whole family)."""
        return self.has_portal and (member_id is None or member_id in self.members)


@cache
def _family_queries() -> tuple[Prepared, Prepared]:
    """The two queries of ``rights_of``, compiled once (they run on nearly every portal page)."""
    from krachtbron.families.models import FamilyMember, RightsDecision

    return (
        Prepared(lambda family_id: FamilyMember.objects.filter(family_id=family_id)),
        Prepared(
            lambda family_id: RightsDecision.objects.filter(family_id=family_id, ended_at=None),
        ),
    )


def rights_of(viewer: Any, today: date | None = None) -> ViewerRights:
    """The rights of ``viewer`` (a FamilyMember) on ``today`` (default: today in Amsterdam):
    two queries, the family's members and its open decisions."""
    day = today or timezone.localdate()
    members_of, decisions_of = _family_queries()
    members = members_of.rows(viewer.family_id)
    decisions = decisions_of.rows(viewer.family_id)
    seen = frozenset(m.pk for m in members if may_see_own_data_of(viewer, m, day, decisions))
    return ViewerRights(viewer.pk, viewer.family_id, day, may_have_portal(viewer, day), seen)


def visible_to(
    viewer: Any, queryset: "models.QuerySet[M]", today: date | None = None
) -> "models.QuerySet[M]":
    """The rows of ``queryset`` that family member ``viewer`` may see on ``today``: the query
    helper for the portal (for several querysets on one page, call ``rights_of`` once)."""
    return rights_of(viewer, today).filter(queryset)


def can_see(viewer: Any, part: models.Model, today: date | None = None) -> bool:
    """May family member ``viewer`` see this row of the file on ``today``?"""
    return rights_of(viewer, today).can_see(part)


def shared_with_family(queryset: "models.QuerySet[M]") -> "models.QuerySet[M]":
    """The rows of ``queryset`` the adviser shares with the family (for a document the whole
    family gets, such as 'Ons krachtenplan'): only the visibility counts here."""
    kind = _PARTS[queryset.model]
    if kind.visibility is None:
        return queryset
    return queryset.filter(**{kind.visibility: Visibility.FAMILY})
