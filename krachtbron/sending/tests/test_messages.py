"""The messages themselves: hostile first names stay text, B1 (Flesch–Douma ≥ 70) in Dutch,
nothing about the family beyond a first name, and the Mijn Krachtbron invitation by e-mail."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from krachtbron.lib.bidi import FSI, PDI
from krachtbron.lib.readability import flesch_douma, text_blocks
from krachtbron.sending import mail
from krachtbron.sending.models import Channel, Delivery, Purpose, Status
from krachtbron.sending.tests.helpers import queue_any
from krachtbron.strengths.tests.hostile import HOSTILE
from krachtbron.testing.forms import post_forms
from krachtbron.testing.tasks import run_tasks

pytestmark = pytest.mark.django_db

LINK = "http://127.0.0.1:8000/v/" + "a" * 43


def _delivery(org, purpose=Purpose.QUESTIONNAIRE, language="nl"):
    return queue_any(
        org,
        purpose,
        channel=Channel.EMAIL,
        subject_id=1,
        to="ouder@example.org",
        link=LINK,
        expires_at=timezone.now() + timedelta(days=14),
        language=language,
    )


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_first_name_stays_text_in_both_parts(org, smtp_server, name):
    org.member.first_name = name
    org.member.save()
    _delivery(org)
    run_tasks()
    message = smtp_server.messages[0]
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert f"{FSI}{name}{PDI}" in text  # isolated: it cannot reorder the sentence around it
    assert "<script" not in html and "<svg" not in html and "<foreignObject" not in html
    assert "49" not in text + html  # {{7*7}} is not evaluated
    assert name not in message["Subject"]


@pytest.mark.parametrize("purpose", list(Purpose))
def test_the_dutch_messages_read_easily(org, purpose):
    delivery = _delivery(org, purpose)
    _subject, text, html = mail.render_message(delivery, LINK)
    blocks = [line for line in text.splitlines() if line.strip() and "http" not in line]
    assert flesch_douma(blocks) >= 70, flesch_douma(blocks)
    assert flesch_douma(text_blocks(html)) >= 70


@pytest.mark.parametrize("purpose", list(Purpose))
def test_a_message_says_nothing_about_the_family(org, purpose):
    delivery = _delivery(org, purpose)
    subject, text, html = mail.render_message(delivery, LINK)
    for part in (subject, text, html):
        assert org.family.display_name not in part
        assert org.family.reference not in part
        assert org.adviser.first_name not in part


@pytest.mark.parametrize("purpose", list(Purpose))
def test_every_message_is_in_english_too(org, purpose):
    delivery = _delivery(org, purpose, language="en")
    subject, text, _html = mail.render_message(delivery, LINK)
    assert "Hello" in text and "Hallo" not in text
    assert "je " not in subject


def test_a_mijn_krachtbron_invitation_goes_out_by_email(org, as_user, smtp_server):
    client = as_user(org.adviser)
    page = client.post(reverse("portal:invite", args=[org.member.pk]), {"language": "en"})
    assert page.status_code == 200
    form = next(f for f in post_forms(page.content.decode()) if f["action"].endswith("/mailen/"))
    data = {**form["fields"], "address": "ouder@example.org", "language": "en"}
    response = client.post(form["action"], data)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:family", args=[org.family.pk])
    run_tasks()
    message = smtp_server.messages[0]
    assert page.context["url"] in message.get_body(preferencelist=("plain",)).get_content()
    assert message["Subject"] == "Your invitation to Mijn Krachtbron"
    delivery = Delivery.objects.get()
    assert (delivery.purpose, delivery.status) == (Purpose.PORTAL, Status.SENT)
    tab = client.get(reverse("portal:family", args=[org.family.pk])).content.decode()
    assert "Verstuurde berichten" in tab and "verstuurd" in tab


def test_a_one_time_link_is_not_offered_by_email(org, as_user):
    client = as_user(org.adviser)
    page = client.post(reverse("portal:one_time", args=[org.member.pk]))
    assert page.status_code == 200
    assert not [f for f in post_forms(page.content.decode()) if f["action"].endswith("/mailen/")]
