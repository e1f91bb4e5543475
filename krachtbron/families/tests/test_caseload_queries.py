"""Mijn gezinnen at a fixed number of queries, and the same HTML where one query now does the
work of two (issue 18: on PostgreSQL every query is a round trip).

The team select's options and the page's count come from one grouped query over the caseload
(``caseload.caseload_teams``) when nothing is filtered; these tests hold the page to what the
team field's own choices and a COUNT over the caseload gave before.
"""

import re

import pytest
from django.template import engines
from django.urls import reverse

from krachtbron.accounts.models import Role
from krachtbron.families.choices import FamilyStatus
from krachtbron.families.forms import CaseloadFilterForm
from krachtbron.families.models import CaseAssignment
from krachtbron.families.permissions import visible_families
from krachtbron.testing.factories import FamilyFactory, MemberFactory, TeamFactory, UserFactory
from krachtbron.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
URL = reverse("families:caseload")

#: Every query a view of Mijn gezinnen runs, in this order (a signed-in adviser, no filter):
#: the session, the user, the second factor's device (middleware); the caseload's teams with
#: their counts, the page of 25, the "Aandacht nodig" signals, the access-log row; for the
#: cards the members, the advisers, and the six notes other apps add (networkplan 2, portal 4:
#: talk flags, corrections, network proposals, goals the family proposed or corrected).
QUERIES = 15

# The team select as _caseload_filters.html wrote it from the field's own choices before.
FORMER_SELECT = """{% load inert %}{% with chosen=form.team.value|stringformat:"s" %}{% for value, label in choices %}<option value="{{ value }}"{% if value|stringformat:"s" == chosen %} selected{% endif %}>{{ label|isolate }}</option>{% endfor %}{% endwith %}"""  # noqa: E501


def _caseload(org):
    """A caseload over three teams: own families, a substitute's in another team, one closed,
    families a colleague shares, and a team that is on nobody's list of this adviser."""
    substitute_team = TeamFactory(name="Team Noord")
    TeamFactory(name="Team Leeg")  # no family of this caseload: not in the select
    _add_families(org, substitute_team)
    return substitute_team


def _add_families(org, substitute_team):
    for n in range(30):
        family = FamilyFactory(
            team=org.team if n % 3 else substitute_team,
            status=FamilyStatus.CLOSED if n == 7 else FamilyStatus.ACTIVE,
            advisers=[org.adviser, org.colleague] if n % 4 == 0 else [org.adviser],
        )
        MemberFactory(family=family)
    CaseAssignment.objects.filter(adviser=org.adviser, family__team=substitute_team).update(
        is_substitute=True
    )


def _select(html: str, name: str) -> str:
    found = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert found, f"no select {name}"
    return re.sub(r"\s+", "", found.group(1))


def _former_team_options(form: CaseloadFilterForm) -> str:
    field = form.fields["team"]
    html = (
        engines["django"]
        .from_string(FORMER_SELECT)
        .render({"form": form, "choices": list(field.choices)})
    )
    return re.sub(r"\s+", "", html)


def test_the_caseload_runs_a_fixed_number_of_queries(org, as_user):
    _caseload(org)
    assert_constant_queries(as_user(org.adviser), URL, exactly=QUERIES)


def test_the_caseload_stays_at_that_number_as_it_grows(org, as_user):
    substitute_team = _caseload(org)
    assert_constant_queries(
        as_user(org.adviser),
        URL,
        grow=lambda: _add_families(org, substitute_team),
        exactly=QUERIES,
    )


def test_team_select_and_count_are_what_the_field_and_a_count_gave(org, as_user):
    _caseload(org)
    html = as_user(org.adviser).get(URL).content.decode()
    assert _select(html, "team") == _former_team_options(CaseloadFilterForm(user=org.adviser))
    assert "Team Noord" in html and "Team Leeg" not in html and org.other_team.name not in html
    total = visible_families(org.adviser).count()
    assert total == 31
    assert f'<p class="result-count" role="status">{total} gezinnen</p>' in html


def test_a_filtered_caseload_is_counted_as_filtered(org, as_user):
    """With a filter the grouped query's sum is not the list: the page counts its own list,
    and the select still offers every team of the caseload, the chosen one selected."""
    _caseload(org)
    client = as_user(org.adviser)
    client.post(URL, {"status": FamilyStatus.CLOSED})
    html = client.get(URL).content.decode()
    assert '<p class="result-count" role="status">1 gezin</p>' in html
    client.post(URL, {"team": str(org.team.pk)})
    response = client.get(URL)
    html = response.content.decode()
    expected = visible_families(org.adviser).filter(team=org.team).count()
    assert f'<p class="result-count" role="status">{expected} gezinnen</p>' in html
    assert f'<option value="{org.team.pk}" selected>' in html
    assert _select(html, "team") == _former_team_options(response.context["form"])


def test_page_count_and_paging_agree_past_the_first_page(org, as_user):
    _caseload(org)
    client = as_user(org.adviser)
    second = client.get(URL + "?page=2")
    assert second.context["page"].paginator.count == 31
    assert len(second.context["page"].object_list) == 6
    assert second.context["page"].number == 2


def test_someone_without_a_caseload_sees_no_teams_and_no_families(org, as_user):
    adviser = UserFactory(username="nieuw", team=org.team, role=Role.ADVISEUR)
    html = as_user(adviser).get(URL).content.decode()
    assert _select(html, "team") == _former_team_options(CaseloadFilterForm(user=adviser))
    assert '<p class="result-count" role="status">0 gezinnen</p>' in html


def test_each_card_links_to_its_own_family_file(org, as_user):
    _caseload(org)
    cards = as_user(org.adviser).get(URL).context["cards"]
    by_reference = {f.reference: f.pk for f in visible_families(org.adviser)}
    assert len(cards) == 25
    for card in cards:
        assert card.url == reverse("families:detail", args=[by_reference[card.reference]])
