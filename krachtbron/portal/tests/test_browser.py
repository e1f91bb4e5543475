"""A lost phone, in Debian's Chromium with the DevTools virtual authenticator (a real passkey).

The member has a passkey on their phone; the phone is lost, the adviser invites again from the
file, and the old passkey is refused at once. (Invitation, making the passkey, signing out and
in again with the keyboard, with axe-core on every page: test_done_when.py walks them.) Served
on http://localhost (an IP address cannot hold a passkey); the relying party's origin is the
live server's.
"""

from pathlib import Path

import pytest
from django.conf import settings as django_settings

from krachtbron.portal.models import Passkey
from krachtbron.testing.browser import (
    check_page,
    chromium,
    phone_with_passkeys,
    sign_in,
)

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
SHOTS = Path(django_settings.BASE_DIR) / "screenshots"


def _shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"portal_{name}.png"), full_page=True)


def _checked(page, where):
    check_page(page, where, PHONE["width"])


def _invite(adviser, base, org):
    adviser.goto(f"{base}/gezinnen/{org.family.pk}/mijn-krachtbron/")
    adviser.once("dialog", lambda dialog: dialog.accept())  # "old passkeys stop": yes
    adviser.click(f"form[action='/gezinsleden/{org.member.pk}/mijn-krachtbron/uitnodigen/'] button")
    return adviser.input_value("#link")


def test_a_lost_phone_gets_a_new_invitation_and_its_passkey_is_refused(org, live_server, settings):
    base = live_server.url
    assert base.startswith("http://localhost:"), base
    settings.PORTAL_RP_ID = "localhost"
    settings.PORTAL_ORIGINS = [base]
    with chromium() as browser:
        adviser = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        sign_in(adviser, base, org.adviser)
        phone = phone_with_passkeys(browser, PHONE)
        phone.goto(_invite(adviser, base, org))
        phone.click("main form button[type=submit]")
        phone.wait_for_url(f"{base}/mijn/welkom/")
        phone.click("button:has-text('Sleutel maken')")
        phone.wait_for_url(f"{base}/mijn/")
        assert "Hallo Fatima" in phone.inner_text("h1")
        assert Passkey.objects.filter(member=org.member, revoked_at__isnull=True).count() == 1

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
