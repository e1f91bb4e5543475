"""Onze mensen in a real Chromium: a parent and a young person of 14 each sign in (one-time
link) at 360 px, propose someone important and say who stays when the help stops; the adviser
then confirms one proposal and declines another in the file's Netwerk tab. axe-core (WCAG 2.1
AA) finds nothing on any page, nothing is wider than the phone. Screenshots at 360 and 1280 px
go to screenshots/ (gitignored)."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from krachtbron.families.choices import MemberRole
from krachtbron.network.choices import Closeness, Quality
from krachtbron.network.models import NetworkPerson, NetworkProposal, ProposalStatus
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.testing.browser import axe_violations, chromium, page_width, sign_in
from krachtbron.testing.factories import MemberFactory
from krachtbron.testing.portal import one_time_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "screenshots"
PEOPLE = reverse("portal:people")


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"portal_mensen_{name}_{width}.png"), full_page=True)


def _check(page, path: str, width: int = 360) -> None:
    violations = axe_violations(page)
    assert not violations, (path, [(v["id"], v["nodes"][0]["target"]) for v in violations])
    assert page_width(page) <= width, path


def _family(org):
    NetworkPersonFactory(family=org.family, label="Oma Aziza", closeness=Closeness.CLOSE)
    NetworkPersonFactory(family=org.family, label="Juf Petra", closeness=Closeness.FAR)
    NetworkPersonFactory(
        family=org.family, label="Ex-partner Rob", quality=Quality.BURDENING, note="Spanning"
    )
    today = timezone.localdate()
    return MemberFactory(
        family=org.family,
        first_name="Noor",
        role=MemberRole.YOUTH,
        birth_year=today.year - 14,
        birth_date=today.replace(year=today.year - 14, month=1, day=1),
    )


def _walk(page, base: str, member, proposed: str, stays: str, name: str) -> None:
    page.goto(base + one_time_link(member))
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url(base + reverse("portal:home"))
    page.get_by_role("link", name="Onze mensen").click()
    page.wait_for_url(base + PEOPLE)
    _check(page, "people")
    html = page.content()
    assert "Oma Aziza" in html and "Ex-partner Rob" in html
    assert "elastend" not in html and "Spanning" not in html
    _shoot(page, f"{name}_page")
    page.set_viewport_size({"width": 360, "height": 900})
    # Propose someone important.
    page.get_by_role("link", name="Iemand voorstellen").click()
    page.wait_for_url(base + reverse("portal:people_propose"))
    _check(page, "propose")
    page.fill("#id_label", proposed)
    page.select_option("#id_relation", "buurt")
    page.get_by_label("Heel dichtbij").check()
    page.fill("#id_own_words", "Haalt de kinderen van school")
    page.get_by_label("Deze persoon blijft er ook als de hulp stopt").check()
    _shoot(page, f"{name}_form")
    page.set_viewport_size({"width": 360, "height": 900})
    page.get_by_role("button", name="Voorstellen").click()
    page.wait_for_url(lambda url: urlsplit(url).path == PEOPLE)
    card = page.locator(".portal-card", has_text=proposed)
    assert "Voorgesteld, je hulpverlener kijkt ernaar" in card.inner_text()
    # Who stays when the help stops: with the keyboard only.
    person = NetworkPerson.objects.get(label=stays)
    button = page.locator(f"#persoon-{person.pk} button")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#persoon-{person.pk} .mensen-pending")
    _check(page, "people after")
    _shoot(page, f"{name}_after")


def test_a_parent_and_a_young_person_propose_and_the_adviser_decides(org, live_server):
    noor = _family(org)
    base = live_server.url
    with chromium() as browser:
        for member, proposed, stays, name in (
            (org.member, "Buurvrouw Els", "Oma Aziza", "parent"),
            (noor, "Trainer Bas", "Juf Petra", "youth"),
        ):
            context = browser.new_context(viewport={"width": 360, "height": 900})
            _walk(context.new_page(), base, member, proposed, stays, name)
            context.close()
        assert NetworkProposal.objects.filter(status=ProposalStatus.OPEN).count() == 4
        assert not NetworkPerson.objects.filter(stays_after_help=True).exists()

        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, base, org.adviser)
        page.goto(base + reverse("families:caseload"))
        assert "4 voorstellen voor het netwerk" in page.content()
        page.goto(base + reverse("network:map", args=[org.family.pk]))
        html = page.content()
        assert "Voorstel van het gezin (<bdi>Fatima</bdi>)" in html
        assert "Voorstel van het gezin (<bdi>Noor</bdi>)" in html
        _check(page, "network tab", 1280)
        _shoot(page, "adviser_tab")
        els = NetworkProposal.objects.get(label="Buurvrouw Els")
        page.locator(f"#netwerkvoorstel-{els.pk}").get_by_role("button", name="Bevestigen").click()
        page.wait_for_selector(".message--success")
        bas = NetworkProposal.objects.get(label="Trainer Bas")
        item = page.locator(f"#netwerkvoorstel-{bas.pk}")
        item.locator("summary").click()
        item.locator("textarea").fill("Bas komt straks al op de kaart van Noor.")
        item.get_by_role("button", name="Niet overnemen").click()
        page.wait_for_selector(".message--success")
        _check(page, "network tab after", 1280)
        context.close()
    assert NetworkPerson.objects.get(label="Buurvrouw Els").stays_after_help
    bas.refresh_from_db()
    assert bas.status == ProposalStatus.DECLINED
    assert NetworkProposal.objects.filter(status=ProposalStatus.OPEN).count() == 2
