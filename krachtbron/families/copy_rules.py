"""Whose private data goes into a family member's copy of the file (AVG art. 15(4)).

A copy is made for one member of the family who asks for it. Data about the whole family is in
every copy. Data about one member only (their questionnaire answers and scores, their strength
profile and scalings, the scores of their own goals, their invitations, their own network) is
*private data* of that member; whether another member's private data goes into the copy is
decided by the one rule of the whole app, ``families/rights.py`` (the portal uses it too), so the
copy and the portal always agree. The rules and the laws they follow are in
docs/gezinsrechten.md; the copy itself in docs/familiedossier.md ("Voor wie is de kopie?").
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from krachtbron.families import rights

#: From this age a young person decides alone about their own data (see families/rights.py).
OWN_SAY_AGE = rights.OWN_SAY_AGE

MemberLike = rights.Person

#: Why another member's private data is not in a copy: the reasons of the one rule.
LeftOut = rights.NotShared

oldest_possible_age = rights.oldest_possible_age


def why_left_out(
    requester: MemberLike,
    member: MemberLike,
    today: date,
    decisions: Iterable[rights.DecisionLike] = (),
) -> LeftOut | None:
    """None when ``requester``'s copy may hold ``member``'s private data; else the reason.

    The same rule as the portal (``rights.why_not_shared``): your own data always; an opvoeder
    with gezag gets a child's data under 16 (12 to 15 unless the adviser limited it), nobody
    gets another adult's, a young person's from 16 or the data of someone whose age we do not
    know; ``decisions`` (the family's ``RightsDecision`` rows) add what a member shared.
    """
    return rights.why_not_shared(requester, member, today, decisions)


def may_see_private_data_of(
    requester: MemberLike,
    member: MemberLike,
    today: date,
    decisions: Iterable[rights.DecisionLike] = (),
) -> bool:
    """May a copy made for ``requester`` hold data that is about ``member`` only?"""
    return why_left_out(requester, member, today, decisions) is None


@dataclass(frozen=True)
class MemberDecision:
    """One member of the family and whether their private data is in the copy."""

    member_id: int
    name: str
    left_out: LeftOut | None

    @property
    def reason(self) -> str:
        return self.left_out.label if self.left_out else ""
