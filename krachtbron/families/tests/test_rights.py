"""Who in the family may see whose own data (families/rights.py): as a table, at every
birthday that changes it, with decisions, and as a query helper that agrees with itself."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krachtbron.families.choices import MemberRole
from krachtbron.families.rights import (
    ADULT_AGE,
    LIMIT,
    OWN_RIGHTS_AGE,
    OWN_SAY_AGE,
    SHARE,
    NotShared,
    limit_allowed,
    share_allowed,
    why_not_shared,
)

PARENT, YOUTH, CHILD = MemberRole.PARENT, MemberRole.YOUTH, MemberRole.CHILD
TODAY = date(2026, 6, 1)


@dataclass
class P:
    pk: int
    role: str
    birth_date: date | None = None
    birth_year: int | None = None
    has_parental_authority: bool | None = None

    def __post_init__(self):
        if self.birth_date is not None and self.birth_year is None:
            self.birth_year = self.birth_date.year


@dataclass
class D:
    kind: str
    subject_id: int
    other_id: int
    decided_at: datetime
    ended_at: datetime | None = None


MOTHER = P(1, PARENT, birth_year=1985, has_parental_authority=True)
STEPFATHER = P(2, PARENT, birth_year=1980, has_parental_authority=False)
FATHER_UNKNOWN = P(3, PARENT, birth_year=1982, has_parental_authority=None)


def born(years_before: int, day: date = TODAY) -> date:
    return day.replace(year=day.year - years_before)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("viewer", "subject", "expected"),
    [
        (MOTHER, MOTHER, None),  # your own, always
        (P(9, CHILD, born(8)), P(9, CHILD, born(8)), None),
        (MOTHER, P(4, CHILD, born(8)), None),  # under 12: parents with gezag
        (MOTHER, P(5, YOUTH, born(14)), None),  # 12-15: both
        (MOTHER, P(6, YOUTH, born(16)), NotShared.OWN_SAY),  # from 16: alone
        (MOTHER, P(7, YOUTH, born(18)), NotShared.OTHER_ADULT),  # from 18: an adult
        (STEPFATHER, P(4, CHILD, born(8)), NotShared.NO_GEZAG),
        (FATHER_UNKNOWN, P(4, CHILD, born(8)), NotShared.NO_GEZAG),  # unknown counts as no
        (MOTHER, STEPFATHER, NotShared.OTHER_ADULT),
        (P(5, YOUTH, born(14)), P(4, CHILD, born(8)), NotShared.REQUESTER_IS_YOUNG),
        (P(5, YOUTH, born(14)), MOTHER, NotShared.REQUESTER_IS_YOUNG),
        (MOTHER, P(8, CHILD), NotShared.AGE_UNKNOWN),
        # Only a birth year: the oldest possible age (born in 2010: may be 16 already).
        (MOTHER, P(10, YOUTH, birth_year=2010), NotShared.OWN_SAY),
        (MOTHER, P(11, YOUTH, birth_year=2011), None),
    ],
)
def test_the_rule_as_a_table(viewer, subject, expected):
    assert why_not_shared(viewer, subject, TODAY) == expected


young_births = st.dates(date(2000, 1, 1), date(2030, 12, 31))


def birthday(day_of_birth: date, years: int) -> date:
    try:
        return day_of_birth.replace(year=day_of_birth.year + years)
    except ValueError:  # 29 February: 1 March in a year without it
        return date(day_of_birth.year + years, 3, 1)


@given(young_births)
def test_the_12th_birthday_gives_the_young_person_a_say_but_parents_keep_theirs(day_of_birth):
    youth = P(5, YOUTH, day_of_birth)
    limit = D(LIMIT, youth.pk, MOTHER.pk, at(day_of_birth))
    day = birthday(day_of_birth, OWN_RIGHTS_AGE)
    # A limit on a parent only counts from 12; the day before, the parent still sees.
    assert why_not_shared(MOTHER, youth, day - timedelta(days=1), [limit]) is None
    assert why_not_shared(MOTHER, youth, day, [limit]) == NotShared.LIMITED
    assert why_not_shared(MOTHER, youth, day) is None


@given(young_births)
def test_the_16th_birthday_ends_the_parents_right(day_of_birth):
    youth = P(5, YOUTH, day_of_birth)
    day = birthday(day_of_birth, OWN_SAY_AGE)
    assert why_not_shared(MOTHER, youth, day - timedelta(days=1)) is None
    assert why_not_shared(MOTHER, youth, day) == NotShared.OWN_SAY


@given(young_births)
def test_the_18th_birthday_makes_an_adult_and_a_share_from_16_still_holds(day_of_birth):
    youth = P(5, YOUTH, day_of_birth)
    day = birthday(day_of_birth, ADULT_AGE)
    assert why_not_shared(MOTHER, youth, day - timedelta(days=1)) == NotShared.OWN_SAY
    assert why_not_shared(MOTHER, youth, day) == NotShared.OTHER_ADULT
    # Shared at 16 by the young person alone: the same person decides at 18.
    share = D(SHARE, youth.pk, MOTHER.pk, at(birthday(day_of_birth, OWN_SAY_AGE)))
    assert why_not_shared(MOTHER, youth, day, [share]) is None


@given(young_births, st.sampled_from([OWN_RIGHTS_AGE, OWN_SAY_AGE]))
def test_a_share_lapses_on_the_birthday_that_changes_who_consents(day_of_birth, years):
    youth = P(5, YOUTH, day_of_birth)
    day = birthday(day_of_birth, years)
    share = D(SHARE, youth.pk, STEPFATHER.pk, at(day - timedelta(days=1)))
    assert why_not_shared(STEPFATHER, youth, day - timedelta(days=1), [share]) is None
    assert why_not_shared(STEPFATHER, youth, day, [share]) is not None


def test_a_step_parent_sees_only_what_is_shared_and_only_while_it_is():
    child = P(4, CHILD, born(8))
    share = D(SHARE, child.pk, STEPFATHER.pk, at(TODAY - timedelta(days=30)))
    assert why_not_shared(STEPFATHER, child, TODAY, [share]) is None
    ended = D(SHARE, child.pk, STEPFATHER.pk, share.decided_at, ended_at=at(TODAY))
    assert why_not_shared(STEPFATHER, child, TODAY, [ended]) == NotShared.NO_GEZAG
    # A share with someone else, or of someone else's data, is not this one.
    other = D(SHARE, child.pk, MOTHER.pk, share.decided_at)
    assert why_not_shared(STEPFATHER, child, TODAY, [other]) == NotShared.NO_GEZAG
    # An adult's share has no birthday to lapse on.
    assert why_not_shared(STEPFATHER, MOTHER, TODAY, [D(SHARE, 1, 2, at(date(2001, 1, 1)))]) is None


def test_a_limit_is_for_one_parent_and_ends_when_ended():
    youth = P(5, YOUTH, born(14))
    father = P(12, PARENT, birth_year=1980, has_parental_authority=True)
    limit = D(LIMIT, youth.pk, MOTHER.pk, at(TODAY))
    assert why_not_shared(MOTHER, youth, TODAY, [limit]) == NotShared.LIMITED
    assert why_not_shared(father, youth, TODAY, [limit]) is None
    ended = D(LIMIT, youth.pk, MOTHER.pk, at(TODAY), ended_at=at(TODAY))
    assert why_not_shared(MOTHER, youth, TODAY, [ended]) is None


def test_what_may_be_recorded():
    youth14, child8, youth16 = P(5, YOUTH, born(14)), P(4, CHILD, born(8)), P(6, YOUTH, born(16))
    assert limit_allowed(youth14, MOTHER, TODAY) is None
    assert "12 tot en met 15" in limit_allowed(child8, MOTHER, TODAY)
    assert "12 tot en met 15" in limit_allowed(youth16, MOTHER, TODAY)
    assert "met gezag" in limit_allowed(youth14, STEPFATHER, TODAY)
    assert "geboortedatum" in limit_allowed(P(7, YOUTH, birth_year=2012), MOTHER, TODAY)
    assert share_allowed(child8, STEPFATHER, TODAY) is None
    assert share_allowed(MOTHER, STEPFATHER, TODAY) is None
    assert "ander gezinslid" in share_allowed(MOTHER, MOTHER, TODAY)
    assert "geboortedatum" in share_allowed(P(7, YOUTH, birth_year=2012), MOTHER, TODAY)


people = st.builds(
    P,
    pk=st.integers(1, 8),
    role=st.sampled_from([PARENT, YOUTH, CHILD]),
    birth_date=st.none() | st.dates(date(1950, 1, 1), date(2026, 1, 1)),
    has_parental_authority=st.sampled_from([True, False, None]),
)
days = st.dates(date(2026, 1, 2), date(2045, 12, 31))


@given(people, people, days)
def test_without_decisions_only_a_parent_with_gezag_sees_a_minors_data(viewer, subject, day):
    if viewer.pk == subject.pk or why_not_shared(viewer, subject, day) is not None:
        return
    assert viewer.role == PARENT and viewer.has_parental_authority is True
    assert subject.role != PARENT
    assert subject.birth_year is not None and day.year - subject.birth_year < ADULT_AGE
    if subject.birth_date is not None:
        assert (day - subject.birth_date).days < OWN_SAY_AGE * 366


@given(people, people, days)
def test_a_limit_never_gives_access_and_a_share_never_takes_it(viewer, subject, day):
    base = why_not_shared(viewer, subject, day) is None
    limit = D(LIMIT, subject.pk, viewer.pk, at(day))
    share = D(SHARE, subject.pk, viewer.pk, at(day))
    assert (why_not_shared(viewer, subject, day, [limit]) is None) <= base
    assert base <= (why_not_shared(viewer, subject, day, [share]) is None)
