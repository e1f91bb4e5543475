""" "Aandacht nodig" in a real headless Chromium: the caseload and the team page, axe 0, 360 px."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from krachtbron.attention.tests.helpers import answers, measured, started
from krachtbron.portal.models import TalkFlag
from krachtbron.testing.browser import axe_violations, chromium, loaded, page_width, sign_in
from krachtbron.testing.factories import FamilyFactory
from krachtbron.testing.personas import make_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[3] / "screenshots"


def _signals(org):
    late = FamilyFactory(team=org.team, display_name="Gezin Visser", advisers=[org.adviser])
    started(late, 20)
    measured(org.member, org.adviser, 3, days_ago=60)
    measured(org.member, org.adviser, answers(3, g05=1), moment="tussentijds")
    TalkFlag.objects.create(
        family=org.family, raised_by=org.member, goal=org.goal, raised_at=timezone.now()
    )


@pytest.mark.parametrize("width", [360, 1280])
def test_the_caseload_filter_works_without_javascript_and_passes_axe(live_server, width):
    org = make_org()
    _signals(org)
    SHOTS.mkdir(exist_ok=True)
    with chromium() as browser:
        viewport = {"width": width, "height": 800}
        signing_in = browser.new_context(viewport=viewport)
        sign_in(signing_in.new_page(), live_server.url, org.adviser)
        # The filter itself in a browser without JavaScript, with the same session.
        context = browser.new_context(viewport=viewport, java_script_enabled=False)
        context.add_cookies(signing_in.cookies())
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(live_server.url + "/gezinnen/")
        cards = page.locator(".card-list").inner_text()
        assert "score gedaald" in cards
        assert cards.count("om te bespreken") == 1 and "wil praten" not in cards
        page.select_option("#id_aandacht", "begin")
        page.select_option("#id_sorteer", "urgent")
        page.click("text=Toon")
        assert "aandacht=begin" in page.url and "Visser" not in page.url
        assert loaded(page).locator(".card__title").all_inner_texts() == ["Gezin Visser"]
        page = signing_in.pages[0]  # axe and the measurements need JavaScript
        page.goto(live_server.url + "/gezinnen/?sorteer=urgent")
        assert axe_violations(page) == []
        overflow = page_width(page) - page.viewport_size["width"]
        assert overflow <= 0
        page.screenshot(path=str(SHOTS / f"caseload_attention_{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_team_page_counts_pass_axe(live_server, width):
    org = make_org()
    _signals(org)
    for number in range(3):  # Alice: 5 families, counts; Bob: 1, no counts
        FamilyFactory(team=org.team, display_name=f"Gezin {number}", advisers=[org.adviser])
    FamilyFactory(team=org.team, display_name="Gezin Bob", advisers=[org.colleague])
    SHOTS.mkdir(exist_ok=True)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 800})
        sign_in(page, live_server.url, org.teamleider)
        page.goto(live_server.url + reverse("families:team"))
        table = page.locator("#attention-title ~ .table-wrap").inner_text()
        assert "minder dan 5 gezinnen: geen aantallen" in table
        assert "Alice" in table and "1" in table
        assert axe_violations(page) == []
        page.screenshot(path=str(SHOTS / f"team_attention_{width}.png"), full_page=True)
