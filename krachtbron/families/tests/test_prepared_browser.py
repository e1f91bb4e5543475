"""The copy made in the background, in Debian's Chromium at 360 and 1280 px, without script:
the adviser asks for the PDF, sees "Je kopie wordt gemaakt", the worker runs, "Kijk of hij
klaar is" shows the Download button, and the download is a PDF. The member does the same from
Ons dossier. axe-core finds nothing; nothing is wider than the screen. Screenshots go to
screenshots/copy_file_*.png."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings

from krachtbron.testing.browser import check_page, chromium, sign_in
from krachtbron.testing.portal import one_time_link
from krachtbron.testing.tasks import run_tasks

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 900}
SHOTS = Path(django_settings.BASE_DIR) / "screenshots"


def _checked(page, where, width):
    check_page(page, where, width, shot=f"copy_file_{where}_{width}")


def _wait_and_download(page, where, width):
    assert "Je kopie wordt gemaakt" in page.inner_text("main")
    _checked(page, f"{where}_wacht", width)
    run_tasks()
    page.click("a:has-text('Kijk of hij klaar is')")
    assert "Je kopie is klaar" in page.inner_text("main")
    _checked(page, f"{where}_klaar", width)
    with page.expect_download() as info:
        page.click("button:has-text('Download')")
    assert info.value.suggested_filename == "kopie-dossier.pdf"
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF")


def test_the_adviser_and_the_member_get_their_copy_made_in_the_background(org, live_server):
    base = live_server.url
    with chromium() as browser:
        page = browser.new_context(viewport=PHONE, accept_downloads=True).new_page()
        sign_in(page, base, org.adviser)
        for viewport in (PHONE, WIDE):
            page.set_viewport_size(viewport)
            page.goto(f"{base}/gezinnen/{org.family.pk}/kopie/")
            page.check(f'input[name=requester][value="{org.member.pk}"]')
            page.click("button[name=format][value=pdf]")
            _wait_and_download(page, "adviseur", viewport["width"])
        for viewport in (PHONE, WIDE):
            phone = browser.new_context(viewport=viewport, accept_downloads=True).new_page()
            phone.goto(base + one_time_link(org.member))
            phone.click("main form button[type=submit]")
            phone.goto(f"{base}/mijn/dossier/")
            phone.click("button:has-text('Download de kopie')")
            _wait_and_download(phone, "gezinslid", viewport["width"])
