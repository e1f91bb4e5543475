"""The Dutch original one tap away, in Debian's Chromium (docs/talen.md, session 9): an Arabic
question page opened in Dutch shows the Dutch item, and a family error page (404) in Arabic has
the concept banner; both pass axe-core and fit 360 px and 1280 px. Screenshots go to
/tmp/s9-taal-shots/ (``KRACHTBRON_SHOTS`` elsewhere) to look at.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from krachtbron.instruments import get_instrument
from krachtbron.questionnaires.tests.factories import invite
from krachtbron.testing.browser import check_page, chromium

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("KRACHTBRON_SHOTS", "/tmp/s9-taal-shots"))  # noqa: S108
WIDTHS = (360, 1280)


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_dutch_question_and_an_arabic_error_page_in_a_browser(org, live_server):
    base = live_server.url
    _invitation, token = invite(org.member, org.adviser, language="ar")
    dutch_item = get_instrument("kracht-gezinnen", "nl").items[0].text
    with chromium() as browser:
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 800})
            page = context.new_page()
            page.goto(base + reverse("questionnaires:open", args=[token]))
            page.goto(base + reverse("questionnaires:form_question", args=[1]))
            assert page.get_attribute("html", "dir") == "rtl"
            with page.expect_navigation():
                page.click(".concept-banner a[lang=nl]")
            assert page.get_attribute("html", "lang") == "nl"
            assert page.locator("legend.f-question").inner_text().strip() == dutch_item
            check_page(page, f"question in Dutch at {width}px", width)
            _shot(page, f"question_nl_{width}")

            context.add_cookies([{"name": "django_language", "value": "ar", "url": base}])
            page.goto(base + "/mijn/bestaat-niet/")
            assert page.get_attribute("html", "dir") == "rtl"
            assert page.locator(".concept-banner a[lang=nl]").count() == 1
            check_page(page, f"Arabic 404 at {width}px", width)
            _shot(page, f"error_404_ar_{width}")
            context.close()
