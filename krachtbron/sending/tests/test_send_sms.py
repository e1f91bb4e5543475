"""Sending an invitation by SMS: the share page's form, the one task with the SMS sender, the
same status rules as e-mail, against a local server that answers as the provider does."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.questionnaires.models import Invitation
from krachtbron.sending import actions
from krachtbron.sending.models import Channel, Delivery, State, Status
from krachtbron.sending.tests.helpers import send_by_sms, share_page
from krachtbron.testing.tasks import run_tasks

pytestmark = pytest.mark.django_db


def test_a_questionnaire_link_goes_out_by_sms_once_and_the_number_is_erased(
    org, as_user, sms_server
):
    client = as_user(org.adviser)
    page = share_page(client, org)
    invitation = Invitation.objects.get(family=org.family)
    link = page.context["link"]

    response = send_by_sms(client, page, "06-12345678")
    assert response.status_code == 302
    assert response["Location"] == reverse("questionnaires:invitation", args=[invitation.pk])
    delivery = Delivery.objects.get()
    assert (delivery.channel, delivery.status) == (Channel.SMS, Status.QUEUED)
    assert b"612345678" not in bytes(delivery.sealed)  # sealed, not in clear
    assert actions.secret.unseal(delivery.pk, delivery.sealed)[0] == "+31612345678"  # E.164
    assert not sms_server.requests  # nothing sent by the request itself

    run_tasks()

    [message] = sms_server.messages
    assert message["To"] == "+31612345678" and message["From"] == "OKT"
    lines = message["Body"].splitlines()
    assert lines[0] == f"Hallo {org.member.first_name}," and link in lines
    assert invitation.expires_at.strftime("%Y") in message["Body"]
    assert org.family.display_name not in message["Body"]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.sealed) == (Status.SENT, 1, None)
    rows = AccessLogEntry.objects.filter(kind=AccessKind.SEND).order_by("id")
    assert [(row.actor_kind, row.extra["step"], row.extra["channel"]) for row in rows] == [
        ("staff", "queued", "sms"),
        ("system", "sent", "sms"),
    ]
    detail = client.get(reverse("questionnaires:invitation", args=[invitation.pk])).content
    assert re.search(rb">sms(</span>)?</td>", detail)  # the list of messages shows how it went


def test_a_mijn_krachtbron_invitation_goes_out_by_sms(org, as_user, sms_server):
    client = as_user(org.adviser)
    page = client.post(reverse("portal:invite", args=[org.member.pk]), {"language": "nl"})
    assert page.status_code == 200
    response = send_by_sms(client, page, "+32 470 12 34 56")
    assert response["Location"] == reverse("portal:family", args=[org.family.pk])
    run_tasks()
    [message] = sms_server.messages
    assert message["To"] == "+32470123456"
    assert "Mijn Krachtbron" in message["Body"] and page.context["url"] in message["Body"]


@pytest.mark.parametrize(
    ("typed", "start"),
    [
        ("020 123 4567", "Dit is geen mobiel nummer."),
        ("+32 2 511 12 12", "Dit is geen mobiel nummer."),
        ("0800 1234", "Dit is geen mobiel nummer."),
        ("hallo", "Dit is geen telefoonnummer."),
        ("06 1234", "Dit is geen telefoonnummer."),
        ("06\u202e12345678", "Dit is geen telefoonnummer."),
        ("", "Vul het mobiele nummer in."),
    ],
)
def test_a_bad_number_keeps_what_was_typed_with_a_dutch_message(org, as_user, typed, start):
    client = as_user(org.adviser)
    page = share_page(client, org)
    response = send_by_sms(client, page, typed)
    assert response.status_code == 400
    form = response.context["sms_form"]
    [error] = form.errors["number"]
    assert error.startswith(start), error
    assert form["number"].value() == typed  # kept
    html = response.content.decode()
    assert '<details class="q-details send-choice__item" open>\n    <summary>Per sms' in html
    assert page.context["link"] in html  # the link is still there to copy or print
    assert not Delivery.objects.exists()


def _queued(org, number="+31612345678"):
    return actions.queue(
        org.adviser,
        org.member,
        channel=Channel.SMS,
        purpose="questionnaire",
        subject_id=1,
        to=number,
        link="http://127.0.0.1:8000/v/" + "a" * 43,
        expires_at=timezone.now() + timedelta(days=14),
        language="nl",
    )


def test_a_refused_number_fails_at_once_without_the_number_in_the_error(org, sms_server):
    sms_server.answer = "refuse"  # its text quotes the number, as the provider's does
    delivery = _queued(org)
    run_tasks(later_too=True, rounds=3)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.FAILED, 1)
    assert delivery.last_error == "Twilio 400 21211"
    assert delivery.may_send_again(timezone.now())
    logged = AccessLogEntry.objects.filter(kind=AccessKind.SEND).values_list("extra", flat=True)
    assert "612345678" not in repr(list(logged))
    assert len(sms_server.requests) == 1


def test_a_busy_provider_is_tried_again_then_fails_visibly(org, sms_server):
    sms_server.answer = "busy"
    delivery = _queued(org)
    run_tasks(later_too=True, rounds=4)  # SEND_MAX_ATTEMPTS
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.FAILED, 4)
    assert len(sms_server.requests) == 4
    logged = AccessLogEntry.objects.filter(kind=AccessKind.SEND).order_by("id")
    steps = [extra["step"] for extra in logged.values_list("extra", flat=True)]
    assert steps == ["queued", "retry", "retry", "retry", "failed"]


@pytest.mark.parametrize("answer", ["error", "drop", "hang"])
def test_a_send_that_may_have_arrived_is_unconfirmed_and_never_sent_again_by_itself(
    org, sms_server, answer
):
    sms_server.answer = answer
    delivery = _queued(org)
    run_tasks(later_too=True, rounds=3)
    delivery.refresh_from_db()
    assert delivery.status == Status.SENDING and delivery.sealed is not None
    assert delivery.state_at(timezone.now() + timedelta(minutes=11)) == State.UNCONFIRMED
    assert len(sms_server.requests) == 1  # handed over once, not again
    assert "612345678" not in delivery.last_error


def test_the_console_sender_prints_the_message_for_the_demo(org, capsys):
    delivery = _queued(org)  # SMS_BACKEND is the console one by default
    run_tasks()
    printed = capsys.readouterr().out
    assert "SMS from OKT to +31612345678" in printed
    assert f"Hallo {org.member.first_name}," in printed
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT and delivery.sealed is None


def test_one_share_page_sends_by_e_mail_and_by_sms_each_once(org, as_user, sms_server):
    """The two forms of one share page have their own one-time key: sending by e-mail does not
    make the SMS form answer "al verstuurd", and each form sends once however often it is
    posted."""
    from krachtbron.sending.tests.helpers import send_by_email

    client = as_user(org.adviser)
    page = share_page(client, org)
    assert send_by_email(client, page).status_code == 302
    assert send_by_sms(client, page, "06-12345678").status_code == 302
    assert send_by_sms(client, page, "06-12345678").status_code == 302  # a double click
    assert send_by_email(client, page).status_code == 302
    channels = sorted(Delivery.objects.values_list("channel", flat=True))
    assert channels == sorted([Channel.EMAIL, Channel.SMS])
