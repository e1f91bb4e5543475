"""The warning before a session ends, "Blijf ingelogd", and a goal typed past the end, in
Debian's Chromium with a short idle time (issue 12, section 2).

Screenshots at 1280 and 360 px go to screenshots/ (gitignored).
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from krachtbron.families.models import Goal
from krachtbron.testing.browser import axe_violations, chromium, loaded, sign_in, totp_code
from krachtbron.testing.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _production_session_clock(settings):
    """Record activity as often as in production (conftest slows it down for query counts)."""
    settings.SESSION_SEEN_RESOLUTION = timedelta(seconds=5)


SHOTS = Path(django_settings.BASE_DIR) / "screenshots"
WAIT = 30_000  # ms; the warning comes a few seconds after the page loads


def _shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"session_{name}.png"), full_page=False)


def _fresh_code_step(user):
    TOTPDevice.objects.filter(user=user).update(last_t=-1)  # as a new 30 s step would


@pytest.mark.parametrize("width", [1280, 360])
def test_the_warning_comes_before_the_end_and_blijf_ingelogd_keeps_the_session(
    org, live_server, settings, width
):
    settings.SESSION_IDLE_TIMEOUT = timedelta(seconds=12)
    settings.SESSION_WARNING_SECONDS = 6  # shown some 7 s after the page loaded
    with chromium() as browser:
        page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
        sign_in(page, live_server.url, org.adviser)
        page.goto(live_server.url + reverse("families:goal_add", args=[org.family.pk]))
        notice = page.locator("#session-notice")
        assert notice.is_hidden()  # not yet: nothing distracts while there is time
        notice.wait_for(state="visible", timeout=WAIT)
        said = page.inner_text("#session-live")
        assert "uitgelogd" in said and said == notice.locator("p").inner_text()
        assert page.get_attribute("#session-live", "role") == "status"
        _shot(page, f"warning_{width}")
        assert axe_violations(page) == []
        page.click("#session-notice button:has-text('Blijf ingelogd')")
        expect(page.locator("#session-live")).to_have_text("Je blijft ingelogd.", timeout=WAIT)
        _shot(page, f"stay_{width}")
        # The server counts it as activity: the full idle time is left again.
        state = loaded(page).evaluate(
            "fetch('/sessie/', {headers: {Accept: 'application/json'}}).then(r => r.json())"
        )
        assert state["expires_in"] > 6
        assert page.url.endswith(reverse("families:goal_add", args=[org.family.pk]))


def test_a_goal_typed_past_the_end_comes_back_after_signing_in_again(org, live_server, settings):
    settings.SESSION_IDLE_TIMEOUT = timedelta(seconds=8)
    settings.SESSION_WARNING_SECONDS = 4
    text = "Zelf de post openen en samen met de buurvrouw de belangrijke brieven lezen"
    url = reverse("families:goal_add", args=[org.family.pk])
    before = Goal.objects.count()
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
        sign_in(page, live_server.url, org.adviser)
        page.goto(live_server.url + url)
        page.fill("#id_text", text)
        page.select_option("#id_life_domain", "financien")
        # Typing is not a request: the session ends while the adviser is still busy.
        expect(page.locator("#session-live")).to_contain_text("Je bent uitgelogd", timeout=WAIT)
        _shot(page, "ended_360")
        page.click("main form button[type=submit]")
        page.wait_for_url("**/inloggen/?next=*", timeout=WAIT)
        assert "daarna staat wat je had ingevuld er weer" in page.content()
        _fresh_code_step(org.adviser)
        page.fill("#id_username", org.adviser.username)
        page.fill("#id_password", PASSWORD)
        page.click("main form button[type=submit]")
        page.fill("#id_code", totp_code(org.adviser))
        page.click("main form button[type=submit]")
        page.wait_for_url(f"**{url}", timeout=WAIT)
        assert page.input_value("#id_text") == text
        assert page.input_value("#id_life_domain") == "financien"
        assert "Wat je had ingevuld staat er weer" in page.inner_text(".messages")
        _shot(page, "restored_360")
        assert Goal.objects.count() == before  # shown again, not saved by itself
        page.click("main form button[type=submit]")
        page.wait_for_url(f"**{reverse('families:detail', args=[org.family.pk])}", timeout=WAIT)
    assert Goal.objects.filter(text=text).count() == 1
