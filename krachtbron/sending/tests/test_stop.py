""" "Geen berichten meer" per family member (docs/versturen.md): through the link at the bottom
of every message (a token, no sign-in, one POST) or by the adviser; honoured by the send form,
the reminders and the send task; lifted by the adviser; logged."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.sending import actions, stops
from krachtbron.sending.models import Delivery, MessageStop, Purpose, Status
from krachtbron.sending.reminders import remind_and_erase
from krachtbron.sending.tests.helpers import send_by_email, share_page
from krachtbron.sending.tests.reminding import daily, day, reminders_of, sent_with_reminders
from krachtbron.testing.tasks import run_tasks

pytestmark = pytest.mark.django_db

STOP_LINK = re.compile(r"https?://\S+/geen-berichten/([A-Za-z0-9_-]+)/")


def _stop_link(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    found = STOP_LINK.search(text)
    assert found, "no stop link in the message"
    assert found.group(0) in html
    return found.group(0), found.group(1)


def test_the_link_in_a_message_stops_every_message_to_that_member(org, client, smtp_server):
    _invitation, first, _link = sent_with_reminders(org)
    link, token = _stop_link(smtp_server.messages[0])
    assert str(org.member.pk) not in token and org.member.first_name not in link
    url = urlsplit(link).path
    assert len(token) == stops.TOKEN_LENGTH

    page = client.get(url)  # not signed in
    html = page.content.decode()
    assert page.status_code == 200 and "Stuur mij geen berichten meer" in html
    assert org.member.first_name not in html  # whoever holds the link sees no name
    assert page["Referrer-Policy"] == "no-referrer"  # a family page: the token goes nowhere
    assert not MessageStop.objects.exists()  # a GET only asks

    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == url
    done = client.get(url).content.decode()
    assert "Je krijgt geen berichten meer van ons." in done
    assert client.post(url).status_code == 302  # again: nothing changes
    stop = MessageStop.objects.get()
    assert (stop.member, stop.by) == (org.member, None)
    first.refresh_from_db()
    assert first.sealed is None  # the address kept for reminders is gone at once
    row = AccessLogEntry.objects.get(kind=AccessKind.CREATE, object_type="messagestop")
    assert (row.actor_kind, row.actor_member_id) == ("family_member", org.member.pk)

    assert daily(3)["reminders"] == daily(7)["reminders"] == 0
    assert len(smtp_server.messages) == 1


def test_a_wrong_stop_link_changes_nothing(org, client):
    assert client.get(reverse("sending:stop", args=["x" * 43])).status_code == 404
    assert client.post(reverse("sending:stop", args=["x" * 43])).status_code == 404
    assert client.get(reverse("sending:stop", args=["kort"])).status_code == 404
    assert not MessageStop.objects.exists()


def test_a_stop_ends_what_is_queued_and_the_task_checks_again_before_sending(org, smtp_server):
    _invitation, first, _link = sent_with_reminders(org)
    remind_and_erase(day(3))  # a reminder waits for 10:00
    reminder = reminders_of(first)[0]
    # A stop written straight into the table (as if at the same moment as the queueing):
    # the task itself sees it and sends nothing.
    MessageStop.objects.create(
        family=org.family, member=org.member, stopped_at=first.sent_at, by=None
    )
    run_tasks(later_too=True)
    reminder.refresh_from_db()
    assert (reminder.status, reminder.sealed, reminder.last_error) == (
        Status.STOPPED,
        None,
        "stopped",
    )
    assert len(smtp_server.messages) == 1
    steps = AccessLogEntry.objects.filter(kind=AccessKind.SEND).values_list(
        "extra__step", flat=True
    )
    assert "stopped" in list(steps)


def test_stopping_turns_queued_messages_into_stopped(org):
    delivery = actions.queue_email(
        org.adviser,
        org.member,
        purpose=Purpose.QUESTIONNAIRE,
        subject_id=1,
        address="ouder@example.org",
        link="http://127.0.0.1/v/" + "a" * 43,
        expires_at=timezone.now() + timedelta(days=14),
        language="nl",
    )
    assert stops.stop_messages(org.member) is True
    assert stops.stop_messages(org.member) is False
    delivery.refresh_from_db()
    assert (delivery.status, delivery.sealed) == (Status.STOPPED, None)


def test_the_adviser_records_and_lifts_a_stop_and_the_send_form_refuses_meanwhile(
    org, as_user, smtp_server
):
    client = as_user(org.adviser)
    tab = reverse("portal:family", args=[org.family.pk])
    assert "Geen berichten meer sturen" in client.get(tab).content.decode()
    response = client.post(reverse("sending:stop_member", args=[org.member.pk]))
    assert response.status_code == 302 and response["Location"] == tab
    stop = MessageStop.objects.get()
    assert stop.by == org.adviser
    html = client.get(tab).content.decode()
    assert "Weer berichten sturen" in html and "Geen berichten" in html

    page = share_page(client, org)
    assert "Dit gezinslid wil geen berichten meer van ons." in page.content.decode()
    refused = send_by_email(client, page)
    assert refused.status_code == 400
    assert "Er gaat niets weg." in refused.content.decode()
    assert refused.context["email_form"]["address"].value() == "ouder@example.org"  # kept
    assert not Delivery.objects.exists()

    assert client.post(reverse("sending:allow_member", args=[org.member.pk])).status_code == 302
    assert not MessageStop.objects.exists()
    page = share_page(client, org)
    assert send_by_email(client, page).status_code == 302
    run_tasks()
    assert len(smtp_server.messages) == 1
    rows = AccessLogEntry.objects.filter(object_type="messagestop").order_by("id")
    assert [(row.kind, row.actor_kind, row.extra["step"]) for row in rows] == [
        (AccessKind.CREATE, "staff", "stop"),
        (AccessKind.DELETE, "staff", "allow"),
    ]


def test_another_teams_adviser_cannot_stop_or_lift(org, as_user):
    from krachtbron.testing.factories import TeamFactory, UserFactory

    client = as_user(UserFactory(team=TeamFactory()))
    assert client.post(reverse("sending:stop_member", args=[org.member.pk])).status_code == 404
    stops.stop_messages(org.member)
    assert client.post(reverse("sending:allow_member", args=[org.member.pk])).status_code == 404
    assert MessageStop.objects.count() == 1
