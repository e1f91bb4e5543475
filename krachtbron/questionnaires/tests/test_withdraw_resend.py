import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry
from krachtbron.questionnaires.models import Invitation, Response
from krachtbron.questionnaires.tests.factories import invite, open_link


def test_withdrawing_stops_the_link_and_an_open_session(org, as_user):
    invitation, token = invite(org.member, org.adviser)
    family = Client()
    open_link(family, token)
    adviser = as_user(org.adviser)
    response = adviser.post(reverse("questionnaires:withdraw", args=[invitation.pk]))
    assert response["Location"] == reverse("questionnaires:family", args=[org.family.pk])
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None and invitation.state == "withdrawn"
    assert family.get(reverse("questionnaires:form_start")).status_code == 410
    saved = family.post(reverse("questionnaires:form_autosave"), {"item": "g01", "value": "2"})
    assert saved.status_code == 410
    assert Client().get(reverse("questionnaires:open", args=[token])).status_code == 410
    assert AccessLogEntry.objects.filter(extra__action="withdraw", actor=org.adviser).count() == 1


def test_resending_makes_a_new_link_and_keeps_the_answers_given(org, as_user):
    invitation, token = invite(org.member, org.adviser)
    family = Client()
    open_link(family, token)
    family.post(reverse("questionnaires:form_autosave"), {"item": "g01", "value": "2"})
    adviser = as_user(org.adviser)
    page = adviser.post(reverse("questionnaires:resend", args=[invitation.pk]))
    assert page.status_code == 200
    new_token = page.context["token"]
    assert new_token != token
    assert Client().get(reverse("questionnaires:open", args=[token])).status_code == 410
    again = Client()
    open_link(again, new_token)
    start = again.get(reverse("questionnaires:form_start"))
    assert start.context["answered"] == 1
    new = Invitation.objects.exclude(pk=invitation.pk).get()
    assert Response.objects.get().invitation == new
    assert (new.member, new.moment, new.language) == (invitation.member, "begin", "nl")


def test_a_completed_invitation_is_not_sent_again(org, as_user):
    invitation, token = invite(org.member, org.adviser)
    family = Client()
    open_link(family, token)
    family.post(reverse("questionnaires:form_submit"))
    adviser = as_user(org.adviser)
    response = adviser.post(reverse("questionnaires:resend", args=[invitation.pk]))
    assert response.status_code == 302
    assert Invitation.objects.count() == 1
    adviser.post(reverse("questionnaires:withdraw", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None


@pytest.mark.parametrize(
    "persona", ["colleague", "other_team", "teamleider", "beheerder", "onderzoeker"]
)
def test_nobody_else_can_withdraw_or_resend(org, as_user, persona):
    invitation, _token = invite(org.member, org.adviser)
    client = as_user(org.personas()[persona])
    for name in ["withdraw", "resend", "handover"]:
        response = client.post(reverse(f"questionnaires:{name}", args=[invitation.pk]))
        assert response.status_code in (403, 404), name
    assert Invitation.objects.get().withdrawn_at is None
    assert Invitation.objects.count() == 1
