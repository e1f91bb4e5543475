"""The team report in a real headless Chromium at 360 and 1280 px: axe-core, no sideways
overflow, whole words in its tables (one sign-in: a TOTP code works once)."""

import pytest

from krachtbron.reflection.tests.factories import (
    RoundFactory,
    closed_quarter_moment,
    family_response,
    reflection,
    staff,
)
from krachtbron.testing.browser import check_page, chromium, sign_in
from krachtbron.testing.personas import make_org
from krachtbron.testing.tasks import publish_closed_periods

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_teamleider_reads_the_team_report_on_a_phone_and_a_wide_screen(live_server):
    org = make_org()
    when = closed_quarter_moment()
    for k in range(6):
        family_response(
            org.team, {f"g{n:02d}": (n + k) % 5 for n in range(1, 14)}, completed_at=when
        )
    for person in staff(org.team, 5, prefix="browser"):
        reflection(person, {f"p{n:02d}": n % 5 for n in range(1, 9)}, when=when)
    RoundFactory(opened_by=org.teamleider, answers=[(staff(org.team, 5), {"o01": 3})], closed=True)
    publish_closed_periods()  # the background task, as after the quarter's end
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        sign_in(page, live_server.url, org.teamleider)
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(live_server.url + "/teamcijfers/rapport/")
            assert "Waar zijn we sterk" in page.content()
            check_page(page, f"team report at {width}px", shot=f"team-report-{width}")
            page.goto(live_server.url + "/dashboard/spiegel/")
            check_page(page, f"team mirror at {width}px")
