"""Group figures are computed in the database, equal the engine's aggregate, and are published
per closed period after the one suppression rule."""

import random
from datetime import timedelta
from fractions import Fraction

import pytest

from krachtbron.accounts.models import Role
from krachtbron.insight.cells import Cell, fetch_cells
from krachtbron.insight.dashboards import build_dashboard
from krachtbron.insight.models import PublishedPeriod
from krachtbron.insight.tasks import publish_everything
from krachtbron.instruments import aggregate, get_instrument
from krachtbron.instruments.ids import FAMILIES, ORGANISATION, PROFESSIONALS
from krachtbron.lib.answer_sources import source_for
from krachtbron.lib.quarters import quarter_of
from krachtbron.reflection.models import OrganisationResponse
from krachtbron.reflection.tests.factories import (
    RoundFactory,
    answers_of,
    closed_quarter_moment,
    family_response,
    published_again,
    reflection,
    staff,
)
from krachtbron.testing.factories import TeamFactory, UserFactory
from krachtbron.testing.queries import assert_constant_queries
from krachtbron.testing.tasks import publish_closed_periods

pytestmark = pytest.mark.django_db


def _random_answers(rng, item_ids, skip=0.2):
    return {i: (None if rng.random() < skip else rng.randint(0, 4)) for i in item_ids}


def _assert_cell_is_the_engines(cell: Cell, instrument, answer_sets) -> None:
    """A fresh (unsuppressed) cell against the engine's rules, figure by figure."""
    raw = aggregate(instrument, answer_sets, min_group_size=5)
    respondents = [s for s in answer_sets if any(v is not None for v in s.values())]
    assert cell.respondents == len(respondents)
    for item_id in instrument.item_ids:
        values = [s[item_id] for s in respondents if s.get(item_id) is not None]
        assert cell.items[item_id] == [values.count(v) for v in range(5)], item_id
    for index, section in enumerate(instrument.sections):
        means = []
        for answers in respondents:
            given = [answers.get(i) for i in section.item_ids if answers.get(i) is not None]
            if len(given) * 2 >= len(section.item_ids):
                means.append(Fraction(sum(given), len(given)))
        assert cell.section_counts[index] == len(means), section.id
        # Exact on every database: whole-number totals, no float sum (issue 12, finding 2).
        assert cell.section_sums[index] == sum(means, Fraction(0))
        engine = raw.sections[index]
        if engine.respondents is not None:
            assert engine.respondents == len(means)
            assert engine.mean == float(sum(means, Fraction(0)) / len(means))


def test_family_cells_follow_the_engines_rules():
    rng = random.Random(7)
    team = TeamFactory()
    instrument = get_instrument(FAMILIES)
    when = closed_quarter_moment()
    made = [
        family_response(team, _random_answers(rng, instrument.item_ids), completed_at=when)
        for _ in range(9)
    ]
    # One response with nothing answered: not a respondent, for the engine nor for the database.
    made.append(family_response(team, {}, completed_at=when))
    cells = fetch_cells(source_for(instrument), instrument)
    assert list(cells) == [(team.pk, quarter_of(when))]
    _assert_cell_is_the_engines(
        cells[(team.pk, quarter_of(when))], instrument, [answers_of(FAMILIES, r) for r in made]
    )


def test_professional_cells_follow_the_engines_rules():
    rng = random.Random(8)
    team = TeamFactory()
    instrument = get_instrument(PROFESSIONALS)
    when = closed_quarter_moment()
    made = [
        reflection(user, _random_answers(rng, instrument.item_ids), when=when)
        for user in staff(team, 6)
    ]
    cells = fetch_cells(source_for(instrument), instrument)
    (cell,) = cells.values()
    _assert_cell_is_the_engines(cell, instrument, [answers_of(PROFESSIONALS, r) for r in made])


def test_organisation_cells_follow_the_engines_rules():
    rng = random.Random(9)
    team = TeamFactory()
    instrument = get_instrument(ORGANISATION)
    leader = UserFactory(team=team, role=Role.TEAMLEIDER)
    answers = [([person], _random_answers(rng, instrument.item_ids)) for person in staff(team, 7)]
    RoundFactory(opened_by=leader, answers=answers, closed=True)
    (cell,) = fetch_cells(source_for(instrument), instrument).values()
    _assert_cell_is_the_engines(
        cell,
        instrument,
        [answers_of(ORGANISATION, r) for r in OrganisationResponse.objects.all()],
    )


def test_the_dashboard_equals_the_engine_with_its_per_item_rule():
    """The whole chain (publish, suppress, read, add up) gives the engine's aggregate, which
    applies the same rule to every item and section."""
    rng = random.Random(11)
    team = TeamFactory()
    instrument = get_instrument(FAMILIES)
    when = closed_quarter_moment()
    made = [
        family_response(team, _random_answers(rng, instrument.item_ids, 0.6), completed_at=when)
        for _ in range(8)
    ]
    engine = aggregate(instrument, [answers_of(FAMILIES, r) for r in made])
    publish_closed_periods()
    figures = build_dashboard(FAMILIES, [team], team=team).total
    assert figures.n == engine.n == 8
    assert figures.totals_per_category == engine.totals_per_category
    assert any(i.answered is None for i in engine.items)  # some items had too few answers
    for mine, theirs in zip(figures.items, engine.items, strict=True):
        assert mine.answered == theirs.answered
        expected = None if theirs.distribution is None else list(theirs.distribution.values())
        assert mine.distribution == expected
        assert mine.mean == pytest.approx(theirs.mean)
    for mine, theirs in zip(figures.sections, engine.sections, strict=True):
        assert mine.respondents == theirs.respondents
        assert mine.mean == theirs.mean  # the same float: the same exact mean


