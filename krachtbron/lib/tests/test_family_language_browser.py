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
            context = browser.new_context(viewport={"width": width, "height": 800})
            page = context.new_page()
            page.goto(live_server.url + reverse("accessibility"))
            check_page(page, f"statement {width}", shot=f"s9-statement-{width}")
            page.goto(live_server.url + reverse("questionnaires:open", args=[token]))
            page.goto(live_server.url + reverse("questionnaires:form_question", args=[7]))
            assert page.locator(".f-section").inner_text() == "Wat je weet en kunt"
            check_page(page, f"question {width}", shot=f"s9-question-{width}")
            page.goto(live_server.url + reverse("questionnaires:open", args=[dead_token]))
            assert page.locator("h1").inner_text() == "This link has expired"
            check_page(page, f"dead link {width}", shot=f"s9-dead-link-{width}")
            context.close()
        # The switch is a plain link: it works with JavaScript switched off. (axe needs
        # JavaScript, so the English page is checked in a second context that has it.)
        plain = browser.new_context(
            viewport={"width": 360, "height": 800}, java_script_enabled=False
        )
        page = plain.new_page()
        page.goto(live_server.url + reverse("questionnaires:open", args=[token]))
        page.goto(live_server.url + reverse("questionnaires:form_question", args=[7]))
        with page.expect_navigation():
            page.click("nav.family-languages a[lang=en]")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator(".f-section").inner_text() == "What you know and can do"
        english = page.url
        cookies = plain.cookies()
        plain.close()
        checked = browser.new_context(viewport={"width": 360, "height": 800})
        checked.add_cookies(cookies)
        page = checked.new_page()
        page.goto(english)
        assert page.locator("html").get_attribute("lang") == "en"
        check_page(page, "question in English 360", shot="s9-question-en-360")
        checked.close()
