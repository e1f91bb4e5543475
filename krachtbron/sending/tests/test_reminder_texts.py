"""The reminder texts and the stop line: B1 (Flesch–Douma ≥ 70), a hostile first name stays
text, nothing about the family, English too; every message ends with the stop link."""

from datetime import timedelta

import pytest
from django.utils import timezone

from krachtbron.lib.bidi import FSI, PDI
from krachtbron.lib.readability import flesch_douma, text_blocks
from krachtbron.sending import mail, stops
from krachtbron.sending.models import Delivery, Purpose
from krachtbron.sending.tests.helpers import reminded_purposes
from krachtbron.strengths.tests.hostile import HOSTILE

pytestmark = pytest.mark.django_db

LINK = "http://127.0.0.1:8000/v/" + "a" * 43


def _reminder(org, purpose=Purpose.QUESTIONNAIRE, language="nl", number=1):
    return Delivery.objects.create(
        family=org.family,
        member=org.member,
        purpose=purpose,
        subject_id=1,
        language=language,
        link_expires_at=timezone.now() + timedelta(days=10),
        created_at=timezone.now(),
        reminder=number,
    )


@pytest.mark.parametrize("purpose", reminded_purposes())
def test_the_dutch_reminders_read_easily_and_say_they_are_reminders(org, purpose):
    delivery = _reminder(org, purpose)
    subject, text, html = mail.render_message(delivery, LINK)
    assert subject.startswith("Herinnering: ")
    blocks = [line for line in text.splitlines() if line.strip() and "http" not in line]
    assert flesch_douma(blocks) >= 70, flesch_douma(blocks)
    assert flesch_douma(text_blocks(html)) >= 70
    assert "Een paar dagen geleden" in text and LINK in text and LINK in html


@pytest.mark.parametrize("purpose", reminded_purposes())
@pytest.mark.parametrize("number", [0, 1])
def test_every_message_ends_with_its_own_stop_link(org, purpose, number):
    delivery = _reminder(org, purpose, number=number)
    _subject, text, html = mail.render_message(delivery, LINK)
    url = stops.stop_url(delivery.pk)
    assert text.rstrip().endswith(url)
    assert f'href="{url}"' in html
    assert "Geen berichten meer" in html


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_first_name_stays_text_in_a_reminder(org, name):
    org.member.first_name = name
    org.member.save()
    subject, text, html = mail.render_message(_reminder(org), LINK)
    assert f"{FSI}{name}{PDI}" in text
    assert "<script" not in html and "<svg" not in html and "<foreignObject" not in html
    assert "49" not in text + html
    assert name not in subject


@pytest.mark.parametrize("purpose", reminded_purposes())
def test_a_reminder_says_nothing_about_the_family_and_exists_in_english(org, purpose):
    subject, text, html = mail.render_message(_reminder(org, purpose), LINK)
    for part in (subject, text, html):
        assert org.family.display_name not in part
        assert org.family.reference not in part
        assert org.adviser.first_name not in part
    subject, text, _html = mail.render_message(_reminder(org, purpose, language="en"), LINK)
    assert subject.startswith("Reminder: ")
    assert "Hello" in text and "Hallo" not in text and "geen berichten" not in text
