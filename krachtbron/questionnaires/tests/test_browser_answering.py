"""Answering with the keyboard only on a 360 px phone, in Debian's Chromium, with "Lees voor".

The page moves on only on a button, "Volgende" with nothing chosen asks whether to skip, "Wijzig"
returns to the review, every step of the scale shows its number and a face, and axe finds
nothing on any page (``check_page``).

Read-aloud finds real voices: Chromium's ``speechSynthesis.getVoices()`` lists the voices of
speech-dispatcher and espeak-ng (``chromium(speech=True)``, packages from
``scripts/install-system-deps.sh test``), and the page shows its button only for the page's
language, choosing a Dutch voice for Dutch and an English one for English. Only
``SpeechSynthesis.speak`` is replaced, by an init script that writes down each utterance (its
text, language and voice) instead of sounding it: this machine has no sound device, and an
utterance sent to speech-dispatcher there never ends and leaves the daemon hanging, so every
later browser would find no voice at all. What is queued, in which language, is what we test.
"""

import pytest

from krachtbron.families.choices import MemberRole
from krachtbron.questionnaires.models import Answer, Response
from krachtbron.questionnaires.tests.factories import invite
from krachtbron.testing.browser import check_page, chromium, loaded
from krachtbron.testing.factories import MemberFactory

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
LABELS = ["zeer ontevreden", "ontevreden", "neutraal", "tevreden", "zeer tevreden"]
VOICES_WAIT_MS = 30_000  # speech-dispatcher starts with the first page; not a timed assertion
LISTEN = """
window.__spoken = [];
SpeechSynthesis.prototype.speak = function (utterance) {
  window.__spoken.push({
    text: utterance.text, lang: utterance.lang, voice: utterance.voice ? utterance.voice.lang : ""
  });
};
"""


