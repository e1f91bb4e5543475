"""In Chromium, at phone and desk width: the accessibility statement, a question screen with its
plain subtitle and the language switch, the switch used without JavaScript, and a dead link of
an English invitation (axe, width, screenshots)."""

import pytest
from django.urls import reverse

from krachtbron.questionnaires.tests.factories import InvitationFactory, invite
from krachtbron.testing.browser import check_page, chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 1280)


def test_statement_question_switch_and_dead_link_in_chromium(org, live_server):
    _invitation, token = invite(org.member, org.adviser)
    _dead, dead_token = InvitationFactory.linked(
        member=org.youth, created_by=org.adviser, language="en", expired=True
    )
    with chromium() as browser:
        for width in WIDTHS:
            context = browser.new_context(
                viewport={"width": width, "height": 800}, java_script_enabled=False
            )
            page = context.new_page()
            page.goto(live_server.url + reverse("accessibility"))
            check_page(page, f"statement {width}", shot=f"s9-statement-{width}")
            page.goto(live_server.url + reverse("questionnaires:open", args=[token]))
            page.goto(live_server.url + reverse("questionnaires:form_question", args=[7]))
            assert page.locator(".f-section").inner_text() == "Wat je weet en kunt"
            check_page(page, f"question {width}", shot=f"s9-question-{width}")
            with page.expect_navigation():
                page.click("nav.family-languages a[lang=en]")
            assert page.locator("html").get_attribute("lang") == "en"
            assert page.locator(".f-section").inner_text() == "What you know and can do"
            check_page(page, f"question in English {width}", shot=f"s9-question-en-{width}")
            page.goto(live_server.url + reverse("questionnaires:open", args=[dead_token]))
            assert page.locator("h1").inner_text() == "This link has expired"
            check_page(page, f"dead link {width}", shot=f"s9-dead-link-{width}")
            context.close()
