import random
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from krachtbron.insight.dashboards import build_dashboard
from krachtbron.insight.team_figures import team_figures
from krachtbron.instruments import aggregate, get_instrument
from krachtbron.instruments.ids import FAMILIES
from krachtbron.lib.quarters import quarter_of
from krachtbron.questionnaires import actions
from krachtbron.questionnaires.models import Response
from krachtbron.questionnaires.tests.factories import ALL_ITEMS, completed_response, invite
from krachtbron.reflection.tests.factories import closed_quarter_moment
from krachtbron.testing.factories import FamilyFactory, MemberFactory
from krachtbron.testing.queries import assert_constant_queries
from krachtbron.testing.tasks import publish_closed_periods


def _responses(org, count, seed=7, team=None):
    rng = random.Random(seed)
    answer_sets = []
    for _ in range(count):
        family = FamilyFactory(team=team or org.team, advisers=[org.adviser])
        member = MemberFactory(family=family)
        answers = {i: rng.choice([None, 0, 1, 2, 3, 4, 4, 3]) for i in ALL_ITEMS}
        completed_response(member, org.adviser, answers, completed_at=closed_quarter_moment())
        answer_sets.append(answers)
    return answer_sets


def test_below_five_respondents_nothing_is_shown(org, as_user):
    _responses(org, 4)
    client = as_user(org.teamleider)
    publish_closed_periods()
    response = client.get(reverse("insight:team"))
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.suppressed and figures.n is None and figures.items == []
    assert "Te weinig" in response.content.decode()


def test_the_database_figures_equal_the_engines_aggregate(org):
    answer_sets = _responses(org, 9)
    # Noise that must not count: another team, an unfinished response, an empty response.
    _responses(org, 3, seed=1, team=org.other_team)
    unfinished, _ = invite(org.member, org.adviser)
    actions.save_answer(unfinished, "g01", 0)
    completed_response(org.member, org.adviser, {})
    publish_closed_periods()
    read = []
    # Then it only reads: whether a newer quarter is to be published, and the published cells.
    assert_constant_queries(lambda: read.append(team_figures(org.team)), exactly=2)
    figures = read[0]
    expected = aggregate(get_instrument(FAMILIES), answer_sets)
    assert figures.n == expected.n == 9
    for mine, theirs in zip(figures.items, expected.items, strict=True):
        assert mine.distribution == (
            None if theirs.distribution is None else [theirs.distribution[v] for v in range(5)]
        )
        assert mine.mean == pytest.approx(theirs.mean)
    for mine, theirs in zip(figures.sections, expected.sections, strict=True):
        assert mine.respondents == theirs.respondents
        assert mine.mean == pytest.approx(theirs.mean)


def _in_quarter(org, count, when, seed=3):
    """``count`` completed responses of the team, completed at ``when``."""
    rng = random.Random(seed)
    for _ in range(count):
        member = MemberFactory(family=FamilyFactory(team=org.team, advisers=[org.adviser]))
        answers = {i: rng.choice([0, 1, 2, 3, 4]) for i in ALL_ITEMS}
        completed_response(member, org.adviser, answers, completed_at=when)


def test_a_quarter_under_five_never_counts_not_even_in_the_total(org):
    """Subtracting the dashboard's quarters from this page's total may not reveal a small
    quarter: a quarter of 3 stays out of every figure until it reaches 5 itself."""
    this_quarter = closed_quarter_moment()
    last_quarter = this_quarter - timedelta(days=100)
    _in_quarter(org, 5, this_quarter)
    _in_quarter(org, 3, last_quarter)
    publish_closed_periods()
    figures = team_figures(org.team)
    assert figures.n == 5
    assert [key for key, _label in figures.quarters] == [quarter_of(this_quarter)]
    # The small quarter cannot be chosen either: the filter falls back to all quarters.
    assert team_figures(org.team, quarter=quarter_of(last_quarter)).quarter is None

    # Figures of a closed quarter stay as published: two late additions change nothing.
    _in_quarter(org, 2, last_quarter, seed=4)
    assert team_figures(org.team).n == 5


def test_a_quarter_that_reaches_five_counts_in_the_total(org):
    this_quarter = closed_quarter_moment()
    last_quarter = this_quarter - timedelta(days=100)
    _in_quarter(org, 5, this_quarter)
    _in_quarter(org, 5, last_quarter, seed=4)
    publish_closed_periods()
    assert team_figures(org.team).n == 10
    only_last = team_figures(org.team, quarter=quarter_of(last_quarter))
    assert only_last.n == 5 and only_last.quarter == quarter_of(last_quarter)


def test_the_current_quarter_is_not_shown(org):
    _in_quarter(org, 6, timezone.now())
    figures = team_figures(org.team)
    assert figures.suppressed and figures.quarters == []


def test_the_figures_equal_the_dashboards_figures_of_the_team(org):
    """One rule for every page: this page and the dashboard add up the same whole cells."""
    _in_quarter(org, 6, closed_quarter_moment())
    _in_quarter(org, 4, closed_quarter_moment() - timedelta(days=100))
    publish_closed_periods()
    mine = team_figures(org.team)
    theirs = build_dashboard(FAMILIES, [org.team], team=org.team).total
    assert mine.n == theirs.n == 6
    assert [i.distribution for i in mine.items] == [i.distribution for i in theirs.items]
    assert [s.mean for s in mine.sections] == [s.mean for s in theirs.sections]


def test_the_quarter_filter_on_the_page(org, as_user):
    _in_quarter(org, 5, closed_quarter_moment())
    _in_quarter(org, 5, closed_quarter_moment() - timedelta(days=100), seed=5)
    client = as_user(org.teamleider)
    last = quarter_of(closed_quarter_moment() - timedelta(days=100))
    publish_closed_periods()
    body = client.get(reverse("insight:team"), {"kwartaal": last}).content.decode()
    assert "5 ingevulde vragenlijsten" in body
    assert f'<option value="{last}" selected>' in body
    body = client.get(reverse("insight:team"), {"kwartaal": "onzin"}).content.decode()
    assert "10 ingevulde vragenlijsten" in body
    assert "Van dat kwartaal zijn er geen cijfers" in body
    body = client.get(reverse("insight:team"), {"kwartaal": "20011"}).content.decode()
    assert "Van dat kwartaal zijn er geen cijfers" in body and "10 ingevulde" in body
    body = client.get(reverse("insight:team")).content.decode()
    assert "Van dat kwartaal zijn er geen cijfers" not in body


def test_the_teamleider_page_shows_distributions_and_section_means(org, as_user):
    _responses(org, 6)
    client = as_user(org.teamleider)
    publish_closed_periods()
    response = client.get(reverse("insight:team"))
    body = response.content.decode()
    assert "6 ingevulde vragenlijsten" in body and "chart--distribution" in body
    assert "Motivationele dimensie" in body
    # Anonymous: no family name or reference on the page.
    for family_name in Response.objects.values_list("family__display_name", flat=True):
        assert family_name not in body


@pytest.mark.parametrize("persona", ["adviser", "colleague", "beheerder", "onderzoeker"])
def test_only_a_teamleider_sees_the_team_figures(org, as_user, persona):
    user = {"adviser": org.adviser, **org.personas()}[persona]
    assert as_user(user).get(reverse("insight:team")).status_code == 403
