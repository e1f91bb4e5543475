"""Dashboard figures are computed in the database and equal the engine's aggregate."""

import random
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from krachtbron.accounts.models import Role
from krachtbron.instruments import aggregate, get_instrument
from krachtbron.reflection.dashboards import build_dashboard
from krachtbron.reflection.models import FAMILIES, ORGANISATION, PROFESSIONALS, OrganisationResponse
from krachtbron.reflection.periods import quarter_of
from krachtbron.reflection.tests.factories import (
    answers_of,
    family_response,
    open_round,
    organisation_answers,
    reflection,
    staff,
)
from krachtbron.testing.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def _random_answers(rng, item_ids, skip=0.2):
    return {i: (None if rng.random() < skip else rng.randint(0, 4)) for i in item_ids}


def _assert_same(figures, engine):
    assert figures.suppressed == engine.suppressed
    assert figures.n == engine.n
    assert figures.totals_per_category == engine.totals_per_category
    for mine, theirs in zip(figures.items, engine.items, strict=True):
        assert mine.id == theirs.id
        assert mine.answered == theirs.answered
        assert (mine.distribution or None) == (
            None if theirs.distribution is None else [theirs.distribution[v] for v in range(5)]
        )
        assert mine.mean == pytest.approx(theirs.mean)
    for mine, theirs in zip(figures.sections, engine.sections, strict=True):
        assert mine.respondents == theirs.respondents
        assert mine.mean == pytest.approx(theirs.mean)


def test_family_figures_equal_the_engine_aggregate():
    rng = random.Random(7)
    team = TeamFactory()
    instrument = get_instrument(FAMILIES)
    responses = [family_response(team, _random_answers(rng, instrument.item_ids)) for _ in range(9)]
    # One response with nothing answered: not a respondent, for the engine nor for the database.
    responses.append(family_response(team, {}))
    board = build_dashboard(FAMILIES, [team], team=team)
    engine = aggregate(instrument, [answers_of(FAMILIES, r) for r in responses])
    _assert_same(board.total, engine)
    assert board.total.n == 9


def test_professional_figures_equal_the_engine_aggregate():
    rng = random.Random(8)
    team = TeamFactory()
    instrument = get_instrument(PROFESSIONALS)
    made = [reflection(user, _random_answers(rng, instrument.item_ids)) for user in staff(team, 6)]
    board = build_dashboard(PROFESSIONALS, [team], team=team)
    _assert_same(board.total, aggregate(instrument, [answers_of(PROFESSIONALS, r) for r in made]))


def test_organisation_figures_equal_the_engine_aggregate():
    rng = random.Random(9)
    team = TeamFactory()
    instrument = get_instrument(ORGANISATION)
    people = staff(team, 7)
    leader = UserFactory(team=team, role=Role.TEAMLEIDER)
    round_ = open_round(leader, [team])
    for person in people:
        organisation_answers(round_, [person], _random_answers(rng, instrument.item_ids))
    board = build_dashboard(ORGANISATION, [team], team=team)
    engine = aggregate(
        instrument, [answers_of(ORGANISATION, r) for r in OrganisationResponse.objects.all()]
    )
    _assert_same(board.total, engine)


def test_quarters_split_by_amsterdam_time_and_small_quarters_are_not_shown():
    team = TeamFactory()
    now = timezone.now()
    earlier = now - timedelta(days=200)
    for _ in range(5):
        family_response(team, {"g01": 4}, completed_at=now)
    for _ in range(3):
        family_response(team, {"g01": 0}, completed_at=earlier)
    board = build_dashboard(FAMILIES, [team], team=team)
    # The 3 earlier responses form a cell below 5: they count nowhere, not even in the total.
    assert board.total.n == 5
    assert board.total.items[0].mean == 4
    by_quarter = {g.key: g.figures for g in board.trend}
    assert by_quarter[quarter_of(now)].n == 5
    assert by_quarter[quarter_of(earlier)].suppressed


def test_small_teams_are_pooled_only_in_figures_over_all_teams():
    big, small_a, small_b = TeamFactory(), TeamFactory(), TeamFactory()
    for _ in range(6):
        family_response(big, {"g01": 4})
    for _ in range(3):
        family_response(small_a, {"g01": 1})
    for _ in range(2):
        family_response(small_b, {"g01": 0})
    teams = [big, small_a, small_b]
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
    for _ in range(5):
        family_response(big, {"g01": 4})
    for _ in range(4):
        family_response(small, {"g01": 0})
    board = build_dashboard(FAMILIES, [big, small], all_teams=True)
    assert board.total.n == 5
    assert board.total.items[0].distribution == [0, 0, 0, 0, 5]


def test_one_person_counts_once_per_quarter_in_professional_figures():
    team = TeamFactory()
    people = staff(team, 4)
    for person in people:
        reflection(person, {"p01": 3})
    # The fourth person reflects three times: still four people, so nothing is shown.
    reflection(people[3], {"p01": 1})
    reflection(people[3], {"p01": 2})
    board = build_dashboard(PROFESSIONALS, [team], team=team)
    assert board.total.suppressed


def test_the_dashboard_query_count_does_not_grow_with_the_number_of_teams():
    def run(team_count):
        teams = [TeamFactory() for _ in range(team_count)]
        for team in teams:
            for _ in range(5):
                family_response(team, {"g01": 3, "g02": 4})
        with CaptureQueriesContext(connection) as ctx:
            for instrument_id in (FAMILIES, PROFESSIONALS, ORGANISATION):
                build_dashboard(instrument_id, teams, all_teams=True)
        return len(ctx.captured_queries)

    assert run(2) == run(6)
