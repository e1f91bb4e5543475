"""The Arabic family pages in Debian's Chromium at 360 px (issue 17 items 4 and 5).

A member whose language is Arabic answers the questionnaire from an Arabic invitation, then
reads the plan, the network map and the results in Mijn Krachtbron. Every page reads right to
left (``<html dir="rtl">``, the answer's radio button on the right beside its label), shows the
concept banner with its link to the Dutch original, passes axe-core and fits 360 px.
Screenshots go to /tmp/s9-lang-shots/ (``KRACHTBRON_SHOTS`` elsewhere) to look at.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.portal import actions
from krachtbron.questionnaires.models import Response
from krachtbron.questionnaires.tests.factories import invite
from krachtbron.testing.browser import check_page, chromium
from krachtbron.testing.portal import one_time_link

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
SHOTS = Path(os.environ.get("KRACHTBRON_SHOTS", "/tmp/s9-lang-shots"))  # noqa: S108


def _look(page, where: str, shot: str) -> None:
    """Right to left, the concept banner, axe and 360 px; a screenshot to look at."""
    assert page.get_attribute("html", "lang") == "ar", where
    assert page.get_attribute("html", "dir") == "rtl", where
    assert page.locator(".concept-banner a[lang=nl]").count() == 1, where
    check_page(page, where, PHONE["width"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{shot}.png"), full_page=True)


def _next(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def test_an_arabic_member_answers_and_reads_right_to_left(org, live_server):
    base = live_server.url
    actions.choose_language(org.member, "ar")
    NetworkPersonFactory(family=org.family, label="خالة نور")
    _invitation, token = invite(org.member, org.adviser, language="ar")
    with chromium() as browser:
        context = browser.new_context(viewport=PHONE)
        # Without the answering script the form posts on "Next" (the pages work without JS).
        context.route("**/questionnaires/form.js", lambda route: route.abort())
        page = context.new_page()
        page.goto(base + reverse("questionnaires:open", args=[token]))
        _look(page, "questionnaire start", "01_questionnaire_start")
        _next(page, "main a.f-button")
        _look(page, "question 1", "02_question")
        radio, label = (
            page.locator("#a3").bounding_box(),
            page.locator("label[for=a3]").bounding_box(),
        )
        # The radio sits at the label's right (inline start in Arabic), inside it.
        assert radio["x"] > label["x"] + label["width"] / 2, (radio, label)
        for value in [3, 4, 2, 3, 4, 1, 3, 3, 2, 4, 0, 3, 4]:
            page.check(f"#a{value}")
            _next(page, "button[value=next]")
        _look(page, "review", "03_review")
        _next(page, "main form button[type=submit]")
        _look(page, "done", "04_done")
        assert Response.objects.get(invitation__member=org.member).completed_at is not None

        portal = browser.new_context(viewport=PHONE).new_page()
        portal.goto(base + one_time_link(org.member))
        _next(portal, "main form button[type=submit]")
        _look(portal, "plan", "05_plan")
        portal.goto(base + reverse("portal:people"))
        _look(portal, "people and map", "06_people")
        portal.goto(base + reverse("portal:questionnaires"))
        _next(portal, "main a[href*='/uitslag/']")
        _look(portal, "results", "07_results")

        # The banner's link shows the same page in Dutch, once.
        _next(portal, ".concept-banner a[lang=nl]")
        assert portal.get_attribute("html", "lang") == "nl"
        assert portal.get_attribute("html", "dir") == "ltr"
        check_page(portal, "results in Dutch", PHONE["width"])
        _next(portal, ".concept-banner a[lang=ar]")
        assert portal.get_attribute("html", "dir") == "rtl"
