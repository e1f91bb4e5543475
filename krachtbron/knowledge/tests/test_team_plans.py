"""Team conversations: prepare, record, who sees them, bad input, locking, deletion."""

import pytest
from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry
from krachtbron.knowledge.models import ConversationPlan, PlanKind, PlanStatus
from krachtbron.knowledge.tests.factories import TeamPlanFactory

pytestmark = pytest.mark.django_db


def _prepare(**overrides):
    data = {
        "topic": "Regie bij gezinnen",
        "purpose": "Leren van elkaar",
        "audiences": ["collegas", "leidinggevenden"],
        "participants": "Team Oost",
        "planned_on": "2026-12-01",
        "approach": "Casus bespreken in drietallen",
        "cards": ["waaier-regie", "waaier-grenzen"],
    }
    data.update(overrides)
    return data


def test_an_adviser_prepares_a_team_conversation(org, as_user):
    response = as_user(org.adviser).post(reverse("knowledge:plan_create"), _prepare())
    plan = ConversationPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge:plan", args=[plan.pk])
    assert plan.kind == PlanKind.TEAM and plan.team == org.team and plan.owner == org.adviser
    assert plan.cards == ["waaier-regie", "waaier-grenzen"]
    assert plan.status == PlanStatus.PLANNED
    assert not AccessLogEntry.objects.exists()  # no family data involved


def test_the_plan_shows_the_chosen_cards_with_questions_for_the_chosen_audiences(org, as_user):
    plan = TeamPlanFactory(owner=org.adviser, cards=["waaier-regie"], audiences=["collegas"])
    html = as_user(org.adviser).get(reverse("knowledge:plan", args=[plan.pk])).content.decode()
    assert "Regie bij eigen kracht" in html
    assert "Vragen voor een gesprek met collega" in html
    assert "Vragen voor een gesprek met ouders" not in html


def test_a_card_link_preselects_that_card(org, as_user):
    url = reverse("knowledge:plan_create") + "?kaart=waaier-speelruimte"
    html = as_user(org.adviser).get(url).content.decode()
    assert 'value="waaier-speelruimte" id="id_cards_4" checked' in html or (
        'value="waaier-speelruimte"' in html and "checked" in html
    )


def test_the_team_sees_the_plan_and_other_teams_do_not(org, as_user, client):
    from krachtbron.testing.personas import login

    plan = TeamPlanFactory(owner=org.adviser)
    for user, expected in (
        (org.colleague, 200),
        (org.teamleider, 200),
        (org.other_adviser, 404),
        (org.beheerder, 403),
        (org.onderzoeker, 403),
    ):
        client.logout()
        login(client, user)
        assert client.get(reverse("knowledge:plan", args=[plan.pk])).status_code == expected
        listing = client.get(reverse("knowledge:plans"))
        if expected == 200:
            assert plan.topic in listing.content.decode()
        elif listing.status_code == 200:
            assert plan.topic not in listing.content.decode()


def test_recording_notes_and_agreements(org, as_user):
    plan = TeamPlanFactory(owner=org.adviser)
    response = as_user(org.colleague).post(
        reverse("knowledge:plan_record", args=[plan.pk]),
        {
            "status": "gevoerd",
            "notes": "Goed gesprek.",
            "agreements": "Bob vraagt naar netwerk.",
            "version": 1,
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.HELD and plan.version == 2
    assert plan.agreements == "Bob vraagt naar netwerk."


def test_bad_input_keeps_what_was_typed_with_a_dutch_message(org, as_user):
    data = _prepare(
        topic="", planned_on="morgen", cards=["waaier-bestaat-niet"], purpose="Mijn doel\x00"
    )
    response = as_user(org.adviser).post(reverse("knowledge:plan_create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not ConversationPlan.objects.exists()
    assert "Vul dit in." in html
    assert "Vul een datum in" in html
    assert "Kies alleen uit de lijst" in html
    assert "onzichtbaar teken" in html
    assert 'value="morgen"' in html
    assert "Casus bespreken in drietallen" in html


def test_a_plan_in_the_year_9999_is_refused_with_the_range(org, as_user):
    """Issue 12: plan dates in the year 9999 were accepted."""
    for typed, message in (
        ("9999-12-31", "Deze datum ligt te ver vooruit: kies"),
        ("0001-01-01", "Deze datum ligt te ver terug: kies 1 januari 2015 of later."),
    ):
        response = as_user(org.adviser).post(
            reverse("knowledge:plan_create"), _prepare(planned_on=typed)
        )
        html = response.content.decode()
        assert message in html and f'value="{typed}"' in html
    assert not ConversationPlan.objects.exists()


def test_a_too_long_text_is_refused(org, as_user):
    response = as_user(org.adviser).post(
        reverse("knowledge:plan_create"), _prepare(topic="x" * 151)
    )
    assert "hoogstens 150 tekens" in response.content.decode()
    assert not ConversationPlan.objects.exists()


def test_a_stale_save_keeps_the_input_and_explains(org, as_user):
    plan = TeamPlanFactory(owner=org.adviser, version=3)
    response = as_user(org.adviser).post(
        reverse("knowledge:plan_edit", args=[plan.pk]), _prepare(topic="Mijn versie", version=2)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Iemand anders heeft dit net gewijzigd" in html
    assert 'value="Mijn versie"' in html
    plan.refresh_from_db()
    assert plan.topic != "Mijn versie" and plan.version == 3


def test_the_form_cannot_move_a_plan_to_another_team_or_owner(org, as_user):
    plan = TeamPlanFactory(owner=org.adviser)
    data = _prepare(version=1, team=org.other_team.pk, owner=org.other_adviser.pk, kind="gezin")
    as_user(org.adviser).post(reverse("knowledge:plan_edit", args=[plan.pk]), data)
    plan.refresh_from_db()
    assert plan.team == org.team and plan.owner == org.adviser and plan.kind == PlanKind.TEAM


def test_only_the_owner_or_the_teamleider_deletes(org, client):
    from krachtbron.testing.personas import login

    plan = TeamPlanFactory(owner=org.adviser)
    login(client, org.colleague)
    assert client.post(reverse("knowledge:plan_delete", args=[plan.pk])).status_code == 403
    assert client.get(reverse("knowledge:plan_delete", args=[plan.pk])).status_code == 405
    client.logout()
    login(client, org.teamleider)
    assert client.post(reverse("knowledge:plan_delete", args=[plan.pk])).status_code == 302
    assert not ConversationPlan.objects.exists()


def test_someone_without_a_team_cannot_create_a_team_plan(org, as_user):
    org.adviser.team = None
    org.adviser.save(update_fields=["team"])
    assert as_user(org.adviser).get(reverse("knowledge:plan_create")).status_code == 403