def test_quarters_split_by_amsterdam_time_and_small_quarters_are_not_shown():
    team = TeamFactory()
    later = closed_quarter_moment()
    earlier = later - timedelta(days=200)
    for _ in range(5):
        family_response(team, {"g01": 4}, completed_at=later)
    for _ in range(3):
        family_response(team, {"g01": 0}, completed_at=earlier)
    publish_closed_periods()
    board = build_dashboard(FAMILIES, [team], team=team)
    # The 3 earlier responses form a cell below 5: they count nowhere, not even in the total.
    assert board.total.n == 5
    assert board.total.items[0].mean == 4
    by_quarter = {g.key: g.figures for g in board.trend}
    assert by_quarter[quarter_of(later)].n == 5
    assert quarter_of(earlier) not in by_quarter or by_quarter[quarter_of(earlier)].suppressed


def test_the_current_quarter_is_never_shown():
    team = TeamFactory()
    for _ in range(6):
        family_response(team, {"g01": 4})  # now
    board = build_dashboard(FAMILIES, [team], team=team)
    assert board.total.suppressed and board.trend == []


def test_small_teams_are_pooled_only_in_figures_over_all_teams():
    big, small_a, small_b = TeamFactory(), TeamFactory(), TeamFactory()
    when = closed_quarter_moment()
    for _ in range(6):
        family_response(big, {"g01": 4}, completed_at=when)
    for _ in range(3):
        family_response(small_a, {"g01": 1}, completed_at=when)
    for _ in range(2):
        family_response(small_b, {"g01": 0}, completed_at=when)
    teams = [big, small_a, small_b]
    publish_closed_periods()
    board = build_dashboard(FAMILIES, teams, all_teams=True)
    assert board.total.n == 11  # big (6) + the pool of the small teams (5)
    per_team = {g.label: g.figures for g in board.per_team}
    assert per_team[big.name].n == 6
    assert per_team[small_a.name].suppressed and per_team[small_b.name].suppressed
    pool = board.per_team[-1].figures
    assert pool.n == 5  # subtracting the teams from the total gives the pool: at least 5
    alone = build_dashboard(FAMILIES, teams, team=small_a, all_teams=True)
    assert alone.total.suppressed and alone.total.n is None


def test_a_pool_under_five_is_dropped_everywhere():
    big, small = TeamFactory(), TeamFactory()
    when = closed_quarter_moment()
    for _ in range(5):
        family_response(big, {"g01": 4}, completed_at=when)
    for _ in range(4):
        family_response(small, {"g01": 0}, completed_at=when)
    publish_closed_periods()
    board = build_dashboard(FAMILIES, [big, small], all_teams=True)
    assert board.total.n == 5
    assert board.total.items[0].distribution == [0, 0, 0, 0, 5]


def test_a_pool_counts_one_person_once_even_in_two_small_teams():
    """Five responses in two small teams, but from four people: the pool is too small."""
    from krachtbron.testing.factories import FamilyFactory, MemberFactory

    small_a, small_b = TeamFactory(), TeamFactory()
    when = closed_quarter_moment()
    moved = MemberFactory(family=FamilyFactory(team=small_a))
    family_response(small_a, {"g01": 3}, completed_at=when, member=moved)
    family_response(small_b, {"g01": 3}, completed_at=when, member=moved)
    for team in (small_a, small_b, small_b):
        family_response(team, {"g01": 2}, completed_at=when)
    publish_closed_periods()
    board = build_dashboard(FAMILIES, [small_a, small_b], all_teams=True)
    assert board.total.suppressed


def test_one_person_counts_once_per_quarter_in_professional_figures():
    team = TeamFactory()
    people = staff(team, 4)
    when = closed_quarter_moment()
    for person in people:
        reflection(person, {"p01": 3}, when=when)
    # The fourth person reflects three times: still four people, so nothing is shown.
    reflection(people[3], {"p01": 1}, when=when)
    reflection(people[3], {"p01": 2}, when=when)
    publish_closed_periods()
    board = build_dashboard(PROFESSIONALS, [team], team=team)
    assert board.total.suppressed


def test_the_dashboard_query_count_does_not_grow_with_the_number_of_teams():
    teams: list = []

    def more_teams(count):
        when = closed_quarter_moment()
        for _ in range(count):
            team = TeamFactory()
            teams.append(team)
            for _ in range(5):
                family_response(team, {"g01": 3, "g02": 4}, completed_at=when)
        published_again()  # published once: as if these answers had been there all along

    def dashboards():
        for instrument_id in (FAMILIES, PROFESSIONALS, ORGANISATION):
            build_dashboard(instrument_id, teams, all_teams=True)

    def publish_and_read():  # what the background task does, then a read
        PublishedPeriod.objects.all().delete()
        publish_everything()
        dashboards()

    more_teams(2)
    assert_constant_queries(dashboards, grow=lambda: more_teams(2))
    assert_constant_queries(publish_and_read, grow=lambda: more_teams(2))
