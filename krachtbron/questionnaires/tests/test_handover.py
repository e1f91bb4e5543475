"""'Samen invullen': the adviser hands over their device without showing the link."""

from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry
from krachtbron.questionnaires.models import Invitation
from krachtbron.questionnaires.tests.factories import invite
from krachtbron.testing.forms import form_key_of


def test_the_adviser_is_signed_out_and_the_device_shows_only_the_questionnaire(org, as_user):
    invitation, token = invite(org.member, org.adviser)
    client = as_user(org.adviser)
    response = client.post(reverse("questionnaires:handover", args=[invitation.pk]))
    assert response["Location"] == reverse("questionnaires:form_start")
    start = client.get(response["Location"])
    assert start.status_code == 200 and token not in start.content.decode()
    assert "Uitloggen" not in start.content.decode()
    # The family file is closed to this device now.
    detail = client.get(reverse("families:detail", args=[org.family.pk]))
    assert detail.status_code == 302 and "/inloggen" in detail["Location"]
    client.post(reverse("questionnaires:form_autosave"), {"item": "g01", "value": "3"})
    client.post(reverse("questionnaires:form_submit"))
    done = client.get(reverse("questionnaires:form_done")).content.decode()
    assert "Geef het apparaat nu terug" in done
    assert AccessLogEntry.objects.filter(extra__action="handover", actor=org.adviser).count() == 1
    assert Invitation.objects.get().completed_at is not None


def test_together_can_be_chosen_straight_from_the_invite_form(org, as_user):
    client = as_user(org.adviser)
    page = client.get(reverse("questionnaires:invite", args=[org.family.pk]))
    response = client.post(
        reverse("questionnaires:invite", args=[org.family.pk]),
        {
            "member": org.member.pk,
            "moment": "tussentijds",
            "language": "nl",
            "form_key": form_key_of(page),
            "together": "1",
        },
    )
    assert response["Location"] == reverse("questionnaires:form_start")
    assert client.get(response["Location"]).status_code == 200
    assert Invitation.objects.get().opened_at is not None


def test_a_closed_invitation_cannot_be_handed_over(org, as_user):
    invitation, _token = invite(org.member, org.adviser)
    client = as_user(org.adviser)
    client.post(reverse("questionnaires:withdraw", args=[invitation.pk]))
    response = client.post(reverse("questionnaires:handover", args=[invitation.pk]))
    assert response["Location"] == reverse("questionnaires:family", args=[org.family.pk])
    # Still signed in.
    assert client.get(reverse("families:detail", args=[org.family.pk])).status_code == 200
