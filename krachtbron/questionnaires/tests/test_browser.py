"""End to end in Debian's Chromium at 360×740: invite, fill in on a phone, read the results.

Screenshots of every step go to screenshots/ (gitignored); axe-core must find no WCAG 2.1 AA
violation on any family-facing page nor on the results page.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from krachtbron.families.choices import MemberRole
from krachtbron.questionnaires.models import Answer, Response
from krachtbron.questionnaires.tests.factories import ALL_ITEMS, completed_response, invite
from krachtbron.testing.browser import axe_violations, chromium, loaded, page_width, sign_in
from krachtbron.testing.factories import MemberFactory

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
SHOTS = Path(settings.BASE_DIR) / "screenshots"


def _shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"questionnaire_{name}.png"), full_page=True)


def _accessible(page, where):
    violations = axe_violations(page)
    assert violations == [], f"{where}: " + "; ".join(
        f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in violations
    )


def _no_horizontal_scroll(page, where):
    width = page_width(page)
    assert width <= PHONE["width"], f"{where} is {width}px wide"


def test_invite_fill_in_on_a_phone_reload_finish_and_read_the_results(org, live_server):
    youth = MemberFactory(family=org.family, first_name="Noah", role=MemberRole.YOUTH)
    earlier = timezone.now() - timedelta(days=60)
    completed_response(org.member, org.adviser, dict.fromkeys(ALL_ITEMS, 1), completed_at=earlier)
    completed_response(youth, org.adviser, dict.fromkeys(ALL_ITEMS[:8], 2), moment="tussentijds")
    base = live_server.url
    with chromium() as browser:
        staff = browser.new_context(viewport=PHONE)
        adviser = staff.new_page()
        sign_in(adviser, base, org.adviser)
        adviser.goto(f"{base}/gezinnen/{org.family.pk}/vragenlijsten/")
        _shot(adviser, "01_adviser_tab")
        adviser.click("text=Nodig uit voor de vragenlijst")
        adviser.check(f"input[name=member][value='{org.member.pk}']")
        adviser.check("input[name=moment][value='tussentijds']")
        _shot(adviser, "02_adviser_invite_form")
        adviser.click("button:has-text('Maak link en QR-code')")
        link = adviser.input_value("#link")
        token = link.rsplit("/v/", 1)[1]
        assert loaded(adviser).locator(".qr svg").count() == 1
        _shot(adviser, "03_adviser_share_link_and_qr")
        _no_horizontal_scroll(adviser, "share page")

        family_context = browser.new_context(viewport=PHONE)
        family = family_context.new_page()
        family.goto(link)
        assert family.url == f"{base}/vragenlijst/" and token not in family.url
        _shot(family, "04_family_start")
        _accessible(family, "start page")
        _no_horizontal_scroll(family, "start page")
        family.click("a.f-button")
        family.wait_for_url("**/vragenlijst/vraag/1/")
        _accessible(family, "question page")
        _shot(family, "05_family_question_1")
        # Half of the questions with taps: each answer is saved at once, and only Volgende
        # opens the next question (nothing moves on by itself, WCAG 3.2.2).
        for number in range(1, 7):
            assert f"Vraag {number} van 13" in family.inner_text("h1")
            family.click(f"label[for=a{(number % 4) + 1}]")
            family.wait_for_selector(".f-status:has-text('Bewaard')")
            assert f"/vraag/{number}/" in family.url
            family.click("button:has-text('Volgende')")
            family.wait_for_url(f"**/vragenlijst/vraag/{number + 1}/")
        assert Answer.objects.filter(value__isnull=False).count() == 8 + 13 + 6
        _shot(family, "06_family_question_7_before_reload")
        family.reload()
        assert "Vraag 7 van 13" in family.inner_text("h1")
        # Closed tab, link opened again later: it resumes where they were.
        family.close()
        family = family_context.new_page()
        family.goto(link)
        assert "6 vragen beantwoord" in family.inner_text("main")
        _shot(family, "07_family_resume")
        family.click("a.f-button")
        family.wait_for_url("**/vragenlijst/vraag/7/")
        assert "Vraag 7 van 13" in family.inner_text("h1")
        # Keyboard: arrow keys choose without moving on; the Volgende button moves on.
        family.focus("#a0")
        family.keyboard.press("ArrowDown")
        family.wait_for_selector(".f-status:has-text('Bewaard')")
        assert "vraag/7/" in family.url
        family.click("button:has-text('Volgende')")
        family.wait_for_url("**/vragenlijst/vraag/8/")
        family.click("button:has-text('Sla over')")
        family.wait_for_url("**/vragenlijst/vraag/9/")
        for number in range(9, 14):
            family.click(f"label[for=a{number % 5}]")
            family.click("button:has-text('Volgende')")
            family.wait_for_url(
                "**/vragenlijst/controleren/"
                if number == 13
                else f"**/vragenlijst/vraag/{number + 1}/"
            )
        _accessible(family, "review page")
        _shot(family, "08_family_review")
        family.click("button:has-text('Verstuur mijn antwoorden')")
        family.wait_for_url("**/vragenlijst/klaar/")
        receipt = Response.objects.get(
            invitation__isnull=False, moment="tussentijds", member=org.member
        ).receipt
        assert receipt in family.inner_text("main")
        _accessible(family, "thank-you page")
        _shot(family, "09_family_thank_you")
        # The used link now says so, kindly.
        family.goto(link)
        assert "al ingevuld" in family.inner_text("main")
        _accessible(family, "used-link page")
        # The family session never opens the family file.
        family.goto(f"{base}/gezinnen/{org.family.pk}/")
        assert "/inloggen" in family.url

        adviser.goto(f"{base}/gezinnen/{org.family.pk}/vragenlijsten/")
        assert adviser.locator("svg.chart--line").count() == 1
        _shot(adviser, "10_adviser_tab_with_trend")
        adviser.click("a:has-text('Uitkomst bekijken') >> nth=0")
        assert "Score per onderdeel" in adviser.inner_text("main")
        assert "Naast elkaar" in adviser.inner_text("main")
        _accessible(adviser, "results page")
        _no_horizontal_scroll(adviser, "results page")
        _shot(adviser, "11_adviser_results")
        browser.close()


def test_the_form_works_without_javascript(org, live_server):
    _invitation, token = invite(org.member, org.adviser)
    with chromium() as browser:
        page = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
        page.goto(f"{live_server.url}/v/{token}/")
        page.click("a.f-button")
        page.wait_for_url("**/vragenlijst/vraag/1/")
        for number in range(1, 14):
            page.check(f"#a{number % 5}")
            page.click("button:has-text('Volgende')")
        assert "/vragenlijst/controleren/" in page.url
        page.click("button:has-text('Verstuur mijn antwoorden')")
        assert "Dank je wel" in page.inner_text("main")
    assert Response.objects.get().answers.filter(value__isnull=False).count() == 13


def test_bad_links_english_and_the_printed_invitation_are_accessible(org, live_server):
    _invitation, token = invite(org.member, org.adviser, language="en")
    with chromium() as browser:
        page = browser.new_context(viewport=PHONE).new_page()
        page.goto(f"{live_server.url}/v/{'x' * 43}/")
        assert "Deze link werkt niet" in page.inner_text("main")
        _accessible(page, "unknown-link page")
        _shot(page, "12_family_bad_link")
        page.goto(f"{live_server.url}/v/{token}/")
        assert page.get_attribute("html", "lang") == "en"
        _accessible(page, "English start page")
        page.click("a.f-button")
        page.wait_for_url("**/vragenlijst/vraag/1/")
        _accessible(page, "English question page")
        _shot(page, "13_family_question_english")
        staff = browser.new_context(viewport=PHONE).new_page()
        sign_in(staff, live_server.url, org.adviser)
        invitation, _ = invite(org.member, org.adviser)
        staff.goto(f"{live_server.url}/uitnodigingen/{invitation.pk}/")
        staff.click("button:has-text('Nieuwe link maken')")
        with staff.context.expect_page() as printed:
            staff.click("button:has-text('Uitnodiging afdrukken')")
        letter = printed.value
        letter.wait_for_load_state()
        assert letter.locator(".qr svg").count() == 1
        _accessible(letter, "printed invitation")
        _shot(letter, "14_printed_invitation")
