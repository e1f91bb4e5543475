"""Whose private data goes into a family member's copy of the file (AVG art. 15(4)).

A copy is made for one member of the family who asks for it. Data about the whole family is in
every copy. Data about one member only (their questionnaire answers and scores, their strength
profile and scalings, the scores of their own goals, their invitations, their own network) is
*private data* of that member; whether another member's private data goes into the copy is
decided here, and only here. The rules and the laws they follow are in docs/familiedossier.md
("Voor wie is de kopie?").

Plain functions without a database, so the rule can be tested as a table and with hypothesis.
"""

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Protocol

from django.utils.translation import gettext_lazy as _

from krachtbron.families.choices import MemberRole

#: From this age a young person decides alone about their own data: parents no longer get it
#: without the young person's consent (WGBO art. 7:457, Jeugdwet art. 7.3.11).
OWN_SAY_AGE = 16


class MemberLike(Protocol):
    """A family member as the rule sees it (a FamilyMember, or a plain object in tests)."""

    @property
    def pk(self) -> int | None: ...

    @property
    def role(self) -> str: ...

    @property
    def birth_year(self) -> int | None: ...


class LeftOut(Enum):
    """Why another member's private data is not in a copy."""

    REQUESTER_IS_YOUNG = "requester_is_young"
    OTHER_ADULT = "other_adult"
    OWN_SAY = "own_say"
    AGE_UNKNOWN = "age_unknown"

    @property
    def label(self) -> str:
        return str(_LEFT_OUT_LABELS[self])


_LEFT_OUT_LABELS = {
    LeftOut.REQUESTER_IS_YOUNG: _("Je krijgt alleen je eigen antwoorden, niet die van anderen."),
    LeftOut.OTHER_ADULT: _("Dit is een volwassene. Die beslist zelf over de eigen gegevens."),
    LeftOut.OWN_SAY: _("Deze jongere is 16 of ouder. Die beslist zelf over de eigen gegevens."),
    LeftOut.AGE_UNKNOWN: _("We weten de leeftijd niet. Daarom laten we deze gegevens weg."),
}


def oldest_possible_age(birth_year: int, today: date) -> int:
    """The age someone born in ``birth_year`` has at most on ``today`` (in whole years).

    With only a birth year the real age is this or one less. The rule uses the oldest possible
    age: a young person who may already be 16 is treated as 16, so the rule errs toward the
    young person's privacy, never toward handing their data to a parent.
    """
    return today.year - birth_year


def why_left_out(requester: MemberLike, member: MemberLike, today: date) -> LeftOut | None:
    """None when ``requester``'s copy may hold ``member``'s private data; else the reason.

    - Your own data: always.
    - A jeugdige or kind who asks gets only their own private data.
    - An opvoeder who asks gets the private data of children under 16, not of other adults
      (other opvoeders) nor of young people who are (or may already be) 16 or older.
    - Unknown birth year: left out (we cannot tell the child is under 16).
    """
    if requester.pk is not None and requester.pk == member.pk:
        return None
    if requester.role != MemberRole.PARENT:
        return LeftOut.REQUESTER_IS_YOUNG
    if member.role == MemberRole.PARENT:
        return LeftOut.OTHER_ADULT
    if member.birth_year is None:
        return LeftOut.AGE_UNKNOWN
    if oldest_possible_age(member.birth_year, today) >= OWN_SAY_AGE:
        return LeftOut.OWN_SAY
    return None


def may_see_private_data_of(requester: MemberLike, member: MemberLike, today: date) -> bool:
    """May a copy made for ``requester`` hold data that is about ``member`` only?"""
    return why_left_out(requester, member, today) is None


@dataclass(frozen=True)
class MemberDecision:
    """One member of the family and whether their private data is in the copy."""

    member_id: int
    name: str
    left_out: LeftOut | None

    @property
    def reason(self) -> str:
        return self.left_out.label if self.left_out else ""
