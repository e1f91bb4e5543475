"""Reflection, a round and the dashboard in a real headless Chromium: axe-core, no sideways
overflow on a phone (the pages use no JavaScript of their own)."""

import pytest

from krachtbron.reflection.models import (
    OrganisationResponse,
    ProfessionalReflection,
    SealedAnswerSet,
)
from krachtbron.reflection.tests.factories import (
    RoundFactory,
    closed_quarter_moment,
    family_response,
    open_round,
    staff,
)
from krachtbron.testing.browser import axe_violations, chromium, cut_choices, page_width, sign_in
from krachtbron.testing.personas import make_org
from krachtbron.testing.tasks import publish_closed_periods

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_overflow(page) -> None:
    assert page_width(page) - page.viewport_size["width"] <= 0


@pytest.mark.parametrize("width", [360, 1280])
def test_an_adviser_reflects_and_answers_a_round_accessibly(live_server, width):
    org = make_org()
    round_ = open_round(org.teamleider, [org.team])
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 800})
        sign_in(page, live_server.url, org.adviser)
        page.goto(live_server.url + "/reflectie/nieuw/")
        assert axe_violations(page) == []
        _no_overflow(page)
        page.check("#id_item_p01_4")
        page.check("#id_item_p03_0")
        page.check("#id_counts_in_team")
        page.click("main form button[type=submit]")
        assert "Reflectie van" in page.locator("h1").inner_text()
        assert axe_violations(page) == []
        _no_overflow(page)
        page.goto(live_server.url + "/reflectie/")
        assert axe_violations(page) == []
        _no_overflow(page)
        page.goto(live_server.url + f"/reflectie/rondes/{round_.pk}/invullen/")
        page.check("#id_item_o01_3")
        page.click("main form button[type=submit]")
        assert axe_violations(page) == []
    assert ProfessionalReflection.objects.filter(user=org.adviser, counts_in_team=True).exists()
    # Sealed until the round closes.
    assert SealedAnswerSet.objects.filter(round=round_).count() == 1
    assert not OrganisationResponse.objects.filter(round=round_).exists()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_beheerder_reads_the_dashboard_and_the_mirror_accessibly(live_server, width):
    org = make_org()
    for team in (org.team, org.other_team):
        for _ in range(5):
            family_response(
                team, {"g01": 3, "g05": 4, "g07": 2, "g10": 1}, completed_at=closed_quarter_moment()
            )
    round_ = RoundFactory(
        opened_by=org.teamleider,
        # o03: one answer, no figure
        answers=[(staff(org.team, 5), {"o01": 3, "o02": 1}), ([org.adviser], {"o03": 4})],
        closed=True,
    )
    publish_closed_periods()  # the background task: the pages show the quarter's figures
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 800})
        sign_in(page, live_server.url, org.beheerder)
        for path in ("/dashboard/", "/dashboard/spiegel/", f"/reflectie/rondes/{round_.pk}/"):
            page.goto(live_server.url + path)
            violations = axe_violations(page)
            assert violations == [], [
                (v["id"], [n["target"] for n in v["nodes"]]) for v in violations
            ]
            _no_overflow(page)
            if width > 360:  # a phone cuts a long choice; a wide screen has room for it
                assert cut_choices(page) == [], path
