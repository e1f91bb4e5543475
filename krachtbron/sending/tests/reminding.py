"""Shared steps of the reminder tests: a questionnaire link sent by e-mail with reminders."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from krachtbron.questionnaires.tests.factories import invite
from krachtbron.sending import actions
from krachtbron.sending.models import Delivery, Purpose
from krachtbron.sending.reminders import remind_and_erase
from krachtbron.testing.tasks import run_tasks


def sent_with_reminders(org, *, remind=True, member=None):
    """Invite org.member, e-mail the link with reminders chosen, and send it (one message).
    Returns (invitation, first delivery, the link)."""
    member = member or org.member
    invitation, token = invite(member, org.adviser)
    link = settings.SITE_URL + reverse("questionnaires:open", args=[token])
    delivery = actions.queue_email(
        org.adviser,
        member,
        purpose=Purpose.QUESTIONNAIRE,
        subject_id=invitation.pk,
        address="ouder@example.org",
        link=link,
        expires_at=invitation.expires_at,
        language="nl",
        remind=remind,
    )
    run_tasks()
    delivery.refresh_from_db()
    return invitation, delivery, link


def day(number):
    """``number`` days after now, at 03:00 site time (when the daily task runs)."""
    local = timezone.localtime() + timedelta(days=number)
    return local.replace(hour=3, minute=0, second=0, microsecond=0)


def daily(number):
    """The daily round ``number`` days from now, then every task that is due (``later_too``:
    a reminder waits for SEND_REMIND_HOUR)."""
    done = remind_and_erase(day(number))
    run_tasks(later_too=True)
    return done


def reminders_of(first):
    return list(Delivery.objects.filter(reminder_of=first).order_by("reminder"))
