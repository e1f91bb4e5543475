"""The kennisbank, a card, search and the planner in Debian's Chromium: axe-core finds nothing.

Screenshots at 360 and 1280 px go to screenshots/ (gitignored) for a human look.
"""

from pathlib import Path

import pytest
from django.conf import settings

from krachtbron.knowledge.models import ConversationPlan
from krachtbron.knowledge.tests.factories import FamilyPlanFactory, TeamPlanFactory
from krachtbron.testing.browser import axe_violations, chromium, page_width, sign_in

pytestmark = pytest.mark.browser
SHOTS = Path(settings.BASE_DIR) / "screenshots"
PAGES = [
    ("index", "/kennisbank/"),
    ("page", "/kennisbank/werken-met-netwerk/"),
    ("cards", "/kennisbank/waaier/"),
    ("card", "/kennisbank/waaier/waaier-regie/"),
    ("cards_print", "/kennisbank/waaier/afdrukken/"),
    ("search", "/kennisbank/zoeken/?q=netwerken"),
    ("plans", "/gesprekken/"),
    ("plan_new", "/gesprekken/nieuw/?kaart=waaier-regie"),
]


def _check(page, where, width):
    violations = axe_violations(page)
    assert violations == [], f"{where}: " + "; ".join(
        f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in violations
    )
    scroll = page_width(page)
    assert scroll <= width, f"{where} is {scroll}px wide at {width}px"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"knowledge_{where}_{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [360, 1280])
def test_knowledge_pages_and_planner_pass_axe_at_both_widths(org, live_server, width):
    team_plan = TeamPlanFactory(
        owner=org.adviser, notes="Goed gesprek.", agreements="Terugkijken in maart."
    )
    family_plan = FamilyPlanFactory(owner=org.adviser, family=org.family)
    pages = [
        *PAGES,
        ("plan", f"/gesprekken/{team_plan.pk}/"),
        ("plan_record", f"/gesprekken/{team_plan.pk}/verslag/"),
        ("family_plans", f"/gezinnen/{org.family.pk}/gesprekken/"),
        ("family_plan", f"/gezinsgesprekken/{family_plan.pk}/"),
    ]
    with chromium() as browser:
        page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
        sign_in(page, live_server.url, org.adviser)
        for name, path in pages:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            _check(page, name, width)


def test_preparing_a_conversation_in_the_browser(org, live_server):
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 360, "height": 800}).new_page()
        sign_in(page, live_server.url, org.adviser)
        page.goto(live_server.url + "/kennisbank/waaier/waaier-regie/")
        page.click("text=Plan een teamgesprek met deze kaart")
        assert page.is_checked("input[name=cards][value=waaier-regie]")
        page.fill("#id_topic", "Wie beslist er?")
        page.check("input[name=audiences][value=collegas]")
        page.fill("#id_planned_on", "2026-12-01")
        page.click("main form button[type=submit]")
        page.wait_for_url("**/gesprekken/*/")
        assert "Vragen voor een gesprek met collega" in page.content()
        _check(page, "plan_created", 360)
    plan = ConversationPlan.objects.get()
    assert plan.topic == "Wie beslist er?" and plan.cards == ["waaier-regie"]


def test_a_card_prints_without_menu_and_buttons(org, live_server):
    with chromium() as browser:
        page = browser.new_page()
        sign_in(page, live_server.url, org.colleague)
        page.goto(live_server.url + "/kennisbank/waaier/waaier-grenzen/")
        assert page.is_visible("[data-print]")  # the print button appears where JS runs
        page.emulate_media(media="print")
        assert not page.is_visible(".main-nav")
        assert not page.is_visible(".kb-actions")
        assert page.is_visible(".kb-questions")
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
