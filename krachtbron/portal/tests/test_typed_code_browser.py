"""The typed code in Debian's Chromium: the adviser makes a questionnaire invitation (the code
beside the QR code), a parent on a phone (360 px) goes from the start of the site to /code/,
types a wrong code, then the right one as people type it, and lands on the questionnaire.
axe-core finds nothing on the share page and on the code page (empty and with its message);
nothing is wider than the screen. Screenshots: screenshots/code_*.png (360 and 1280 px)."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings

from krachtbron.testing.browser import check_page, chromium, sign_in

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 900}
SHOTS = Path(django_settings.BASE_DIR) / "screenshots"


def _checked(page, where, width):
    check_page(page, where, width, shot=f"code_{where}_{width}")


def test_a_parent_types_the_code_of_the_letter(org, live_server):
    base = live_server.url
    with chromium() as browser:
        adviser = browser.new_context(viewport=WIDE).new_page()
        sign_in(adviser, base, org.adviser)
        adviser.goto(f"{base}/gezinnen/{org.family.pk}/vragenlijsten/uitnodigen/")
        adviser.check(f"input[name=member][value='{org.member.pk}']")
        adviser.click("main form button[type=submit]:not([name=together])")
        code = adviser.inner_text(".typed-code").strip()
        _checked(adviser, "share", WIDE["width"])
        adviser.set_viewport_size(PHONE)
        _checked(adviser, "share", PHONE["width"])
        assert len(code) == 24 and code.count(" ") == 4
        for viewport in (WIDE, PHONE):
            parent = browser.new_context(viewport=viewport).new_page()
            parent.goto(base + "/")
            parent.click("text=Typ hier je code")
            parent.wait_for_url(f"{base}/code/")
            _checked(parent, "empty", viewport["width"])
            wrong = "abcd-efgh-jkmn-pqrs-tuvw"
            parent.fill("#id_code", wrong)
            parent.click("main form button[type=submit]")
            assert "Deze code kennen we niet" in parent.inner_text("main")
            assert parent.input_value("#id_code") == wrong  # what was typed stays
            _checked(parent, "wrong", viewport["width"])
        parent.fill("#id_code", code.lower().replace(" ", "-"))
        parent.click("main form button[type=submit]")
        parent.wait_for_url(f"{base}/vragenlijst/")
        assert code.replace(" ", "") not in parent.url
