"""Correcting and taking back your own goal, in Debian's Chromium: on a phone (360 px, Dutch and
Arabic) and a laptop (1280 px), with axe-core and no page wider than the screen on each page."""

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.families.actions import add_family_goal
from krachtbron.families.models import Goal
from krachtbron.testing.browser import check_page, chromium, loaded
from krachtbron.testing.portal import sign_in_member

pytestmark = pytest.mark.browser


def _cookies(member, base, language=""):
    client = sign_in_member(Client(), member)
    if language:
        client.post(reverse("portal:language"), {"language": language})
    jar = client.cookies.items()
    return [{"name": name, "value": morsel.value, "url": base} for name, morsel in jar]


@pytest.mark.parametrize(("width", "language"), [(360, ""), (1280, ""), (360, "ar")])
def test_a_member_corrects_and_takes_back_their_goal_in_the_browser(
    org, live_server, width, language
):
    base = live_server.url
    goal = add_family_goal(
        org.member,
        text="Ik wil weer goed slapen, elke nacht, ook als het druk is op school en thuis",
        life_domain="gezondheid",
        for_whole_family=False,
    )
    name = f"s12-own-goal-{language or 'nl'}-{width}"
    with chromium() as browser:
        context = browser.new_context(viewport={"width": width, "height": 800})
        context.add_cookies(_cookies(org.member, base, language))
        page = context.new_page()
        page.goto(base + reverse("portal:home") + f"#doel-{goal.pk}")
        check_page(page, f"plan {name}", shot=f"{name}-plan")
        page.click(f"a[href='{reverse('portal:goal_edit', args=[goal.pk])}']")
        page.fill("textarea[name=text]", "   ")
        page.click("form.portal-form button[type=submit]")
        assert loaded(page).locator(".error-summary").count() == 1
        check_page(page, f"edit with an error {name}", shot=f"{name}-edit-error")
        page.fill("textarea[name=text]", "Ik wil weer goed slapen 😴")
        page.click("form.portal-form button[type=submit]")
        page.wait_for_url(f"{base}{reverse('portal:home')}#doel-{goal.pk}")
        assert Goal.objects.get(pk=goal.pk).text == "Ik wil weer goed slapen 😴"
        page.click(f"a[href='{reverse('portal:goal_take_back', args=[goal.pk])}']")
        check_page(page, f"take back {name}", shot=f"{name}-take-back")
        page.click("form.portal-form button[type=submit]")
        page.wait_for_url(f"{base}{reverse('portal:home')}#doelen")
        assert not Goal.objects.filter(pk=goal.pk).exists()
        context.close()
