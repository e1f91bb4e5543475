"""Ons plan in a real Chromium: a parent and a young person of 14 each sign in (one-time link),
see their plan, add a goal, score themselves and flag a topic, at 360 px and with the keyboard
only; the adviser then sees all of it in the file. axe-core (WCAG 2.1 AA) finds nothing on any
page. Screenshots at 360 and 1280 px go to screenshots/ (gitignored)."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from krachtbron.families.choices import MemberRole
from krachtbron.families.models import Goal
from krachtbron.portal.models import TalkFlag
from krachtbron.strengths.models import GoalScaling, Scaling
from krachtbron.strengths.tests.factories import (
    FirstQuestionFactory,
    GoalScalingFactory,
    StrengthEntryFactory,
)
from krachtbron.testing.browser import axe_violations, chromium, sign_in
from krachtbron.testing.factories import MemberFactory
from krachtbron.testing.portal import one_time_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "screenshots"
HOME = reverse("portal:home")


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"portal_plan_{name}_{width}.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 900})


def _check(page, path: str) -> None:
    violations = axe_violations(page)
    assert not violations, (path, [(v["id"], v["nodes"][0]["target"]) for v in violations])
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, path


def _open(page, base: str, member) -> None:
    """The member opens a fresh one-time link from their adviser and goes on."""
    page.goto(base + one_time_link(member))
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url(base + reverse("portal:home"))


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _family(org):
    FirstQuestionFactory(
        family=org.family,
        text="Hoe krijgen we rust in de ochtend?",
        practical_help="Samen een ochtendschema maken",
    )
    GoalScalingFactory(goal=org.goal, score=3, one_step_higher="Op vrijdag ook samen eten")
    StrengthEntryFactory(member=org.member, goes_well="Kan goed koken", is_hard="Nee zeggen")
    noor = MemberFactory(
        family=org.family,
        first_name="Noor",
        role=MemberRole.YOUTH,
        birth_year=timezone.localdate().year - 14,
        birth_date=timezone.localdate().replace(
            year=timezone.localdate().year - 14, month=1, day=1
        ),
    )
    StrengthEntryFactory(member=noor, goes_well="Speelt gitaar", is_hard="Vroeg opstaan")
    return noor


def _walk(page, base: str, member, goal_text: str, name: str) -> None:
    """Plan, add a goal (keyboard only), score yourself, flag the family's goal."""
    _check(page, "home")
    assert "Hoe krijgen we rust in de ochtend?" in page.content()
    _shoot(page, f"{name}_home")
    # A goal in your own words, with the keyboard only.
    _tab_to(page, f"a[href='{reverse('portal:goal_add')}']")
    page.keyboard.press("Enter")
    page.wait_for_url(base + reverse("portal:goal_add"))
    _check(page, "goal_add")
    _tab_to(page, "#id_text")
    page.keyboard.type(goal_text)
    _tab_to(page, "#id_life_domain")
    page.keyboard.press("ArrowDown")  # the first life domain
    _tab_to(page, "input[name=for_whom]")
    page.keyboard.press("Space")
    _shoot(page, f"{name}_goal_form")
    _tab_to(page, "form.portal-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == HOME)
    assert goal_text in page.content() and "Jullie voorstel" in page.content()
    # Score yourself on "wie je kent" by tapping a number.
    page.get_by_role("link", name="Geef een cijfer Wie je kent").click()
    _check(page, "dimension_score")
    page.locator("label:has(input[name=score][value='7'])").click()
    page.fill("#id_not_zero_because", "Mijn vriendin helpt me")
    _shoot(page, f"{name}_score")
    page.locator("form.portal-form button[type=submit]").click()
    page.wait_for_url(lambda url: urlsplit(url).path == HOME)
    # Hier wil ik over praten, on the whole family's goal.
    goal = page.locator(f"#doel-{Goal.objects.get(text='Weer rustig samen eten').pk}")
    goal.get_by_role("button", name="Hier wil ik over praten").click()
    page.wait_for_selector(".portal-flagged")
    _check(page, "home after")
    _shoot(page, f"{name}_home_after")


def test_a_parent_and_a_young_person_shape_their_plan_and_the_adviser_sees_it(org, live_server):
    noor = _family(org)
    base = live_server.url
    with chromium() as browser:
        for member, goal_text, name in (
            (org.member, "Ik wil weer goed slapen", "parent"),
            (noor, "Ik wil zelf op tijd opstaan", "youth"),
        ):
            context = browser.new_context(viewport={"width": 360, "height": 900})
            page = context.new_page()
            _open(page, base, member)
            _walk(page, base, member, goal_text, name)
            own = page.content()
            context.close()
            # Rights inside the family (families.rights): the parent with gezag sees Noor's
            # strengths too (she is 14); Noor sees her own, never her parent's.
            if member == org.member:
                assert "Kan goed koken" in own and "Speelt gitaar" in own
            else:
                assert "Speelt gitaar" in own and "Kan goed koken" not in own
        assert Goal.objects.filter(added_by_member__in=[org.member, noor]).count() == 2
        assert Scaling.objects.filter(by_member__in=[org.member, noor]).count() == 2
        assert TalkFlag.objects.filter(talked_at__isnull=True).count() == 2
        assert not GoalScaling.objects.filter(by_member__isnull=False).exists()

        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, base, org.adviser)
        page.goto(base + reverse("families:caseload"))
        assert "2 onderwerpen om te bespreken" in page.content()
        page.goto(base + reverse("strengths:goals", args=[org.family.pk]))
        html = page.content()
        for text in (
            "Hier wil het gezin over praten",
            "Door het gezin toegevoegd: <bdi>Noor</bdi>",
            "Door het gezin toegevoegd: <bdi>Fatima</bdi>",
            "Ik wil zelf op tijd opstaan",
            "<bdi>Noor</bdi> wil hierover praten",
        ):
            assert text in html, text
        _check_wide(page)
        _shoot(page, "adviser_goals")
        page.get_by_role("button", name="Akkoord: in het plan").first.click()
        page.wait_for_selector(".message--success")
        page.goto(base + reverse("strengths:member_scalings", args=[noor.pk]))
        assert "zelf in Mijn Krachtbron" in page.content()
        context.close()


def _check_wide(page) -> None:
    violations = axe_violations(page)
    assert not violations, [(v["id"], v["nodes"][0]["target"]) for v in violations]
