"""The family file's new tabs in a real Chromium: accessible (axe-core, WCAG 2.1 AA) and
usable at 360 px without horizontal scrolling; a scaling can be given by tapping."""

import pytest
from django.urls import reverse

from krachtbron.network.tests.factories import NetworkPersonFactory, NetworkSnapshotFactory
from krachtbron.strengths.models import Scaling
from krachtbron.strengths.tests.factories import (
    GoalScalingFactory,
    ScalingFactory,
    StrengthEntryFactory,
)
from krachtbron.testing.browser import axe_violations, chromium, page_width, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_family(org):
    StrengthEntryFactory(member=org.member, goes_well="Kookt elke dag")
    ScalingFactory(member=org.member, score=3)
    ScalingFactory(member=org.member, score=6)
    GoalScalingFactory(goal=org.goal, score=2)
    GoalScalingFactory(goal=org.goal, score=5)
    NetworkPersonFactory(family=org.family, label="Oma", stays_after_help=True)
    NetworkPersonFactory(family=org.family, label="Coach", professional=True)
    NetworkSnapshotFactory(family=org.family)


def test_the_new_tabs_are_accessible_and_fit_a_phone(org, live_server):
    _fill_family(org)
    pages = [
        reverse("strengths:profile", args=[org.family.pk]),
        reverse("strengths:goals", args=[org.family.pk]),
        reverse("strengths:member_scalings", args=[org.member.pk]),
        reverse("network:map", args=[org.family.pk]),
        reverse("network:compare", args=[org.family.pk]),
        reverse("network:snapshot", args=[org.family.network_snapshots.get().pk]),
        reverse("strengths:plan", args=[org.family.pk]),
    ]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        sign_in(page, live_server.url, org.adviser)
        for path in pages:
            page.goto(live_server.url + path)
            violations = axe_violations(page)
            assert not violations, (path, [(v["id"], v["nodes"][0]["target"]) for v in violations])
            assert page_width(page) <= 360, path


def test_a_scaling_is_given_by_tapping_a_number(org, live_server):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        sign_in(page, live_server.url, org.adviser)
        page.goto(live_server.url + reverse("strengths:member_scalings", args=[org.member.pk]))
        page.select_option("#id_dimension", "social")
        page.check("input[name=score][value='7']")
        page.fill("#id_one_step_higher", "Zus bellen")
        page.click("form.scaling-form button[type=submit]")
        page.wait_for_selector(".message--success")
    scaling = Scaling.objects.get()
    assert (scaling.dimension, scaling.score, scaling.one_step_higher) == (
        "social",
        7,
        "Zus bellen",
    )


def test_on_a_phone_the_network_map_is_readable_and_opens_at_the_family(org, live_server):
    _fill_family(org)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        sign_in(page, live_server.url, org.adviser)
        page.goto(live_server.url + reverse("network:map", args=[org.family.pk]))
        box = page.locator(".ecomap-wrap")
        # Wider than the screen (names stay readable), scrolled to the middle, hint shown.
        assert box.evaluate("b => b.scrollWidth") >= 760
        left, room = box.evaluate("b => [b.scrollLeft, b.scrollWidth - b.clientWidth]")
        assert room > 0 and abs(left - room / 2) <= 2
        assert page.locator(".ecomap-hint").is_visible()
