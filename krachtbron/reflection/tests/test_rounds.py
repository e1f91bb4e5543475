"""Organisation rounds: opened by teamleider or beheerder, a task for everyone in scope, answered
once and anonymously, results only from 5 responses."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from krachtbron.reflection import actions
from krachtbron.reflection.models import (
    OrganisationResponse,
    ReflectionRound,
    RoundParticipation,
    RoundScope,
    RoundStatus,
    SealedAnswerSet,
)
from krachtbron.reflection.permissions import can_answer_round
from krachtbron.reflection.tests.factories import (
    RoundFactory,
    open_round,
    organisation_answers,
    staff,
)

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
    assert "De einddatum ligt in het verleden: kies vandaag of later." in page
    assert 'value="Mijn ronde"' in page
    response = as_user(org.teamleider).post(
        reverse("reflection:round_new"),
        _round_data(
            starts_on=(today + timedelta(days=9)).isoformat(),
            ends_on=(today + timedelta(days=3)).isoformat(),
        ),
    )
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    response = as_user(org.teamleider).post(
        reverse("reflection:round_new"), _round_data(ends_on="9999-12-31")
    )
    assert "Deze datum ligt te ver vooruit: kies" in response.content.decode()
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
    # While the round is open the answers are sealed: no readable answer anywhere.
    assert SealedAnswerSet.objects.filter(round=round_).count() == 1
    assert not OrganisationResponse.objects.exists()
    # A second time: redirected, nothing new stored.
    client.post(url, {"item_o01": "0"})
    assert SealedAnswerSet.objects.count() == 1
    assert RoundParticipation.objects.count() == 1
    # Four colleagues more: a team of five answer sets keeps its name when the round closes.
    organisation_answers(round_, staff(org.team, 4), {"o01": 1})
    actions.close_round(round_)
    assert OrganisationResponse.objects.filter(round=round_, team=org.team).count() == 5
    stored = OrganisationResponse.objects.get(answers__item_id="o01", answers__value=3)
    assert dict(stored.answers.values_list("item_id", "value")) == {
        "o01": 3,
        "o02": 2,
        "o03": None,
        "o04": None,
        "o05": None,
        "o06": None,
    }
    assert not SealedAnswerSet.objects.exists()


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


def test_an_open_round_shows_only_its_response_rate(org, as_user):
    round_ = open_round(org.teamleider, [org.team])
    organisation_answers(round_, staff(org.team, 6), {"o01": 4, "o02": 4})
    page = (
        as_user(org.teamleider)
        .get(reverse("reflection:round_detail", args=[round_.pk]))
        .content.decode()
    )
    assert "6 van 9 medewerkers hebben geantwoord" in page  # alice, bob, tess + 6 new staff
    assert "De uitkomsten verschijnen als de ronde gesloten is" in page
    assert "Gebaseerd op" not in page


def test_a_closed_round_shows_results_from_five(org, as_user, client):
    small, big = (open_round(org.teamleider, [org.team]) for _ in range(2))
    people = staff(org.team, 5)
    organisation_answers(small, people[:4], {"o01": 4, "o02": 4})
    organisation_answers(big, people, {"o01": 4, "o02": 4})
    as_user(org.teamleider)
    for round_ in (small, big):
        client.post(reverse("reflection:round_close", args=[round_.pk]))
    page = client.get(reverse("reflection:round_detail", args=[small.pk])).content.decode()
    assert "4 van 8 medewerkers hebben geantwoord" in page
    assert "Te weinig respondenten" in page
    page = client.get(reverse("reflection:round_detail", args=[big.pk])).content.decode()
    assert "Gebaseerd op 5 antwoorden" in page


def test_a_form_posted_after_the_round_closed_stores_nothing(org, as_user, client):
    round_ = open_round(org.teamleider, [org.team])
    form = as_user(org.adviser).get(reverse("reflection:round_answer", args=[round_.pk]))
    assert form.status_code == 200  # the form is open in the adviser's browser ...
    actions.close_round(round_)  # ... when the teamleider closes the round
    response = client.post(
        reverse("reflection:round_answer", args=[round_.pk]), {"item_o01": "2"}, follow=True
    )
    assert "Deze ronde is inmiddels gesloten. Je antwoorden zijn niet bewaard" in (
        response.content.decode()
    )
    assert not RoundParticipation.objects.exists()
    assert not SealedAnswerSet.objects.exists() and not OrganisationResponse.objects.exists()
    # The action refuses on its own too (a request that passed the view's check just before).
    with pytest.raises(actions.RoundError, match="inmiddels gesloten"):
        actions.answer_round(org.colleague, round_, {"o01": 2})


@pytest.mark.parametrize(
    ("state", "answerable"), [({}, True), ({"ended": True}, False), ({"upcoming": True}, False)]
)
def test_a_round_can_be_answered_only_between_its_first_and_last_day(org, state, answerable):
    round_ = RoundFactory(opened_by=org.teamleider, **state)
    assert can_answer_round(org.adviser, round_) is answerable


def test_a_closed_round_has_its_answers_unsealed_and_takes_no_more(org):
    people = staff(org.team, 5)
    round_ = RoundFactory(opened_by=org.teamleider, answers=[(people, {"o01": 2})], closed=True)
    assert round_.status == RoundStatus.CLOSED and not SealedAnswerSet.objects.exists()
    assert OrganisationResponse.objects.filter(round=round_).count() == 5
    assert can_answer_round(org.adviser, round_) is False
