"""A unique field set by a form: a save that loses a race gets the form's own message
(krachtbron/lib/unique.py). The real races are in families/ and accounts/tests/test_races.py;
here the other row is written between the form's check and the save, deterministically."""

import pytest
from django.urls import reverse

from krachtbron.accounts.forms import TeamForm
from krachtbron.accounts.models import Team
from krachtbron.families import actions
from krachtbron.families.forms import FamilyForm
from krachtbron.families.models import Family
from krachtbron.lib.unique import save_or_form_error
from krachtbron.testing.factories import FamilyFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_a_dossier_number_taken_after_the_check_gets_the_forms_message(org):
    data = {"display_name": "Gezin Yilmaz", "reference": "KB-ABC-123", "team": org.team.pk}
    form = FamilyForm({**data, "status": "aangemeld"})
    assert form.is_valid()
    FamilyFactory(reference="KB-ABC-123", team=org.team)  # saved by a colleague just now

    def save():
        return actions.create_family(org.adviser, team=org.team, reference="KB-ABC-123")

    assert save_or_form_error(form, save) is None
    assert form.errors["reference"] == ["Dit dossiernummer bestaat al."]
    assert form.data["display_name"] == "Gezin Yilmaz"  # what was typed is kept
    assert Family.objects.filter(reference="KB-ABC-123").count() == 1


def test_a_team_name_taken_after_the_check_gets_the_forms_message():
    form = TeamForm({"name": "Team Centrum", "is_active": "on"})
    assert form.is_valid()
    TeamFactory(name="Team Centrum")
    assert save_or_form_error(form, form.save) is None
    assert form.errors["name"]
    assert Team.objects.filter(name="Team Centrum").count() == 1


def test_a_refusal_no_check_explains_gets_a_general_message(org):
    form = TeamForm({"name": "Team Centrum", "is_active": "on"})
    assert form.is_valid()

    def save():
        Team.objects.create(name="Elders")
        return Team.objects.create(name="Elders")  # refused; the first one is undone with it

    assert save_or_form_error(form, save) is None
    assert "net door iemand anders opgeslagen" in str(form.non_field_errors())
    assert not Team.objects.filter(name="Elders").exists()


def test_the_dossier_number_message_shows_on_the_page_with_the_input_kept(org, as_user):
    FamilyFactory(reference="KB-ABC-123", team=org.team)
    client = as_user(org.adviser)
    response = client.post(
        reverse("families:create"),
        {
            "display_name": "Gezin Yilmaz",
            "reference": "KB-ABC-123",
            "team": org.team.pk,
            "status": "aangemeld",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit dossiernummer bestaat al." in page and 'value="Gezin Yilmaz"' in page
