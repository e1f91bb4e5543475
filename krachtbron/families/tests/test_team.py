import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from krachtbron.families.models import CaseAssignment
from krachtbron.testing.factories import FamilyFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("families:team")


def test_teamleider_sees_assignments_but_no_family_names(org, as_user):
    unassigned = FamilyFactory(team=org.team, display_name="Gezin Wacht")
    html = as_user(org.teamleider).get(URL).content.decode()
    assert org.family.reference in html and unassigned.reference in html
    assert "Gezin Amrani" not in html and "Gezin Wacht" not in html
    assert org.other_family.reference not in html
    assert "Alice" in html


def test_teamleider_cannot_open_the_content(org, as_user):
    client = as_user(org.teamleider)
    assert client.get(reverse("families:detail", args=[org.family.pk])).status_code == 404


def test_teamleider_assigns_a_substitute_and_removes_them(org, as_user):
    client = as_user(org.teamleider)
    client.post(
        reverse("families:assign", args=[org.family.pk]),
        {"adviser": org.colleague.pk, "is_substitute": "on"},
    )
    assignment = CaseAssignment.objects.get(family=org.family, adviser=org.colleague)
    assert assignment.is_substitute
    client.post(reverse("families:unassign", args=[org.family.pk, org.colleague.pk]))
    assert not CaseAssignment.objects.filter(family=org.family, adviser=org.colleague).exists()


def test_teamleider_cannot_assign_someone_of_another_team(org, as_user):
    response = as_user(org.teamleider).post(
        reverse("families:assign", args=[org.family.pk]), {"adviser": org.other_adviser.pk}
    )
    assert response.status_code == 200
    assert "keuze is niet beschikbaar" in response.content.decode()
    assert not CaseAssignment.objects.filter(adviser=org.other_adviser, family=org.family).exists()


def test_teamleider_cannot_touch_another_teams_family(org, as_user):
    response = as_user(org.teamleider).post(
        reverse("families:assign", args=[org.other_family.pk]), {"adviser": org.colleague.pk}
    )
    assert response.status_code == 404


def test_filter_on_unassigned(org, as_user):
    waiting = FamilyFactory(team=org.team)
    client = as_user(org.teamleider)
    client.post(URL, {"unassigned": "on"})
    html = client.get(URL).content.decode()
    assert waiting.reference in html and org.family.reference not in html


def _count(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_team_page_runs_a_constant_number_of_queries(org, as_user):
    client = as_user(org.teamleider)
    advisers = [org.adviser, org.colleague, UserFactory(team=org.team)]
    for i in range(10):
        FamilyFactory(team=org.team, advisers=[advisers[i % 3]])
    small = _count(client)
    for i in range(190):
        FamilyFactory(team=org.team, advisers=[advisers[i % 3]])
    assert _count(client) == small
