"""End to end in Debian's Chromium: a parent and a young person of 14 each answer their open
questionnaire from Mijn Krachtbron (keyboard only on a 360 px phone), read their own result and
download their copy of the file from Ons dossier;
axe-core finds no WCAG 2.1 AA violation on the pages, nothing is wider than the phone.
Screenshots at 360 and 1280 px go to screenshots/ (look at them)."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from krachtbron.questionnaires.models import Response
from krachtbron.questionnaires.tests.factories import ALL_ITEMS, InvitationFactory
from krachtbron.testing.browser import axe_violations, chromium
from krachtbron.testing.portal import one_time_link

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 900}
SHOTS = Path(django_settings.BASE_DIR) / "screenshots"


def _checked(page, where, width=PHONE["width"]):
    violations = axe_violations(page)
    assert violations == [], f"{where}: " + "; ".join(
        f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in violations
    )
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"{where} is {wide}px wide"


def _shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"portal_{name}.png"), full_page=True)


def _tab_to(page, selector, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def _sign_in(page, base, member):
    page.goto(base + one_time_link(member))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/mijn/")


def _answer_with_the_keyboard(page, name):
    page.goto(page.url)  # the start page of the questionnaire
    _tab_to(page, "main a.f-button")
    page.keyboard.press("Enter")
    for number in range(1, len(ALL_ITEMS) + 1):
        page.wait_for_url(f"**/vragenlijst/vraag/{number}/")
        if number == 1:
            _checked(page, f"{name}: question 1")
            _shot(page, f"{name}_question_360")
        _tab_to(page, "input[name=value]")
        page.keyboard.press("ArrowDown")  # the next option is chosen (radio group)
        _tab_to(page, "button[value=next]")
        page.keyboard.press("Enter")
    page.wait_for_url("**/vragenlijst/controleren/")
    _tab_to(page, "form[action$='/versturen/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/vragenlijst/klaar/")
    _checked(page, f"{name}: done")


def _download_the_copy(page, base, name):
    """Ons dossier with the keyboard: choose PDF, download the copy (a real PDF)."""
    page.goto(f"{base}/mijn/dossier/")
    _checked(page, f"{name}: Ons dossier")
    _shot(page, f"{name}_dossier_360")
    _tab_to(page, "#format-pdf")
    page.keyboard.press("Space")
    _tab_to(page, "form[action$='/kopie/'] button")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    path = SHOTS / f"portal_{name}_copy.pdf"
    download.value.save_as(str(path))
    assert path.read_bytes().startswith(b"%PDF")
    page.set_viewport_size(WIDE)
    page.goto(f"{base}/mijn/dossier/")
    _checked(page, f"{name}: Ons dossier (wide)", WIDE["width"])
    _shot(page, f"{name}_dossier_1280")


def test_a_parent_and_a_young_person_answer_from_the_portal(org, live_server):
    base = live_server.url
    youth = org.youth
    youth.birth_date = date(timezone.localdate().year - 14, 1, 1)  # 14 all year
    youth.birth_year = youth.birth_date.year
    youth.save(update_fields=["birth_date", "birth_year"])
    for member in (org.member, youth):
        InvitationFactory(member=member, created_by=org.adviser)
    with chromium() as browser:
        for member, name in ((org.member, "parent"), (youth, "youth")):
            page = browser.new_context(viewport=PHONE).new_page()
            _sign_in(page, base, member)
            page.goto(f"{base}/mijn/vragenlijsten/")
            _checked(page, f"{name}: Vragenlijsten")
            _shot(page, f"{name}_questionnaires_360")
            _tab_to(page, "form[action*='/beginnen/'] button")
            page.keyboard.press("Enter")
            page.wait_for_url("**/vragenlijst/")
            _answer_with_the_keyboard(page, name)
            _tab_to(page, "a[href='/mijn/vragenlijsten/']")
            page.keyboard.press("Enter")
            page.wait_for_url(f"{base}/mijn/vragenlijsten/")
            assert "Je hoeft nu niets in te vullen." in page.content()
            page.click("a[href*='/mijn/vragenlijsten/uitslag/']")
            _checked(page, f"{name}: result")
            _shot(page, f"{name}_result_360")
            page.set_viewport_size(WIDE)
            _checked(page, f"{name}: result (wide)", WIDE["width"])
            _shot(page, f"{name}_result_1280")
            page.set_viewport_size(PHONE)
            _download_the_copy(page, base, name)
            page.context.close()
    responses = Response.objects.filter(completed_at__isnull=False)
    assert sorted(responses.values_list("member_id", flat=True)) == sorted(
        [org.member.pk, youth.pk]
    )
