"""Sending a share's link in Debian's Chromium at 360 and 1280 px, without JavaScript doing
anything for it: the link page offers sms (filled in from the plan), e-mail and "samen
bekijken"; a landline comes back with its Dutch message and the number kept; a good number
queues the SMS and the family's list says so; "samen bekijken" shows the aunt's page. axe-core
(WCAG 2.1 AA) finds nothing; nothing is wider than the screen. Screenshots go to
screenshots/delen_sturen_*.png."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings

from krachtbron.networkplan.tests.share_helpers import make_plan
from krachtbron.sending.models import Channel, Delivery
from krachtbron.testing.browser import check_page, chromium
from krachtbron.testing.portal import one_time_link

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 900}
SHOTS = Path(django_settings.BASE_DIR) / "screenshots"


def _checked(page, where, width):
    check_page(page, where, width, shot=f"delen_sturen_{where}_{width}")


def test_the_family_sends_the_link_by_sms_and_looks_at_it_together(org, live_server):
    base = live_server.url
    planned = make_plan(org)
    with chromium() as browser:
        for viewport in (PHONE, WIDE):
            width = viewport["width"]
            member = browser.new_context(viewport=viewport).new_page()
            member.goto(base + one_time_link(org.member))
            member.click("main form button[type=submit]")
            member.wait_for_url(f"{base}/mijn/")
            member.goto(f"{base}/mijn/netwerkplan/delen/")
            member.select_option("#id_person", str(planned.aunt.pk))
            member.check(f"#id_calls input[value='{planned.call.pk}']")
            member.click("main form button[type=submit]")
            assert "/gedeeld/l/" in member.input_value("#link")
            _checked(member, "link", width)
            member.click("summary:has-text('Stuur per sms')")
            assert member.input_value("#sms-number") == "+31612345678"  # from the plan
            member.click("summary:has-text('Stuur per e-mail')")
            _checked(member, "open", width)
            member.fill("#sms-number", "020 624 1111")
            member.click("button:has-text('Stuur per sms')")
            assert "Dit is geen mobiel nummer." in member.inner_text("main")
            assert member.input_value("#sms-number") == "020 624 1111"  # kept, form open
            _checked(member, "fout", width)
            # Samen bekijken from the same page (the token is still in its forms).
            with member.context.expect_page() as opened:  # a new tab: the link page stays
                member.click("button:has-text('Samen bekijken op deze telefoon')")
            together = opened.value
            together.wait_for_load_state()
            text = together.inner_text("main")
            assert "Zo ziet Tante Noor het plan" in text and "Als ik ziek ben" in text
            assert "/gedeeld" not in together.url
            _checked(together, "samen", width)
            together.close()
            member.fill("#sms-number", "06 1234 5678")
            member.click("button:has-text('Stuur per sms')")
            main = member.inner_text("main")
            assert "Het bericht staat klaar om te versturen" in main
            assert "gaat zo weg" in main
            _checked(member, "lijst", width)
    assert list(Delivery.objects.values_list("channel", flat=True)) == [Channel.SMS] * 2
