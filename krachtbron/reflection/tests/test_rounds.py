"""Organisation rounds: opened by teamleider or beheerder, a task for everyone in scope, answered
once and anonymously, results only from 5 responses."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from krachtbron.reflection.models import (
    OrganisationResponse,
    ReflectionRound,
    RoundParticipation,
    RoundScope,
    RoundStatus,
)
from krachtbron.reflection.tests.factories import open_round, organisation_answers, staff

pytestmark = pytest.mark.django_db


def _round_data(**extra):
    today = timezone.localdate()
    return {
        "title": "Najaar",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=14)).isoformat(),
        **extra,
    }


def test_a_teamleider_opens_a_round_for_their_own_team(org, as_user):
    response = as_user(org.teamleider).post(
        reverse("reflection:round_new"), _round_data(teams=[org.other_team.pk])
    )
    round_ = ReflectionRound.objects.get()
    assert response.status_code == 302
    assert round_.scope == RoundScope.TEAM
    assert list(round_.teams.all()) == [org.team]  # the posted team is ignored


def test_a_beheerder_opens_a_round_for_chosen_teams(org, as_user):
    as_user(org.beheerder).post(
        reverse("reflection:round_new"), _round_data(teams=[org.other_team.pk])
    )
    round_ = ReflectionRound.objects.get()
    assert round_.scope == RoundScope.ORGANISATION
    assert list(round_.teams.all()) == [org.other_team]


def test_an_adviser_cannot_open_a_round(org, as_user):
    response = as_user(org.adviser).post(reverse("reflection:round_new"), _round_data())
    assert response.status_code == 403
    assert not ReflectionRound.objects.exists()


def test_wrong_dates_get_a_dutch_message_and_keep_the_input(org, as_user):
    today = timezone.localdate()
    response = as_user(org.teamleider).post(
        reverse("reflection:round_new"),
        _round_data(title="Mijn ronde", ends_on=(today - timedelta(days=3)).isoformat()),
    )
    page = response.content.decode()
    assert "De einddatum ligt vóór de begindatum." in page
    assert 'value="Mijn ronde"' in page
    response = as_user(org.teamleider).post(
        reverse("reflection:round_new"), _round_data(starts_on="31-02-2026")
    )
    assert "Vul een geldige datum in" in response.content.decode()
    assert not ReflectionRound.objects.exists()


def test_the_round_is_a_task_for_everyone_in_scope_and_not_for_others(org, as_user, client):
    round_ = open_round(org.teamleider, [org.team])
    answer_url = reverse("reflection:round_answer", args=[round_.pk])
    assert answer_url in as_user(org.adviser).get(reverse("reflection:home")).content.decode()
    client.logout()
    assert (
        answer_url
        not in as_user(org.other_adviser).get(reverse("reflection:home")).content.decode()
    )


def test_answering_stores_the_answers_without_the_person_and_only_once(org, as_user):
    round_ = open_round(org.teamleider, [org.team])
    client = as_user(org.adviser)
    url = reverse("reflection:round_answer", args=[round_.pk])
    response = client.post(url, {"item_o01": "3", "item_o02": "2"})
    assert response.status_code == 302
    assert RoundParticipation.objects.filter(round=round_, user=org.adviser).count() == 1
    stored = OrganisationResponse.objects.get()
    assert stored.team == org.team and stored.round == round_
    # A second time: redirected, nothing new stored.
    client.post(url, {"item_o01": "0"})
    assert OrganisationResponse.objects.count() == 1
    assert RoundParticipation.objects.count() == 1


def test_a_closed_round_cannot_be_answered(org, as_user):
    round_ = open_round(org.teamleider, [org.team])
    as_user(org.teamleider).post(reverse("reflection:round_close", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED
    as_user(org.adviser).post(
        reverse("reflection:round_answer", args=[round_.pk]), {"item_o01": "3"}
    )
    assert not OrganisationResponse.objects.exists()


def test_an_adviser_cannot_close_a_round(org, as_user):
    round_ = open_round(org.teamleider, [org.team])
    response = as_user(org.adviser).post(reverse("reflection:round_close", args=[round_.pk]))
    assert response.status_code == 403
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN


def test_an_empty_answer_is_refused_in_dutch(org, as_user):
    round_ = open_round(org.teamleider, [org.team])
    response = as_user(org.adviser).post(reverse("reflection:round_answer", args=[round_.pk]), {})
    assert "Geef bij minstens één vraag een antwoord." in response.content.decode()
    assert not RoundParticipation.objects.exists()


def test_the_response_rate_is_shown_and_results_appear_from_five(org, as_user, client):
    round_ = open_round(org.teamleider, [org.team])
    people = staff(org.team, 5)
    organisation_answers(round_, people[:4], {"o01": 4, "o02": 4})
    page = (
        as_user(org.teamleider)
        .get(reverse("reflection:round_detail", args=[round_.pk]))
        .content.decode()
    )
    assert "4 van 8 medewerkers hebben geantwoord" in page  # alice, bob, tess + 5 new staff
    assert "Te weinig respondenten" in page
    organisation_answers(round_, people[4:], {"o01": 4, "o02": 4})
    page = client.get(reverse("reflection:round_detail", args=[round_.pk])).content.decode()
    assert "Gebaseerd op 5 antwoorden" in page
