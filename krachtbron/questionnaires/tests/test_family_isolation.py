"""A token opens only its own questionnaire: not another family's, not the family file (SEC 6)."""

from django.test import Client
from django.urls import reverse

from krachtbron.questionnaires.family_session import SESSION_KEY
from krachtbron.questionnaires.models import Answer, Response
from krachtbron.questionnaires.tests.factories import invite, open_link
from krachtbron.testing.factories import MemberFactory


def test_answers_go_only_to_the_questionnaire_of_the_link(org):
    mine, my_token = invite(org.member, org.adviser)
    other_member = MemberFactory(family=org.other_family, first_name="Yonas")
    theirs, their_token = invite(other_member, org.other_adviser)
    me, them = Client(), Client()
    open_link(me, my_token)
    open_link(them, their_token)
    me.post(reverse("questionnaires:form_autosave"), {"item": "g01", "value": "4"})
    them.post(reverse("questionnaires:form_autosave"), {"item": "g01", "value": "0"})
    assert Response.objects.get(invitation=mine).answers.get().value == 4
    assert Response.objects.get(invitation=theirs).answers.get().value == 0
    assert Response.objects.get(invitation=mine).family == org.family


def test_the_family_session_does_not_open_the_family_file_or_staff_pages(org):
    invitation, token = invite(org.member, org.adviser)
    client = Client()
    open_link(client, token)
    for url in [
        reverse("families:detail", args=[org.family.pk]),
        reverse("questionnaires:family", args=[org.family.pk]),
        reverse("questionnaires:invitation", args=[invitation.pk]),
        reverse("families:caseload"),
        reverse("insight:team"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/inloggen" in response["Location"], url


def test_the_family_pages_show_nothing_of_the_file_or_the_staff_navigation(org):
    _invitation, token = invite(org.member, org.adviser)
    client = Client()
    open_link(client, token)
    for url in [
        reverse("questionnaires:form_start"),
        reverse("questionnaires:form_question", args=[1]),
        reverse("questionnaires:form_review"),
    ]:
        body = client.get(url).content.decode()
        assert org.family.display_name not in body and org.family.reference not in body
        assert "Mijn gezinnen" not in body and "Uitloggen" not in body
        assert "/gezinnen/" not in body


def test_without_a_session_the_family_pages_say_the_link_does_not_work(org):
    invite(org.member, org.adviser)
    for url in [
        reverse("questionnaires:form_start"),
        reverse("questionnaires:form_question", args=[1]),
        reverse("questionnaires:form_review"),
        reverse("questionnaires:form_done"),
    ]:
        response = Client().get(url)
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()


def test_a_staff_session_holding_an_invitation_id_is_refused(org, as_user):
    invitation, _token = invite(org.member, org.adviser)
    client = as_user(org.colleague)
    session = client.session
    session[SESSION_KEY] = invitation.pk
    session.save()
    assert client.get(reverse("questionnaires:form_start")).status_code == 404
    response = client.post(reverse("questionnaires:form_autosave"), {"item": "g01", "value": "1"})
    assert response.status_code == 404
    assert not Answer.objects.exists()


def test_a_tampered_session_value_finds_nothing(org):
    invite(org.member, org.adviser)
    client = Client()
    client.get(reverse("questionnaires:form_start"))
    for value in ["1", 999999, None, [1]]:
        session = client.session
        session[SESSION_KEY] = value
        session.save()
        assert client.get(reverse("questionnaires:form_start")).status_code == 404
