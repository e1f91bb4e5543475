"""The text message itself: short (at most three SMS segments with the longest link and stop
link, in both languages, first message and reminder), B1 (Flesch–Douma ≥ 70), a hostile first
name stays one plain line, and nothing about the family beyond the first name."""

import math
from datetime import timedelta

import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)
import pytest
from django.utils import timezone

from krachtbron.lib.readability import flesch_douma
from krachtbron.sending import sms
from krachtbron.sending.models import Channel, Purpose
from krachtbron.sending.tests.helpers import queue_any, reminded_purposes
from krachtbron.strengths.tests.hostile import HOSTILE, RLO

pytestmark = pytest.mark.django_db

# The longest link a family gets: Mijn Krachtbron's path, a 43-character token, and a long
# host name (longer than the organisation's real one).
HOST = "https://krachtbron.ouder-en-kindteams-amsterdam.nl"
LONGEST = {
    Purpose.QUESTIONNAIRE: f"{HOST}/v/" + "A" * 43,
    Purpose.PORTAL: f"{HOST}/mijn/l/" + "A" * 43,
    Purpose.SHARE: f"{HOST}/gedeeld/l/" + "A" * 43,
}
#: (purpose, reminder): a share message has no reminders.
CASES = [(p, r) for p in Purpose for r in (0, 1) if not (r and p == Purpose.SHARE)]


def segments(text):
    """How many SMS segments ``text`` takes, and in which encoding: GSM 03.38 (160 septets,
    153 per part when split; an escaped character takes two), else UCS-2 (70, 67 per part)."""
    try:
        septets = len(text.encode("gsm03.38"))
    except UnicodeEncodeError:
        units = len(text.encode("utf-16-le")) // 2
        return (1 if units <= 70 else math.ceil(units / 67)), "ucs2"
    return (1 if septets <= 160 else math.ceil(septets / 153)), "gsm"


def _text(org, purpose, language="nl", name=None, reminder=0):
    if name is not None:
        org.member.first_name = name
        org.member.save()
    delivery = queue_any(
        org,
        purpose,
        channel=Channel.SMS,
        subject_id=1,
        to="+31612345678",
        link=LONGEST[purpose],
        # A date with the longest month name: "30 september 2026".
        expires_at=timezone.now().replace(month=9, day=30) + timedelta(hours=1),
        language=language,
    )
    delivery.reminder = reminder
    return sms.render_text(delivery, LONGEST[purpose])


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("purpose", "reminder"), CASES)
def test_a_message_with_the_longest_link_fits_in_three_segments(
    org, settings, purpose, language, reminder
):
    settings.SITE_URL = HOST  # the stop link on the long host name too
    text = _text(org, purpose, language, name="Maximiliaan", reminder=reminder)  # 11 letters
    assert segments(text) in [(2, "gsm"), (3, "gsm")], (segments(text), len(text), text)
    lines = text.splitlines()
    assert LONGEST[purpose] in lines  # the link on a line of its own
    assert lines[-1].startswith(f"{HOST}/geen-berichten/")  # the stop link, on its own line


@pytest.mark.parametrize("purpose", reminded_purposes())
def test_a_reminder_is_its_own_text_with_the_same_link(org, purpose):
    first, reminder = _text(org, purpose), _text(org, purpose, reminder=1)
    assert reminder != first and "nog" in reminder and "Je kreeg van ons" in reminder
    assert LONGEST[purpose] in reminder.splitlines()


def test_the_segment_count_is_measured_not_guessed():
    assert segments("a" * 160) == (1, "gsm") and segments("a" * 161) == (2, "gsm")
    assert segments("€" * 80) == (1, "gsm") and segments("€" * 81) == (2, "gsm")
    assert segments("ş" * 70) == (1, "ucs2") and segments("ş" * 71) == (2, "ucs2")


@pytest.mark.parametrize(("purpose", "reminder"), CASES)
def test_the_dutch_text_reads_easily(org, purpose, reminder):
    text = _text(org, purpose, reminder=reminder)
    blocks = [line for line in text.splitlines() if "http" not in line]
    assert flesch_douma(blocks) >= 70, (flesch_douma(blocks), blocks)


@pytest.mark.parametrize(("purpose", "reminder"), CASES)
def test_every_text_is_in_english_too(org, purpose, reminder):
    text = _text(org, purpose, "en", reminder=reminder)
    assert text.startswith("Hello") and "link" in text and "werkt" not in text


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_first_name_stays_one_plain_line_before_the_link(org, name):
    text = _text(org, Purpose.QUESTIONNAIRE, name=name)
    lines = text.splitlines()
    assert lines[0] == f"Hallo {name},"  # as typed: no markup in a text message to escape
    assert LONGEST[Purpose.QUESTIONNAIRE] == lines[2]
    assert "49" not in text  # {{7*7}} is not evaluated
    # A bidi override in a name ends at the line break: nothing after it is reordered.
    assert all(RLO not in line for line in lines[1:])


def test_control_characters_and_line_breaks_in_a_name_are_left_out(org):
    text = _text(org, Purpose.QUESTIONNAIRE, name="Sam\x07\nmy\u0085")
    assert text.splitlines()[0] == "Hallo Sam my,"


@pytest.mark.parametrize("purpose", list(Purpose))
def test_a_text_says_nothing_about_the_family(org, purpose):
    text = _text(org, purpose)
    assert org.family.display_name not in text
    assert org.family.reference not in text
    assert org.adviser.first_name not in text
