"""The "geen berichten meer" page: B1 (Flesch–Douma ≥ 70), axe 0 and no sideways scrolling at
360 px and 1280 px, in a real headless Chromium. Screenshots go to screenshots/ (sending_*)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.lib.readability import flesch_douma, text_blocks
from krachtbron.sending import stops
from krachtbron.sending.models import Delivery, MessageStop, Purpose
from krachtbron.testing.browser import check_page, chromium, sign_in

PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 900}
SHOTS = Path(django_settings.BASE_DIR) / "screenshots"


def _stop_path(org):
    delivery = Delivery.objects.create(
        family=org.family,
        member=org.member,
        purpose=Purpose.QUESTIONNAIRE,
        subject_id=1,
        language="nl",
        link_expires_at=timezone.now() + timedelta(days=14),
        created_at=timezone.now(),
    )
    stops.remember(delivery)
    return reverse("sending:stop", args=[stops.stop_token(delivery.pk)])


def _main(html):
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.django_db
def test_the_stop_pages_read_easily(org):
    client = Client()
    path = _stop_path(org)
    pages = [client.get(path)]
    client.post(path)
    pages += [client.get(path), client.get(reverse("sending:stop", args=["x" * 43]))]
    for page in pages:
        blocks = text_blocks(_main(page.content.decode()))
        assert flesch_douma(blocks) >= 70, (flesch_douma(blocks), blocks)


def _checked(page, where, width):
    check_page(page, where, width)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_stop_page_passes_axe_on_a_phone_and_a_desk(org, live_server):
    SHOTS.mkdir(exist_ok=True)
    url = live_server.url + _stop_path(org)
    with chromium() as browser:
        for name, viewport in (("360", PHONE), ("1280", DESK)):
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            page.goto(url)
            _checked(page, f"stop page {name}", viewport["width"])
            page.screenshot(path=str(SHOTS / f"sending_stop_{name}.png"), full_page=True)
            if name == "360":
                with page.expect_navigation():  # read the answer once it has loaded
                    page.click("button[type=submit]")
                assert "Je krijgt geen berichten meer van ons." in page.content()
                _checked(page, "stop page, done", viewport["width"])
                page.screenshot(path=str(SHOTS / "sending_stop_done_360.png"), full_page=True)
            context.close()
    assert MessageStop.objects.filter(member=org.member, by=None).exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_adviser_sees_the_stop_on_the_mijn_krachtbron_tab(org, live_server):
    stops.stop_messages(org.member)
    with chromium() as browser:
        context = browser.new_context(viewport=DESK)
        page = context.new_page()
        sign_in(page, live_server.url, org.adviser)
        page.goto(live_server.url + reverse("portal:family", args=[org.family.pk]))
        assert "Weer berichten sturen" in page.content()
        _checked(page, "portal tab with a stop", DESK["width"])
        page.screenshot(path=str(SHOTS / "sending_portal_tab_1280.png"), full_page=True)
        context.close()
