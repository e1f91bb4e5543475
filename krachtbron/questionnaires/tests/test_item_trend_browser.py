"""The per-question trend on the results page in a real headless Chromium at 360 and 1280 px:
axe-core, no sideways overflow (one sign-in: a TOTP code works once)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from krachtbron.questionnaires.tests.factories import completed_response
from krachtbron.testing.browser import check_page, chromium, sign_in
from krachtbron.testing.personas import make_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AMS = ZoneInfo("Europe/Amsterdam")


def test_the_trend_per_question_fits_a_phone(live_server):
    org = make_org()
    answers = [{"g01": 1, "g02": 0}, {"g01": 2, "g03": 4}, {"g01": 4, "g02": 3, "g13": 2}]
    dates = [datetime(2025, 3, 12, 10, tzinfo=AMS), datetime(2025, 11, 3, 10, tzinfo=AMS)]
    dates.append(datetime(2026, 6, 1, 10, tzinfo=AMS))
    made = [
        completed_response(org.member, org.adviser, given, moment=moment, completed_at=when)
        for given, moment, when in zip(
            answers, ["begin", "tussentijds", "afsluiting"], dates, strict=True
        )
    ]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        sign_in(page, live_server.url, org.adviser)
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(f"{live_server.url}/vragenlijsten/{made[-1].pk}/")
            assert "Verloop per vraag" in page.content() and "maart 2025" in page.content()
            # Every small chart fits the screen: no point of the trend out of view.
            widths = page.eval_on_selector_all(
                ".q-multiple__chart svg", "els => els.map(e => e.getBoundingClientRect().right)"
            )
            assert len(widths) == 13 and max(widths) <= width
            check_page(page, f"trend per question at {width}px", shot=f"item-trend-{width}")
