"""The share page's choice in Debian's Chromium at 360 and 1280 px, without JavaScript doing
anything for it: e-mail and SMS each open from their own summary, a wrong number comes back with
its Dutch message and the SMS form open, a good one queues the SMS, and the invitation's list
shows the channel. axe-core (WCAG 2.1 AA) finds nothing; nothing is wider than the screen.
Screenshots go to screenshots/sms_*.png."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings

from krachtbron.sending.models import Channel, Delivery
from krachtbron.testing.browser import check_page, chromium, loaded, sign_in

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 900}
SHOTS = Path(django_settings.BASE_DIR) / "screenshots"


def _checked(page, where, width):
    check_page(page, where, width, shot=f"sms_{where}_{width}")


def test_the_adviser_chooses_sms_on_the_share_page(org, live_server):
    base = live_server.url
    with chromium() as browser:
        page = browser.new_context(viewport=PHONE).new_page()
        sign_in(page, base, org.adviser)  # once: a TOTP code works one time
        for viewport in (PHONE, WIDE):
            width = viewport["width"]
            page.set_viewport_size(viewport)
            page.goto(f"{base}/gezinnen/{org.family.pk}/vragenlijsten/uitnodigen/")
            page.check(f'input[name=member][value="{org.member.pk}"]')
            page.check("input[name=moment][value=begin]")
            page.click("main form button[type=submit]:not([name])")
            assert loaded(page).is_visible("#link")
            assert not loaded(page).is_visible("#sms-number")  # closed until chosen
            _checked(page, "keuze", width)
            page.click("summary:has-text('Per sms')")
            page.fill("#sms-number", "020 624 1111")
            page.click("button:has-text('Versturen per sms')")
            main = page.inner_text("main")
            assert "Dit is geen mobiel nummer." in main
            assert page.input_value("#sms-number") == "020 624 1111"  # kept, form open
            _checked(page, "fout", width)
            page.fill("#sms-number", "06 1234 5678")
            page.click("button:has-text('Versturen per sms')")
            assert "Het bericht staat klaar om te versturen" in page.inner_text("main")
            row = page.inner_text("table:has(caption:has-text('Verstuurde berichten'))")
            assert "sms" in row and "in de wachtrij" in row
            _checked(page, "lijst", width)
    assert list(Delivery.objects.values_list("channel", flat=True)) == [Channel.SMS] * 2
