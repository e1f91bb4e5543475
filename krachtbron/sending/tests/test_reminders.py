"""Reminders (docs/versturen.md, "Herinneringen"): after SEND_REMIND_AFTER_DAYS (3 and 7) a
link that is unopened or unfinished gets a reminder through the same channel, at most two,
never after it expired, was withdrawn, replaced or used; the address is kept only until the
last reminder or the expiry. Against a real SMTP server and django-tasks' own worker."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.questionnaires import actions as questionnaires
from krachtbron.questionnaires.models import Invitation
from krachtbron.sending.models import Delivery, Status
from krachtbron.sending.reminders import remind_and_erase, send_after
from krachtbron.sending.tests.helpers import send_form, share_page
from krachtbron.sending.tests.reminding import (
    daily,
    day,
    reminders_of,
    sent_with_reminders,
)
from krachtbron.testing.tasks import run_tasks

pytestmark = pytest.mark.django_db


def _plain(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_an_unopened_link_gets_two_reminders_on_day_3_and_7_and_no_more(org, as_user, smtp_server):
    invitation, first, link = sent_with_reminders(org)
    assert first.status == Status.SENT and first.sealed is not None  # kept for the reminders
    assert len(smtp_server.messages) == 1

    assert daily(2) == {"reminders": 0, "erased": 0}
    assert daily(3) == {"reminders": 1, "erased": 0}
    assert remind_and_erase(day(3)) == {"reminders": 0, "erased": 0}  # the job ran twice
    assert len(smtp_server.messages) == 2
    reminder = smtp_server.messages[1]
    assert reminder["Subject"] == "Herinnering: een korte vragenlijst van je hulpverlener"
    assert link in _plain(reminder)
    assert smtp_server.recipients[1] == ["ouder@example.org"]  # the same channel and address

    assert daily(5)["reminders"] == 0
    assert daily(7)["reminders"] == 1
    for later in (8, 9, 12):
        assert daily(later)["reminders"] == 0
    assert len(smtp_server.messages) == 3
    one, two = reminders_of(first)
    assert [(one.reminder, one.status), (two.reminder, two.status)] == [
        (1, Status.SENT),
        (2, Status.SENT),
    ]
    first.refresh_from_db()
    assert first.sealed is None  # no reminder left: the address is gone
    assert [one.sealed, two.sealed] == [None, None]

    # The adviser sees them with the invitation, and each is in the access log.
    client = as_user(org.adviser)
    page = client.get(reverse("questionnaires:invitation", args=[invitation.pk]))
    html = page.content.decode()
    assert html.count("herinnering") >= 2
    steps = list(
        AccessLogEntry.objects.filter(kind=AccessKind.SEND, actor_role="sending")
        .order_by("id")
        .values_list("extra__step", "extra__reminder")
    )
    assert steps == [("sent", 0), ("reminder", 1), ("sent", 1), ("reminder", 2), ("sent", 2)]
    # A sending step counts its attempt; queuing a reminder is no attempt.
    extras = AccessLogEntry.objects.filter(kind=AccessKind.SEND, actor_role="sending")
    assert ["attempt" in e for e in extras.order_by("id").values_list("extra", flat=True)] == [
        True,
        False,
        True,
        False,
        True,
    ]


def test_an_opened_but_unfinished_questionnaire_is_reminded_too(org, smtp_server):
    invitation, first, _link = sent_with_reminders(org)
    questionnaires.mark_opened(invitation)
    assert daily(3)["reminders"] == 1
    assert len(smtp_server.messages) == 2


def test_a_submitted_questionnaire_is_not_reminded_and_its_address_is_erased(org, smtp_server):
    invitation, first, _link = sent_with_reminders(org)
    Invitation.objects.filter(pk=invitation.pk).update(completed_at=timezone.now())
    assert daily(3) == {"reminders": 0, "erased": 1}
    first.refresh_from_db()
    assert first.sealed is None
    assert len(smtp_server.messages) == 1


def test_a_withdrawn_link_is_not_reminded_and_its_address_is_erased_at_once(org, smtp_server):
    invitation, first, _link = sent_with_reminders(org)
    questionnaires.withdraw_invitation(org.adviser, invitation)
    first.refresh_from_db()
    assert first.sealed is None
    assert daily(3)["reminders"] == daily(7)["reminders"] == 0
    assert len(smtp_server.messages) == 1


def test_a_replaced_link_is_not_reminded(org, as_user, smtp_server):
    invitation, first, _link = sent_with_reminders(org)
    client = as_user(org.adviser)
    assert client.post(reverse("questionnaires:resend", args=[invitation.pk])).status_code == 200
    assert daily(3)["reminders"] == 0
    assert len(smtp_server.messages) == 1


def test_never_after_the_link_expired_and_the_address_goes_at_the_expiry(org, smtp_server):
    invitation, first, _link = sent_with_reminders(org)
    expiry = first.sent_at + timedelta(days=2)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=expiry)
    Delivery.objects.filter(pk=first.pk).update(link_expires_at=expiry, keep_until=expiry)
    assert daily(3) == {"reminders": 0, "erased": 1}
    assert len(smtp_server.messages) == 1


def test_the_address_is_kept_until_the_last_reminder_or_the_expiry_whichever_first(
    org, smtp_server, settings
):
    _invitation, first, _link = sent_with_reminders(org)
    assert first.keep_until == first.sent_at + timedelta(days=8)  # 7 + a day for the job
    settings.SEND_REMIND_AFTER_DAYS = [3, 20]  # beyond the 14 days a link works
    _invitation, second, _link = sent_with_reminders(org)
    assert second.keep_until == second.link_expires_at
    # Past keep_until, the daily task erases it, whatever reminder is left.
    assert remind_and_erase(first.keep_until + timedelta(seconds=1))["erased"] == 1
    first.refresh_from_db()
    assert first.sealed is None
    second.refresh_from_db()
    assert second.sealed is not None  # its 2nd reminder is still to come
    assert remind_and_erase(second.keep_until)["erased"] == 1
    assert not Delivery.objects.filter(reminder=0, sealed__isnull=False).exists()


def test_a_reminder_queued_for_a_link_used_meanwhile_is_not_sent(org, smtp_server):
    invitation, first, _link = sent_with_reminders(org)
    remind_and_erase(day(3))  # queued for 10:00
    Invitation.objects.filter(pk=invitation.pk).update(completed_at=timezone.now())
    run_tasks(later_too=True)
    reminder = reminders_of(first)[0]
    assert (reminder.status, reminder.sealed, reminder.last_error) == (
        Status.WITHDRAWN,
        None,
        "closed",
    )
    assert len(smtp_server.messages) == 1


def test_without_reminders_chosen_the_address_goes_at_sending_and_nothing_reminds(org, smtp_server):
    _invitation, first, _link = sent_with_reminders(org, remind=False)
    assert (first.sealed, first.keep_until) == (None, None)
    assert daily(3)["reminders"] == daily(7)["reminders"] == 0
    assert len(smtp_server.messages) == 1


def test_no_reminders_when_none_are_configured(org, smtp_server, settings):
    settings.SEND_REMIND_AFTER_DAYS = []
    _invitation, first, _link = sent_with_reminders(org)
    assert first.sealed is None
    assert daily(3)["reminders"] == 0


def test_a_failed_first_message_gets_no_reminder(org, smtp_server):
    smtp_server.refuse = "550 5.1.1 No such mailbox"
    _invitation, first, _link = sent_with_reminders(org)
    assert first.status == Status.FAILED
    assert daily(3)["reminders"] == 0


def test_the_send_form_offers_reminders_and_the_first_message_keeps_the_address(
    org, as_user, smtp_server
):
    client = as_user(org.adviser)
    page = share_page(client, org)
    assert 'name="remind"' in page.content.decode()
    action, fields = send_form(page)
    data = {**fields, "address": "ouder@example.org", "language": "nl", "remind": "on"}
    assert client.post(action, data).status_code == 302
    run_tasks()
    first = Delivery.objects.get()
    assert first.remind and first.sealed is not None and first.keep_until is not None
    assert daily(3)["reminders"] == 1
    assert len(smtp_server.messages) == 2


def test_a_reminder_waits_for_the_hour_of_day_and_sends_at_once_later(settings):
    settings.SEND_REMIND_HOUR = 10
    early = day(1)  # 03:00
    due = send_after(early)
    assert timezone.localtime(due).hour == 10 and due > early
    assert send_after(early + timedelta(hours=8)) is None
