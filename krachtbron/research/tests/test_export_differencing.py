"""Two research exports over overlapping months never single out a small team (SECURITY.md 10, 22).

The researcher chooses a project's months. The team of a row was named when the team had the
minimum of families in the project's months, and pooled as "overig" otherwise; so one row could
be "overig" in one project and named in another. Example: in January, team Y has four families
and team Z one. Project January: Y and Z together are "overig" (five families). Project
January-February: Y has five families with February's, and is named; Z alone is left out.
"overig" of the first, minus the rows named Y in the second (matched on month, role, moment and
answers: the pseudonyms differ, the rows do not), is Z's one family with its answers.

The team of a row is decided by that row's month alone (months are what a project is made of),
so it is the same in every project: what any pair of exports can subtract is a month's group
of at least the minimum.
"""

from collections import Counter
from datetime import date, datetime
from itertools import combinations
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from krachtbron.instruments.ids import FAMILIES
from krachtbron.reflection.tests.factories import family_response
from krachtbron.research import actions as research_actions
from krachtbron.research.export import build_dataset
from krachtbron.testing.factories import TeamFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
MONTHS = (date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1))


def _when(month: date) -> datetime:
    return datetime(month.year, month.month, 12, 12, tzinfo=AMS)


@pytest.fixture
def world(org):
    """Big: the minimum in January and March; Y: four families in January, one in February;
    Z: one family in January. Every family answers differently (a row can be matched)."""
    assert settings.MIN_GROUP_SIZE == 5
    big, y, z = org.team, TeamFactory(name="Team Y"), TeamFactory(name="Team Z")
    made = [(big, MONTHS[0])] * 5 + [(y, MONTHS[0])] * 4 + [(z, MONTHS[0])]
    made += [(y, MONTHS[1])] + [(big, MONTHS[2])] * 5
    for number, (team, month) in enumerate(made):
        answers = {"g01": number % 5, "g02": number // 5 % 5, "g03": number // 25}
        family_response(team, answers, completed_at=_when(month))
    return z


def _export(org, first: date, last: date) -> list:
    project = research_actions.create_project(
        org.onderzoeker,
        title=f"{first:%Y-%m} tot {last:%Y-%m}",
        purpose="Doel",
        instrument_id=FAMILIES,
        first_month=first,
        last_month=last,
    )
    return build_dataset(project)[0]


def _fingerprint(record) -> tuple:
    """What is the same of one response in every project (the pseudonyms are not)."""
    answers = tuple(sorted(record.answers.items()))
    return (record.month, record.role, record.moment, record.language, record.version, answers)


def _groups(records: list) -> dict[str, list]:
    groups: dict[str, list] = {}
    for record in records:
        groups.setdefault(record.team, []).append(record)
    return groups


def test_no_two_exports_subtract_to_fewer_families_than_the_minimum(org, world):
    ranges = [(a, b) for a in MONTHS for b in MONTHS if a <= b]
    exports = {r: _export(org, *r) for r in ranges}
    small = []
    for first, second in combinations(exports.values(), 2):
        for one, other in ((first, second), (second, first)):
            for label, rows in _groups(one).items():
                for other_label, other_rows in _groups(other).items():
                    left = Counter(map(_fingerprint, rows)) - Counter(map(_fingerprint, other_rows))
                    if 0 < left.total() < min(settings.MIN_GROUP_SIZE, len(rows)):
                        small.append(f"{label!r} minus {other_label!r}: {left.total()} rows")
    assert not small, small


def test_a_months_small_teams_are_pooled_or_left_out_in_every_project(org, world):
    january = _export(org, MONTHS[0], MONTHS[0])
    both = _export(org, MONTHS[0], MONTHS[1])
    assert Counter(r.team for r in january) == {org.team.name: 5, "overig": 5}
    # The same January rows, the same teams; February's one family of Y is left out.
    assert Counter(r.team for r in both) == {org.team.name: 5, "overig": 5}
    assert sorted(map(_fingerprint, january)) == sorted(map(_fingerprint, both))
