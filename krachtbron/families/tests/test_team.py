import pytest
from django.urls import reverse

from krachtbron.families.models import CaseAssignment
from krachtbron.testing.factories import FamilyFactory, UserFactory
from krachtbron.testing.queries import assert_constant_queries

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
    assert "Kies iets uit de lijst" in response.content.decode()
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


def test_the_team_page_runs_a_constant_number_of_queries_over_many_pages(org, as_user):
    """The generated list test grows it a little; here past several pages of 50."""
    advisers = [org.adviser, org.colleague, UserFactory(team=org.team)]

    def families(count):
        for i in range(count):
            FamilyFactory(team=org.team, advisers=[advisers[i % 3]])

    families(10)
    assert_constant_queries(as_user(org.teamleider), URL, grow=lambda: families(190))
