"""Filling in without JavaScript: every question page posts and redirects."""

from django.test import Client
from django.urls import reverse

from krachtbron.questionnaires.models import Answer
from krachtbron.questionnaires.tests.factories import invite, open_link


def _family(org):
    invitation, token = invite(org.member, org.adviser)
    client = Client()
    open_link(client, token)
    return invitation, client


def _q(number):
    return reverse("questionnaires:form_question", args=[number])


def test_each_answer_is_saved_and_the_next_question_follows(org):
    _invitation, client = _family(org)
    page = client.get(_q(1))
    body = page.content.decode()
    assert "Vraag 1 van 13" in body
    assert "<fieldset" in body and "<legend" in body and body.count('type="radio"') == 5
    assert "Er is aandacht voor hoe het met mij gaat." in body
    response = client.post(_q(1), {"item": "g01", "value": "3", "action": "next"})
    assert response.status_code == 302 and response["Location"] == _q(2)
    assert Answer.objects.get(item_id="g01").value == 3


def test_an_item_may_be_skipped(org):
    _invitation, client = _family(org)
    response = client.post(_q(2), {"action": "skip", "value": "4"})
    assert response["Location"] == _q(3)
    assert Answer.objects.get(item_id="g02").value is None


def test_back_saves_a_chosen_answer_and_goes_back(org):
    _invitation, client = _family(org)
    response = client.post(_q(2), {"action": "back", "value": "1"})
    assert response["Location"] == _q(1)
    assert Answer.objects.get(item_id="g02").value == 1


def test_the_last_question_leads_to_the_review(org):
    _invitation, client = _family(org)
    response = client.post(_q(13), {"action": "next", "value": "0"})
    assert response["Location"] == reverse("questionnaires:form_review")


def test_an_answer_outside_the_scale_is_refused_with_a_message(org):
    _invitation, client = _family(org)
    client.post(_q(1), {"action": "next", "value": "2"})
    for bad in ["5", "-1", "2.5", "drie", "9999999999"]:
        response = client.post(_q(1), {"action": "next", "value": bad})
        assert response.status_code == 400, bad
        assert 'role="alert"' in response.content.decode()
    assert list(Answer.objects.values_list("item_id", "value")) == [("g01", 2)]


def test_it_resumes_where_the_family_member_was(org):
    invitation, token = invite(org.member, org.adviser)
    first = Client()
    open_link(first, token)
    for number in range(1, 6):
        first.post(_q(number), {"action": "next", "value": "3"})
    # A closed tab, another device: the link opens at question 6, with the earlier answers kept.
    second = Client()
    open_link(second, token)
    start = second.get(reverse("questionnaires:form_start"))
    assert start.context["continue_url"] == _q(6)
    assert "5 vragen beantwoord" in start.content.decode()
    again = second.get(_q(3))
    assert again.context["current"] == 3


def test_a_question_number_outside_the_list_goes_to_the_start(org):
    _invitation, client = _family(org)
    assert client.get(_q(14))["Location"] == reverse("questionnaires:form_start")
    assert client.get(_q(0))["Location"] == reverse("questionnaires:form_start")


def test_the_form_posts_need_the_csrf_token(org):
    invitation, token = invite(org.member, org.adviser)
    client = Client(enforce_csrf_checks=True)
    open_link(client, token)
    response = client.post(_q(1), {"action": "next", "value": "3"})
    assert response.status_code == 403
    assert not Answer.objects.exists()
