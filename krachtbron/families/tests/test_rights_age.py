"""Ages and portal access change by themselves on the birthday (families/rights.py)."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from krachtbron.families.choices import MemberRole
from krachtbron.families.rights import (
    ADULT_AGE,
    OWN_RIGHTS_AGE,
    OWN_SAY_AGE,
    age_on,
    may_have_portal,
)

PARENT, YOUTH, CHILD = MemberRole.PARENT, MemberRole.YOUTH, MemberRole.CHILD


@dataclass
class P:
    pk: int = 1
    role: str = YOUTH
    birth_year: int | None = None
    birth_date: date | None = None
    has_parental_authority: bool | None = None


def birthday(born: date, years: int) -> date:
    """The day someone born on ``born`` turns ``years``: 1 March for 29 February in a year
    without it (docs/gezinsrechten.md)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


births = st.dates(date(1990, 1, 1), date(2030, 12, 31))
boundaries = st.sampled_from([OWN_RIGHTS_AGE, OWN_SAY_AGE, ADULT_AGE])


@given(births, boundaries)
def test_the_age_goes_up_on_the_birthday_and_not_a_day_before(born, years):
    day = birthday(born, years)
    assert age_on(born, day - timedelta(days=1)) == years - 1
    assert age_on(born, day) == years


@given(st.integers(1992, 2028), boundaries)
def test_born_on_29_february_the_birthday_is_1_march_in_a_year_without_it(leap_year, years):
    assume(leap_year % 4 == 0)
    born = date(leap_year, 2, 29)
    target = leap_year + years
    leap = target % 4 == 0 and (target % 100 != 0 or target % 400 == 0)
    day = date(target, 2, 29) if leap else date(target, 3, 1)
    assert age_on(born, day - timedelta(days=1)) == years - 1
    assert age_on(born, day) == years
    if not leap:
        assert age_on(born, date(target, 2, 28)) == years - 1


def test_29_february_examples():
    born = date(2012, 2, 29)
    assert age_on(born, date(2024, 2, 28)) == 11
    assert age_on(born, date(2024, 2, 29)) == 12  # 2024 has the day itself
    assert age_on(born, date(2028, 2, 28)) == 15
    assert age_on(born, date(2028, 2, 29)) == 16
    assert age_on(born, date(2030, 2, 28)) == 17
    assert age_on(born, date(2030, 3, 1)) == 18


@given(births, st.integers(0, 40 * 366))
def test_age_never_goes_down_and_grows_by_at_most_one_a_day(born, days):
    day = born + timedelta(days=days)
    age = age_on(born, day)
    assert 0 <= age <= age_on(born, day + timedelta(days=1)) <= age + 1


def test_a_day_before_birth_is_an_error():
    with pytest.raises(ValueError, match="before"):
        age_on(date(2020, 5, 1), date(2020, 4, 30))


@given(births)
def test_a_young_person_gets_the_portal_on_the_12th_birthday(born):
    day = birthday(born, OWN_RIGHTS_AGE)
    for role in (YOUTH, CHILD):
        member = P(role=role, birth_date=born, birth_year=born.year)
        assert not may_have_portal(member, day - timedelta(days=1))
        assert may_have_portal(member, day)


@pytest.mark.parametrize("gezag", [True, False, None])
def test_every_opvoeder_may_have_the_portal_with_or_without_gezag(gezag):
    member = P(role=PARENT, birth_year=1985, has_parental_authority=gezag)
    assert may_have_portal(member, date(2026, 6, 1))


def test_without_a_date_of_birth_a_young_person_gets_no_portal():
    # Born in 2000 by year: surely older than 12, but the rule asks for the date.
    assert not may_have_portal(P(role=YOUTH, birth_year=2000), date(2026, 6, 1))
    assert not may_have_portal(P(role=CHILD), date(2026, 6, 1))
