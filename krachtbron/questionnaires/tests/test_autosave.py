"""Saving an answer the moment it is chosen (JavaScript, fetch with the CSRF token)."""

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.questionnaires import actions
from krachtbron.questionnaires.models import Answer, Response
from krachtbron.questionnaires.tests.factories import InvitationFactory, invite, open_link

URL = "/vragenlijst/opslaan/"


def _family(org):
    invitation, token = invite(org.member, org.adviser)
    client = Client()
    open_link(client, token)
    return invitation, client


def test_the_url_is_the_named_route():
    assert reverse("questionnaires:form_autosave") == URL


def test_an_answer_is_saved_and_changed(org):
    _invitation, client = _family(org)
    response = client.post(URL, {"item": "g04", "value": "1"})
    assert response.status_code == 200 and response.json() == {"ok": True}
    client.post(URL, {"item": "g04", "value": "3"})
    assert list(Answer.objects.values_list("item_id", "value")) == [("g04", 3)]
    assert Response.objects.get().completed_at is None


def test_a_skip_is_saved_as_no_answer(org):
    _invitation, client = _family(org)
    client.post(URL, {"item": "g04", "action": "skip"})
    assert Answer.objects.get().value is None


@pytest.mark.parametrize(
    "data",
    [
        {"item": "g01", "value": "5"},
        {"item": "g01", "value": "-1"},
        {"item": "g01", "value": "2.5"},
        {"item": "g01", "value": "1e3"},
        {"item": "g01", "value": "three"},
        {"item": "g01", "value": "٣"},  # an Arabic-Indic digit is not our scale
        {"item": "g01", "value": ""},
        {"item": "g01"},
        {"item": "x99", "value": "2"},
        {"item": "p01", "value": "2"},  # an item of another instrument
        {"item": "", "value": "2"},
        {"item": "g" * 5000, "value": "2"},
        {"value": "2"},
    ],
)
def test_a_bad_item_or_value_is_refused_with_a_message_and_nothing_changes(org, data):
    _invitation, client = _family(org)
    client.post(URL, {"item": "g01", "value": "2"})
    response = client.post(URL, data)
    assert response.status_code == 400
    assert response.json()["ok"] is False and response.json()["message"]
    assert list(Answer.objects.values_list("item_id", "value")) == [("g01", 2)]


def test_it_needs_the_csrf_token(org):
    invitation, token = invite(org.member, org.adviser)
    client = Client(enforce_csrf_checks=True)
    open_link(client, token)
    assert client.post(URL, {"item": "g01", "value": "2"}).status_code == 403
    page = client.get(reverse("questionnaires:form_question", args=[1]))
    csrf = page.context["csrf_token"]
    response = client.post(URL, {"item": "g01", "value": "2"}, headers={"X-CSRFToken": str(csrf)})
    assert response.status_code == 200


def test_without_a_family_session_nothing_is_saved(org):
    invite(org.member, org.adviser)
    response = Client().post(URL, {"item": "g01", "value": "2"})
    assert response.status_code == 404
    assert not Answer.objects.exists()


def test_after_the_final_submit_no_answer_changes(org):
    invitation, client = _family(org)
    client.post(URL, {"item": "g01", "value": "2"})
    client.post(reverse("questionnaires:form_submit"))
    response = client.post(URL, {"item": "g01", "value": "4"})
    assert response.status_code == 410
    assert Answer.objects.get().value == 2


def test_a_completed_response_refuses_a_late_answer_in_the_action_too(org):
    invitation = InvitationFactory(
        member=org.member, created_by=org.adviser, answers={"g01": 2}, completed=True
    )
    with pytest.raises(actions.QuestionnaireClosed):
        actions.save_answer(invitation, "g01", 4)
