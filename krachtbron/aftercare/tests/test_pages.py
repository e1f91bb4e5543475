"""The family's pages of closing and follow-up read easily (B1: Flesch–Douma ≥ 70), pass axe
with no violations at 360 px, and work without JavaScript; the adviser's and the team's pages
pass axe at 1280 px. Screenshots go to screenshots/ (aftercare_*.png)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from krachtbron.aftercare import actions
from krachtbron.aftercare.models import Closure
from krachtbron.aftercare.tests.helpers import answered_check_in, open_check_in
from krachtbron.lib.readability import text_blocks, text_stats
from krachtbron.testing.browser import check_page, chromium, sign_in
from krachtbron.testing.portal import one_time_link, sign_in_member
from krachtbron.testing.tasks import publish_closed_periods

PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 900}
SHOTS = Path(django_settings.BASE_DIR) / "screenshots"


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.django_db
def test_the_family_pages_of_closing_and_follow_up_read_easily(org):
    from krachtbron.aftercare.models import FollowUp

    follow_up = open_check_in(org.adviser, org.family)
    FollowUp.objects.filter(closure=follow_up.closure, month=3).update(due=follow_up.due)
    f3 = FollowUp.objects.get(closure=follow_up.closure, month=3)
    token = actions.make_link(org.adviser, follow_up, org.youth)
    member = sign_in_member(Client(), org.member)
    with translation.override("nl"):
        pages = [
            _main(member.get(reverse("portal:home"))),
            _main(member.get(reverse("portal:followup", args=[follow_up.pk]))),
            _main(member.get(reverse("portal:goal_add"))),  # Dit kan niet meer
            _main(Client().get(reverse("aftercare:checkin_link", args=[token]))),
            _main(Client().get(reverse("aftercare:checkin_link", args=["x" * 43]))),
        ]
        member.post(
            reverse("portal:followup", args=[follow_up.pk]),
            {"score": "7", "agreements_work": "ja", "wants_contact": "ja"},
        )
        pages.append(_main(member.get(reverse("portal:followup_done", args=[follow_up.pk]))))
        # After closure, what used to promise (breaker report 2, finding 6), and the link in a
        # browser that holds another identity (finding 4).
        pages.append(_main(member.get(reverse("portal:agreements"))))
        pages.append(_main(member.get(reverse("portal:dossier"))))
        link = reverse(
            "aftercare:checkin_link", args=[actions.make_link(org.adviser, f3, org.youth)]
        )
        pages.append(_main(member.get(link)))
        Closure.objects.update(portal_until=follow_up.due - timedelta(days=1))
        pages.append(_main(member.get(reverse("portal:home"))))  # Mijn Krachtbron is gestopt
    blocks = list(
        dict.fromkeys(
            block
            for page in pages
            for block in text_blocks(page, skip_tags={"bdi"}, skip_classes={"link"})
        )
    )
    stats = text_stats(blocks)
    assert stats.words > 120, stats
    assert stats.reading_ease >= 70, (stats, stats.reading_ease)


def _checked(page, where, width):
    check_page(page, where, width)


def _shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"aftercare_{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_check_in_by_link_works_without_javascript_on_a_phone(org, live_server):
    """Axe on every page in a browser with JavaScript (axe is a script); the same form
    answered once more in a browser without it."""
    from krachtbron.aftercare.models import FollowUp

    first = open_check_in(org.adviser, org.family)
    FollowUp.objects.filter(closure=first.closure, month=3).update(due=first.due)
    second = FollowUp.objects.get(closure=first.closure, month=3)
    links = [
        live_server.url
        + reverse("aftercare:checkin_link", args=[actions.make_link(org.adviser, f, org.youth)])
        for f in (first, second)
    ]
    answers = {"score": "8", "agreements_work": "deels", "wants_contact": "ja"}
    with chromium() as browser:
        for javascript, url in ((True, links[0]), (False, links[1])):
            context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
            page = context.new_page()
            page.goto(url)
            if javascript:
                _checked(page, "check-in", PHONE["width"])
                _shot(page, "checkin_360")
            with page.expect_navigation():  # a form POST: read the page once it has loaded
                page.click("button[type=submit]")  # nothing chosen: messages, nothing stored
            assert "Kies een cijfer van 0 tot 10." in page.content()
            if javascript:
                _checked(page, "check-in with errors", PHONE["width"])
            for name, value in answers.items():
                page.check(f"input[name={name}][value='{value}']")
            with page.expect_navigation():
                page.click("button[type=submit]")
            assert "Het team belt je binnen" in page.content()
            if javascript:
                _checked(page, "thanks", PHONE["width"])
                _shot(page, "checkin_done_360")
            context.close()
    for follow_up in (first, second):
        follow_up.refresh_from_db()
        assert (follow_up.score, follow_up.agreements_work, follow_up.wants_contact) == (
            8,
            "deels",
            True,
        )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_portal_after_closure_on_a_phone(org, live_server):
    open_check_in(org.adviser, org.family)
    link = one_time_link(org.member)
    with chromium() as browser:
        page = browser.new_context(viewport=PHONE).new_page()
        page.goto(live_server.url + link)
        page.click("button[type=submit]")
        _checked(page, "Ons plan after closure", PHONE["width"])
        _shot(page, "portal_home_closed_360")
        page.click("text=Vertel hoe het gaat (2 minuten)")
        _checked(page, "check-in in the portal", PHONE["width"])
        page.goto(live_server.url + reverse("portal:goal_add"))
        assert "Dit kan niet meer" in page.content()
        _checked(page, "refused after closure", PHONE["width"])
        _shot(page, "portal_refused_360")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_adviser_and_team_pages_at_1280(org, live_server):
    answered_check_in(org.adviser, org.family, org.member, contact=True, days_ago=9)
    with chromium() as browser:
        page = browser.new_context(viewport=DESK).new_page()
        sign_in(page, live_server.url, org.adviser)  # once: a TOTP code counts once
        for width, viewport in ((1280, DESK), (360, PHONE)):
            page.set_viewport_size(viewport)
            page.goto(live_server.url + reverse("aftercare:close", args=[org.family.pk]))
            _checked(page, f"closing walk {width}", width)
            _shot(page, f"close_{width}")
            page.goto(live_server.url + reverse("aftercare:requests"))
            _checked(page, f"requests {width}", width)
            _shot(page, f"requests_{width}")
            page.goto(live_server.url + reverse("families:detail", args=[org.family.pk]))
            _checked(page, f"overview {width}", width)
            page.goto(live_server.url + reverse("aftercare:reopen", args=[org.family.pk]))
            assert "Dossier heropenen?" in page.content()
            _checked(page, f"reopen {width}", width)
            _shot(page, f"reopen_{width}")
            # The check-in link in this signed-in browser: "voor iemand anders".
            follow_up = open_check_in(org.adviser, org.family, month=3)
            token = actions.make_link(org.adviser, follow_up, org.youth)
            page.goto(live_server.url + reverse("aftercare:checkin_link", args=[token]))
            assert "Deze link is voor iemand anders" in page.content()
            _checked(page, f"check-in link in a staff browser {width}", width)
            _shot(page, f"checkin_other_session_{width}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_nazorg_in_cijfers_at_1280_and_360(org, live_server):
    from krachtbron.aftercare.tests.helpers import answered_in
    from krachtbron.lib.quarters import current_quarter, previous_quarter, quarter_start

    when = quarter_start(previous_quarter(current_quarter())) + timedelta(days=20)
    for k in range(5):
        answered_in(org.team, org.adviser, month=1, when=when, score=5 + k)
    publish_closed_periods()  # the closed quarter's figures, stored by the background task
    with chromium() as browser:
        page = browser.new_context(viewport=DESK).new_page()
        sign_in(page, live_server.url, org.teamleider)
        for width, viewport in ((1280, DESK), (360, PHONE)):
            page.set_viewport_size(viewport)
            page.goto(live_server.url + reverse("insight:outcomes"))
            assert "Team Oost" in page.content()
            _checked(page, f"Nazorg in cijfers {width}", width)
            _shot(page, f"outcomes_{width}")
