"""The adviser's main pages in a real headless Chromium: sign-in, caseload, family file."""

from pathlib import Path

import pytest

from krachtbron.testing.browser import axe_violations, chromium, loaded, page_width, sign_in
from krachtbron.testing.personas import make_org
from krachtbron.testing.tasks import run_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[3] / "screenshots"


@pytest.mark.parametrize("width", [360, 1280])
def test_adviser_signs_in_and_reads_the_family_file_accessibly(live_server, width):
    org = make_org()
    SHOTS.mkdir(exist_ok=True)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 800})
        sign_in(page, live_server.url, org.adviser)
        page.goto(live_server.url + "/gezinnen/")
        assert page.locator("h1").inner_text() == "Mijn gezinnen"
        assert axe_violations(page) == []
        page.screenshot(path=str(SHOTS / f"caseload_{width}.png"), full_page=True)
        page.click(f"text={org.family.display_name}")
        assert page.locator("h1").inner_text() == org.family.display_name
        assert axe_violations(page) == []
        page.screenshot(path=str(SHOTS / f"family_file_{width}.png"), full_page=True)
        # Nothing overflows sideways on a phone.
        overflow = page_width(page) - page.viewport_size["width"]
        assert overflow <= 0


def test_the_skip_link_moves_focus_to_the_content(live_server):
    org = make_org()
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        sign_in(page, live_server.url, org.adviser)
        page.goto(live_server.url + "/gezinnen/")
        page.keyboard.press("Tab")
        assert loaded(page).evaluate("document.activeElement.className") == "skip-link"
        page.keyboard.press("Enter")
        assert loaded(page).evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("width", [360, 1280])
def test_adviser_makes_a_copy_for_a_family_member_accessibly(live_server, width):
    org = make_org()
    SHOTS.mkdir(exist_ok=True)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 800}, accept_downloads=True)
        sign_in(page, live_server.url, org.adviser)
        page.goto(live_server.url + f"/gezinnen/{org.family.pk}/kopie/")
        assert axe_violations(page) == []
        overflow = page_width(page) - page.viewport_size["width"]
        assert overflow <= 0
        page.screenshot(path=str(SHOTS / f"family_copy_{width}.png"), full_page=True)
        # Without choosing who asks: a Dutch message, no download.
        page.click("button[value=pdf]")
        assert "Kies wie de kopie vraagt." in page.locator(".error-summary").inner_text()
        assert axe_violations(page) == []
        page.check("text=Fatima (opvoeder, 1988)")
        page.click("button[value=pdf]")  # made in the background (families/prepared.py)
        assert "Je kopie wordt gemaakt" in page.inner_text("main")
        run_tasks()
        page.click("a:has-text('Kijk of hij klaar is')")
        with page.expect_download() as download:
            page.click("button:has-text('Download')")
        assert download.value.suggested_filename.endswith(".pdf")
        assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
