"""Whose private data goes into whose copy (AVG art. 15(4)): the rule as a table and as laws."""

from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from krachtbron.families.choices import MemberRole
from krachtbron.families.copy_rules import (
    OWN_SAY_AGE,
    LeftOut,
    may_see_private_data_of,
    oldest_possible_age,
    why_left_out,
)

PARENT, YOUTH, CHILD = MemberRole.PARENT, MemberRole.YOUTH, MemberRole.CHILD
TODAY = date(2026, 6, 1)


@dataclass
class M:
    pk: int
    role: str
    birth_year: int | None
    birth_date: date | None = None
    has_parental_authority: bool | None = None

    def __post_init__(self):
        # An opvoeder in these tables has gezag; tests/test_rights.py covers the rest.
        if self.role == PARENT and self.has_parental_authority is None:
            self.has_parental_authority = True


ASKING_PARENT = M(1, PARENT, 1985)


@pytest.mark.parametrize(
    ("requester", "member", "expected"),
    [
        # Your own data, always, whatever your age or role.
        (ASKING_PARENT, ASKING_PARENT, None),
        (M(2, YOUTH, 2012), M(2, YOUTH, 2012), None),
        (M(3, CHILD, None), M(3, CHILD, None), None),
        # An opvoeder: children under 16 yes, others no.
        (ASKING_PARENT, M(4, CHILD, 2020), None),
        (ASKING_PARENT, M(5, YOUTH, 2011), None),  # 15 this year at most
        (ASKING_PARENT, M(6, YOUTH, 2010), LeftOut.OWN_SAY),  # may already be 16
        (ASKING_PARENT, M(7, YOUTH, 2000), LeftOut.OTHER_ADULT),  # an adult child
        (ASKING_PARENT, M(8, PARENT, 1980), LeftOut.OTHER_ADULT),
        (ASKING_PARENT, M(9, PARENT, None), LeftOut.OTHER_ADULT),
        (ASKING_PARENT, M(10, CHILD, None), LeftOut.AGE_UNKNOWN),
        (ASKING_PARENT, M(11, YOUTH, None), LeftOut.AGE_UNKNOWN),
        # A jeugdige or kind: only their own.
        (M(12, YOUTH, 2009), M(13, CHILD, 2020), LeftOut.REQUESTER_IS_YOUNG),
        (M(12, YOUTH, 2009), ASKING_PARENT, LeftOut.REQUESTER_IS_YOUNG),
        (M(14, CHILD, 2018), M(15, YOUTH, 2012), LeftOut.REQUESTER_IS_YOUNG),
    ],
)
def test_the_rule_as_a_table(requester, member, expected):
    assert why_left_out(requester, member, TODAY) == expected
    assert may_see_private_data_of(requester, member, TODAY) is (expected is None)


def test_with_only_a_birth_year_the_oldest_possible_age_counts():
    # Born in 2010: on 1 June 2026 either 15 or already 16. Treated as 16: left out.
    assert oldest_possible_age(2010, TODAY) == 16
    assert oldest_possible_age(2010, date(2026, 12, 31)) == 16
    assert why_left_out(ASKING_PARENT, M(2, YOUTH, 2010), date(2026, 1, 1)) == LeftOut.OWN_SAY
    assert why_left_out(ASKING_PARENT, M(2, YOUTH, 2010), date(2025, 12, 31)) is None


members = st.builds(
    M,
    pk=st.integers(1, 50),
    role=st.sampled_from([PARENT, YOUTH, CHILD]),
    birth_year=st.none() | st.integers(1940, 2026),
)
days = st.dates(date(2020, 1, 1), date(2040, 12, 31))


@given(members, members, days)
def test_only_an_opvoeder_ever_sees_someone_elses_private_data(requester, member, today):
    if may_see_private_data_of(requester, member, today) and requester.pk != member.pk:
        assert requester.role == PARENT
        assert member.role != PARENT
        assert member.birth_year is not None
        # Under 16 on every day of the birth year's calendar: never a possible 16-year-old.
        assert today.year - member.birth_year < OWN_SAY_AGE


@given(members, days)
def test_everyone_sees_their_own_data(member, today):
    assert may_see_private_data_of(member, member, today)


@given(members, members, days)
# Found on CI: born 2003, 17 at the most in 2020, 18 in 2021 (the reason turns to "adult").
@example(M(1, PARENT, None), M(2, YOUTH, 2003), date(2020, 1, 1))
def test_a_child_who_grows_older_never_becomes_visible_again(requester, member, today):
    """Once left out for being (possibly) 16, later years leave the data out too: at 16 and 17
    for the young person's own say, from 18 because the young person is an adult."""
    later = date(today.year + 1, today.month, min(today.day, 28))
    if why_left_out(requester, member, today) == LeftOut.OWN_SAY:
        assert why_left_out(requester, member, later) in {LeftOut.OWN_SAY, LeftOut.OTHER_ADULT}


def test_every_reason_has_a_plain_dutch_sentence():
    for reason in LeftOut:
        assert reason.label.endswith(".") and len(reason.label) < 100
