"""End to end in Debian's Chromium with the DevTools virtual authenticator (a real passkey).

The adviser invites, the member opens the link on a 360 px phone, makes a passkey, sees Ons
plan, signs out, signs in with the passkey (keyboard only), loses the phone: a new invitation,
and the old passkey is refused. axe-core finds no WCAG 2.1 AA violation on any portal page.
Served on http://localhost (an IP address cannot hold a passkey); the relying party's origin
is the live server's.
"""

from pathlib import Path

import pytest
from django.conf import settings as django_settings

from krachtbron.portal.models import Passkey
from krachtbron.testing.browser import axe_violations, chromium, sign_in

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
SHOTS = Path(django_settings.BASE_DIR) / "screenshots"


def _shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"portal_{name}.png"), full_page=True)


def _checked(page, where):
    violations = axe_violations(page)
    assert violations == [], f"{where}: " + "; ".join(
        f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in violations
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{where} is {width}px wide"


def _phone_with_passkeys(browser):
    """A phone-sized browser with a platform authenticator that keeps resident passkeys and
    verifies its user (Chrome DevTools Protocol, WebAuthn domain)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return page


def _tab_to(page, selector, limit=40):
    """Press Tab until the element matching ``selector`` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def _invite(adviser, base, org):
    adviser.goto(f"{base}/gezinnen/{org.family.pk}/mijn-krachtbron/")
    adviser.once("dialog", lambda dialog: dialog.accept())  # "old passkeys stop": yes
    adviser.click(f"form[action='/gezinsleden/{org.member.pk}/mijn-krachtbron/uitnodigen/'] button")
    return adviser.input_value("#link")


def test_invite_make_a_passkey_sign_out_sign_in_and_lose_the_phone(org, live_server, settings):
    base = live_server.url
    assert base.startswith("http://localhost:"), base
    settings.PORTAL_RP_ID = "localhost"
    settings.PORTAL_ORIGINS = [base]
    with chromium() as browser:
        adviser = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        sign_in(adviser, base, org.adviser)
        link = _invite(adviser, base, org)
        _shot(adviser, "01_adviser_share")
        assert link.startswith(f"{base}/mijn/l/")

        phone = _phone_with_passkeys(browser)
        phone.goto(link)
        _checked(phone, "open link")
        _shot(phone, "02_open_link")
        phone.click("main form button[type=submit]")
        phone.wait_for_url(f"{base}/mijn/welkom/")
        assert "Welkom, Fatima" in phone.inner_text("h1")
        _checked(phone, "welcome")
        _shot(phone, "03_welcome")
        phone.click("button:has-text('Sleutel maken')")
        phone.wait_for_url(f"{base}/mijn/")
        assert "Hallo Fatima" in phone.inner_text("h1")
        assert org.goal.text in phone.inner_text("main")
        _checked(phone, "home")
        _shot(phone, "04_home")
        assert Passkey.objects.filter(member=org.member, revoked_at__isnull=True).count() == 1

        phone.click("header button:has-text('Uitloggen')")
        phone.wait_for_url(f"{base}/mijn/inloggen/")
        _checked(phone, "sign in")
        _shot(phone, "05_sign_in")
        # Keyboard only: Tab to the button, Enter; the authenticator answers.
        _tab_to(phone, "form[data-passkey] button[type=submit]")
        phone.keyboard.press("Enter")
        phone.wait_for_url(f"{base}/mijn/")
        assert "Hallo Fatima" in phone.inner_text("h1")

        # The phone is lost: the adviser invites again; the old passkey stops at once.
        _invite(adviser, base, org)
        phone.reload()
        phone.wait_for_url(f"{base}/mijn/inloggen/")
        phone.click("button:has-text('Inloggen met je sleutel')")
        phone.wait_for_selector(".message--error")
        assert "Inloggen lukte niet" in phone.inner_text("main")
        assert phone.url == f"{base}/mijn/inloggen/"
        _checked(phone, "refused sign in")
        _shot(phone, "06_refused")
        assert Passkey.objects.get(member=org.member).revoked_at is not None
