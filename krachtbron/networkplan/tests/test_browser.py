"""Issue 15's walk for the netwerkplan in Debian's Chromium: the family adds who to call and
shares the plan with an aunt; the aunt opens it on a phone (360 px); the family withdraws it and
the aunt's page says so. axe-core (WCAG 2.1 AA) finds nothing on the portal's page, the share
form, the link page, the aunt's page and the adviser's tab; nothing is wider than the phone.
Screenshots go to screenshots/netwerkplan_*.png (360 and 1280 px)."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings

from krachtbron.networkplan.models import Share
from krachtbron.networkplan.tests.share_helpers import make_plan
from krachtbron.testing.browser import check_page, chromium, sign_in
from krachtbron.testing.portal import one_time_link

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 900}
SHOTS = Path(django_settings.BASE_DIR) / "screenshots"


def _checked(page, where, width=PHONE["width"]):
    check_page(page, where, width, shot=f"netwerkplan_{where}_{width}")


def test_the_family_shares_its_plan_with_an_aunt_and_withdraws_it(org, live_server):
    base = live_server.url
    planned = make_plan(org, youth=org.youth)
    with chromium() as browser:
        for viewport in (PHONE, WIDE):
            member = browser.new_context(viewport=viewport).new_page()
            member.goto(base + one_time_link(org.member))
            member.click("main form button[type=submit]")
            member.wait_for_url(f"{base}/mijn/")
            member.goto(f"{base}/mijn/netwerkplan/")
            assert "Tante Noor" in member.inner_text("main")
            _checked(member, "portal", viewport["width"])
            member.goto(f"{base}/mijn/netwerkplan/bellen/")
            _checked(member, "bellen", viewport["width"])
            member.goto(f"{base}/mijn/netwerkplan/delen/")
            _checked(member, "delen", viewport["width"])
        # The last member page (1280 px) makes the share; the aunt opens it on her phone.
        member.select_option("#id_person", str(planned.aunt.pk))
        member.check(f"#id_calls input[value='{planned.call.pk}']")
        member.check(f"#id_goals input[value='{org.goal.pk}']")
        member.check(f"#id_goals input[value='{planned.youth_goal.pk}']")
        member.click("main form button[type=submit]")
        link = member.input_value("#link")
        assert "/gedeeld/l/" in link
        _checked(member, "link", WIDE["width"])
        aunt = browser.new_context(viewport=PHONE).new_page()
        aunt.goto(link)
        aunt.wait_for_url(f"{base}/gedeeld/")
        text = aunt.inner_text("main")
        assert "Als ik ziek ben" in text and org.goal.text in text
        assert "Zelf naar school fietsen" not in text  # Sem has not said yes yet
        _checked(aunt, "tante")
        member.goto(f"{base}/mijn/netwerkplan/")
        member.click(f"#gedeeld-{Share.objects.get().pk} button[type=submit]")
        assert "Het delen is gestopt" in member.inner_text("main")
        aunt.reload()
        assert "Het gezin deelt dit plan niet meer met je" in aunt.inner_text("main")
        _checked(aunt, "tante_gestopt")
        adviser = browser.new_context(viewport=WIDE).new_page()
        sign_in(adviser, base, org.adviser)
        adviser.goto(f"{base}/gezinnen/{org.family.pk}/netwerkplan/")
        assert "Gestopt" in adviser.inner_text("main")
        _checked(adviser, "tab", WIDE["width"])