def _tab_to(page, selector, limit=40):
    """Press Tab until ``selector`` has the focus (keyboard only, no click)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if loaded(page).evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def _press(page, selector, key="Enter"):
    _tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press(key)


def _read_aloud(page, stop="Stop met voorlezen"):
    """Press "Lees voor" with the keyboard; return what was queued once speaking began."""
    page.wait_for_selector("[data-speak-box]:not([hidden])", timeout=VOICES_WAIT_MS)
    _tab_to(page, "[data-speak-button]")
    page.keyboard.press("Enter")
    page.wait_for_function("window.__spoken.length > 0")
    assert page.inner_text("[data-speak-button]") == stop
    return loaded(page).evaluate("window.__spoken")


def _answer_with_arrow(page):
    """Choose with the arrow key in the radio group; it saves, and stays on the question."""
    _tab_to(page, "input[name=value]")
    page.keyboard.press("ArrowDown")
    page.wait_for_selector(".f-status:has-text('Bewaard')")


def test_keyboard_only_on_a_phone_with_read_aloud(org, live_server):
    _invitation, token = invite(org.member, org.adviser)
    youth = MemberFactory(family=org.family, first_name="Noah", role=MemberRole.YOUTH)
    _english, english_token = invite(youth, org.adviser, language="en")
    with chromium(speech=True) as browser:
        context = browser.new_context(viewport=PHONE)
        context.add_init_script(LISTEN)
        page = context.new_page()
        page.goto(f"{live_server.url}/v/{token}/")
        spoken = _read_aloud(page)
        check_page(page, "start page", shot="answering_01_start")
        title = page.inner_text("h1")
        assert spoken[0]["text"] == title and len(spoken) >= 4
        assert {(s["lang"], s["voice"].split("-")[0]) for s in spoken} == {("nl", "nl")}
        _press(page, "a.f-button")

        # Question 1: five steps, each with its number, a visible face and the exact label.
        assert page.url.endswith("/vragenlijst/vraag/1/")
        assert page.locator(".f-num").all_inner_texts() == ["0", "1", "2", "3", "4"]
        assert page.locator(".f-label").all_inner_texts() == LABELS
        for face in page.locator(".f-option svg.f-face").all():
            box = face.bounding_box()
            assert face.is_visible() and box["width"] >= 24 and box["x"] + box["width"] <= 360
        spoken = _read_aloud(page)
        answers = [f"{number}: {label}" for number, label in enumerate(LABELS)]
        assert [s["text"] for s in spoken][-5:] == answers
        assert spoken[0]["text"] == "Vraag 1 van 13"
        assert "Er is aandacht voor hoe het met mij gaat." in [s["text"] for s in spoken]
        check_page(page, "question page", shot="answering_02_question")
        # Choosing saves the answer and does not move on: only Volgende does.
        _answer_with_arrow(page)
        assert page.url.endswith("/vragenlijst/vraag/1/")
        assert Answer.objects.get(item_id="g01").value == 1
        _press(page, "button[value=next]")
        assert page.url.endswith("/vragenlijst/vraag/2/")

        # Question 2: Volgende with nothing chosen asks first; "Ja, overslaan" skips.
        _press(page, "button[value=next]")
        assert "Je hebt nog niets gekozen. Wil je deze vraag overslaan?" in page.inner_text("main")
        check_page(page, "skip question", shot="answering_03_skip_question")
        page.set_viewport_size({"width": 1280, "height": 800})
        check_page(page, "skip question, wide", shot="answering_03_skip_question_1280")
        page.set_viewport_size(PHONE)
        _press(page, ".f-confirm button[value=skip]")
        assert page.url.endswith("/vragenlijst/vraag/3/")
        for number in range(3, 14):
            _answer_with_arrow(page)
            assert page.url.endswith(f"/vragenlijst/vraag/{number}/")
            _press(page, "button[value=next]")
        assert page.url.endswith("/vragenlijst/controleren/")
        review = page.inner_text("main")
        assert "overgeslagen" in review
        check_page(page, "review page", shot="answering_04_review")

        # Wijzig: the question opens, Opslaan returns to the review (not to question 6).
        _press(page, "a[href$='/vraag/5/?wijzig=1']")
        assert page.inner_text("button[value=next]") == "Opslaan"
        _answer_with_arrow(page)  # from 1 (ontevreden) to 2 (neutraal)
        _press(page, "button[value=next]")
        assert page.url.endswith("/vragenlijst/controleren/")
        assert Answer.objects.get(item_id="g05").value == 2
        assert page.locator(".f-review li").nth(4).locator(".f-label").inner_text() == "neutraal"

        _press(page, "form[action$='/versturen/'] button")
        assert page.url.endswith("/vragenlijst/klaar/")
        receipt = Response.objects.get(member=org.member).receipt
        spoken = _read_aloud(page)
        assert any(receipt in s["text"] for s in spoken)
        check_page(page, "thank-you page", shot="answering_05_done")

        # An English questionnaire is read by an English voice.
        page.goto(f"{live_server.url}/v/{english_token}/")
        spoken = _read_aloud(page, stop="Stop reading aloud")
        assert {(s["lang"], s["voice"].split("-")[0]) for s in spoken} == {("en", "en")}
    assert Response.objects.get(member=org.member).completed_at is not None


def test_no_lees_voor_without_a_voice_or_without_javascript(org, live_server):
    _invitation, token = invite(org.member, org.adviser)
    with chromium() as browser:  # no speech-dispatcher: this Chromium has no voice at all
        page = browser.new_context(viewport=PHONE).new_page()
        page.goto(f"{live_server.url}/v/{token}/")
        page.wait_for_selector("[data-speak-box][data-voice=none]", state="attached")
        assert page.evaluate("speechSynthesis.getVoices().length") == 0
        assert page.locator("[data-speak-button]").is_hidden()
        plain = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
        plain.goto(f"{live_server.url}/vragenlijst/")
        assert "Deze link werkt niet" in plain.inner_text("main")  # another browser: no session
        plain.goto(f"{live_server.url}/v/{token}/")
        assert plain.locator("[data-speak-box]").count() == 1
        assert plain.locator("[data-speak-button]").is_hidden()
