import random

import pytest
from django.urls import reverse

from krachtbron.instruments import aggregate, get_instrument
from krachtbron.questionnaires import actions
from krachtbron.questionnaires.models import Response
from krachtbron.questionnaires.team_figures import team_figures
from krachtbron.questionnaires.tests.factories import ALL_ITEMS, completed_response, invite
from krachtbron.testing.factories import FamilyFactory, MemberFactory


def _responses(org, count, seed=7, team=None):
    rng = random.Random(seed)
    answer_sets = []
    for _ in range(count):
        family = FamilyFactory(team=team or org.team, advisers=[org.adviser])
        member = MemberFactory(family=family)
        answers = {i: rng.choice([None, 0, 1, 2, 3, 4, 4, 3]) for i in ALL_ITEMS}
        completed_response(member, org.adviser, answers)
        answer_sets.append(answers)
    return answer_sets


def test_below_five_respondents_nothing_is_shown(org, as_user):
    _responses(org, 4)
    client = as_user(org.teamleider)
    response = client.get(reverse("questionnaires:team"))
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.suppressed and figures.n is None and figures.items == []
    assert "Te weinig" in response.content.decode()


def test_the_database_figures_equal_the_engines_aggregate(org, django_assert_max_num_queries):
    answer_sets = _responses(org, 9)
    # Noise that must not count: another team, an unfinished response, an empty response.
    _responses(org, 3, seed=1, team=org.other_team)
    unfinished, _ = invite(org.member, org.adviser)
    actions.save_answer(unfinished, "g01", 0)
    completed_response(org.member, org.adviser, {})
    with django_assert_max_num_queries(4):
        figures = team_figures(org.team)
    expected = aggregate(get_instrument("kracht-gezinnen"), answer_sets)
    assert figures.n == expected.n == 9
    for mine, theirs in zip(figures.items, expected.items, strict=True):
        assert mine.distribution == [theirs.distribution[v] for v in range(5)]
        assert mine.mean == pytest.approx(theirs.mean)
    for mine, theirs in zip(figures.sections, expected.sections, strict=True):
        assert mine.respondents == theirs.respondents
        assert mine.mean == pytest.approx(theirs.mean)


def test_the_moment_filter_counts_only_that_moment(org):
    _responses(org, 5)
    assert team_figures(org.team, moment="afsluiting").suppressed
    assert team_figures(org.team, moment="begin").n == 5


def test_the_teamleider_page_shows_distributions_and_section_means(org, as_user):
    _responses(org, 6)
    client = as_user(org.teamleider)
    response = client.get(reverse("questionnaires:team"))
    body = response.content.decode()
    assert "6 ingevulde vragenlijsten" in body and "chart--distribution" in body
    assert "Motivationele dimensie" in body
    # Anonymous: no family name or reference on the page.
    for family_name in Response.objects.values_list("family__display_name", flat=True):
        assert family_name not in body


@pytest.mark.parametrize("persona", ["adviser", "colleague", "beheerder", "onderzoeker"])
def test_only_a_teamleider_sees_the_team_figures(org, as_user, persona):
    user = {"adviser": org.adviser, **org.personas()}[persona]
    assert as_user(user).get(reverse("questionnaires:team")).status_code == 403
