"""For the family questionnaire the unit behind a figure is the family (break-11, finding 7).

Five members of one family who each filled in the list are one family's answers: a team figure
of them would show that family (averaged over its members, with every item's distribution) to a
teamleider who may never see its file. So every figure of the family questionnaire (the group,
each item, each section, the pool of small teams) needs at least the minimum of respondents AND
of distinct families, as the research export counts families for the same rule.
"""

from __future__ import annotations

import pytest

from krachtbron.insight.dashboards import build_dashboard
from krachtbron.insight.models import PublishedCell
from krachtbron.instruments import get_instrument
from krachtbron.instruments.ids import FAMILIES
from krachtbron.reflection.tests.factories import closed_quarter_moment, family_response
from krachtbron.testing.factories import FamilyFactory, MemberFactory, TeamFactory
from krachtbron.testing.tasks import publish_closed_periods

pytestmark = pytest.mark.django_db
INSTRUMENT = get_instrument(FAMILIES)
FIRST, SECOND = INSTRUMENT.item_ids[:2]


def _answers_of_family(team, members, answers, family=None):
    family = family or FamilyFactory(team=team)
    for _ in range(members):
        member = MemberFactory(family=family)
        family_response(team, answers, member=member, completed_at=closed_quarter_moment())
    return family


def test_five_members_of_one_family_make_no_team_figure():
    team = TeamFactory(name="Klein")
    _answers_of_family(team, 5, {FIRST: 0})
    publish_closed_periods()
    board = build_dashboard(FAMILIES, [team], team=team)
    assert board.total.suppressed and board.total.n is None
    assert not PublishedCell.objects.exists()


def test_four_families_with_many_members_make_no_team_figure():
    team = TeamFactory()
    for _ in range(4):
        _answers_of_family(team, 3, {FIRST: 2})
    publish_closed_periods()
    assert build_dashboard(FAMILIES, [team], team=team).total.suppressed


def test_five_families_make_a_figure_of_all_their_members_answers():
    team = TeamFactory()
    for _ in range(5):
        _answers_of_family(team, 2, {FIRST: 3})
    publish_closed_periods()
    total = build_dashboard(FAMILIES, [team], team=team).total
    assert not total.suppressed and total.n == 10
    assert total.items[0].distribution == [0, 0, 0, 10, 0]
    (cell,) = PublishedCell.objects.all()
    assert (cell.respondents, cell.persons) == (10, 5)  # persons: the families behind it


def test_an_item_answered_by_members_of_fewer_than_five_families_is_suppressed():
    """Six families answer the first item; the second is answered only by all members of two
    families (six people): its distribution is one or two families' answers."""
    team = TeamFactory()
    for _ in range(4):
        _answers_of_family(team, 1, {FIRST: 2})
    for _ in range(2):
        _answers_of_family(team, 3, {FIRST: 2, SECOND: 0})
    publish_closed_periods()
    total = build_dashboard(FAMILIES, [team], team=team).total
    assert not total.suppressed and total.n == 10
    assert total.items[0].distribution == [0, 0, 10, 0, 0]
    assert total.items[1].distribution is None


def test_a_section_scored_by_members_of_fewer_than_five_families_is_suppressed():
    section = INSTRUMENT.sections[1]
    full = dict.fromkeys(section.item_ids, 4)
    team = TeamFactory()
    for _ in range(5):
        _answers_of_family(team, 1, {FIRST: 1})
    for _ in range(2):
        _answers_of_family(team, 3, {FIRST: 1, **full})
    publish_closed_periods()
    total = build_dashboard(FAMILIES, [team], team=team).total
    assert not total.suppressed
    (shown,) = [s for s in total.sections if s.id == section.id]
    assert shown.mean is None and shown.respondents is None


def test_the_pool_of_small_teams_counts_families_too():
    """Three small teams hold five answers, but four of them are one family's (a family whose
    members answered in two teams, say after a move): no 'overige teams' figure."""
    big = TeamFactory()
    for _ in range(5):
        _answers_of_family(big, 1, {FIRST: 4})
    small = [TeamFactory() for _ in range(3)]
    family = _answers_of_family(small[0], 2, {FIRST: 0})
    _answers_of_family(small[1], 2, {FIRST: 0}, family=family)
    _answers_of_family(small[2], 1, {FIRST: 0})
    publish_closed_periods()
    board = build_dashboard(FAMILIES, [big, *small], all_teams=True)
    keys = set(PublishedCell.objects.values_list("team_key", flat=True))
    assert keys == {big.pk}
    assert board.total.n == 5 and board.total.items[0].distribution == [0, 0, 0, 0, 5]
