"""The demo shows a reminder that went out for an unopened link, and a member who stopped
messages (issue 16, "Done when"), at adviseur1."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from krachtbron.accounts.models import User
from krachtbron.sending.models import Delivery, MessageStop, Status
from krachtbron.testing.tasks import run_tasks

# What the demo shows: once, on SQLite (conftest.py, `render`); the demo loads on PostgreSQL
# in strengths/tests/test_demo_data.py.
pytestmark = [pytest.mark.render, pytest.mark.django_db]


def test_the_demo_shows_a_reminder_for_an_unopened_link_and_a_stopped_member(
    settings, as_user, smtp_server
):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    reminder = Delivery.objects.get(reminder=1)
    assert reminder.status == Status.SENT and reminder.sealed is None
    first = reminder.reminder_of
    assert first.status == Status.SENT and first.sealed is not None  # the 2nd may still come
    from krachtbron.questionnaires.models import Invitation

    invitation = Invitation.objects.get(pk=first.subject_id)
    assert invitation.opened_at is None and invitation.completed_at is None
    adviser = User.objects.get(username="adviseur1")
    assert invitation.family.assignments.filter(adviser=adviser).exists()
    client = as_user(adviser)
    page = client.get(reverse("questionnaires:invitation", args=[invitation.pk])).content.decode()
    assert "herinnering 1" in page
    stop = MessageStop.objects.get()
    assert stop.by is None and stop.member.family.assignments.filter(adviser=adviser).exists()
    tab = client.get(reverse("portal:family", args=[stop.member.family_id])).content.decode()
    assert "Weer berichten sturen" in tab
    run_tasks(later_too=True)  # the worker of `make run`: nothing goes out from the demo
    assert smtp_server.messages == []
