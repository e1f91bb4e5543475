"""In Debian's Chromium: a family link opened where an adviser is signed in.

The page explains and keeps the adviser signed in; its sign-out button (a form post from a page
with Referrer-Policy: no-referrer, so Chromium sends "Origin: null") opens the questionnaire.
"""

import pytest

from krachtbron.questionnaires.models import Invitation
from krachtbron.questionnaires.tests.factories import invite
from krachtbron.testing.browser import axe_violations, chromium, page_width, sign_in

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


def test_a_family_link_in_a_staff_browser(org, live_server):
    invitation, token = invite(org.member, org.adviser)
    base = live_server.url
    with chromium() as browser:
        page = browser.new_context(viewport=PHONE).new_page()
        sign_in(page, base, org.adviser)
        response = page.goto(f"{base}/v/{token}")
        assert response.status == 403
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "Deze link is voor het gezin" in page.inner_text("h1")
        assert axe_violations(page) == []
        assert page_width(page) <= PHONE["width"]
        # Still signed in: the family file opens.
        page.goto(f"{base}/gezinnen/{org.family.pk}/")
        assert "/inloggen" not in page.url
        invitation.refresh_from_db()
        assert invitation.opened_at is None

        page.goto(f"{base}/v/{token}")
        page.click("button:has-text('Uitloggen en de vragenlijst openen')")
        page.wait_for_url(f"{base}/vragenlijst/")
        assert Invitation.objects.get(pk=invitation.pk).opened_at is not None
        page.goto(f"{base}/gezinnen/{org.family.pk}/")
        assert "/inloggen" in page.url
        browser.close()
