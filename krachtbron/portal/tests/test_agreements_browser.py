"""Afspraken in a real Chromium: a parent signs in at 360 px (one-time link), sees "Wat we
hebben afgesproken" first on Ons plan, adds an agreement with the keyboard, sets one to
"gedaan" and chooses an aanspreekpunt; the adviser then sees in the file (1280 px) what the
family added, the overload warning and who has no aanspreekpunt. axe-core (WCAG 2.1 AA) finds
nothing on any page and nothing is wider than the screen (the forms are plain HTML forms).
Screenshots at 360 and 1280 px go to screenshots/ (gitignored)."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from krachtbron.families.choices import Visibility
from krachtbron.network.models import NetworkPerson
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.networkplan.choices import AgreementStatus
from krachtbron.networkplan.models import Agreement, ContactPoint
from krachtbron.networkplan.tests.factories import AgreementFactory
from krachtbron.testing.browser import axe_violations, chromium, loaded, page_width, sign_in
from krachtbron.testing.portal import one_time_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "screenshots"
HOME = reverse("portal:home")
PAGE = reverse("portal:agreements")


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    width = page.viewport_size["width"]
    for each in (360, 1280):
        page.set_viewport_size({"width": each, "height": 900})
        page.screenshot(path=str(SHOTS / f"afspraken_{name}_{each}.png"), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


def _check(page, where: str, width: int = 360) -> None:
    violations = axe_violations(page)
    assert not violations, (where, [(v["id"], v["nodes"][0]["target"]) for v in violations])
    assert page_width(page) <= width, where


def _family(org):
    oma = NetworkPersonFactory(
        family=org.family,
        label="Oma Aziza",
        may_be_overloaded=True,
        marks_visibility=Visibility.FAMILY,
    )
    NetworkPersonFactory(family=org.family, label="Buurvrouw Els")
    NetworkPersonFactory(family=org.family, label="Opa Ahmed", stays_after_help=True)
    for text in ("Oma haalt de kinderen op woensdag", "Oma kookt op vrijdag"):
        AgreementFactory(family=org.family, goal=org.goal, text=text, performer_person=oma)
    return oma


def test_a_parent_and_the_adviser_make_agreements(org, live_server, settings):
    settings.AGREEMENTS_PER_CARER = 2
    oma = _family(org)
    base = live_server.url
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 360, "height": 900})
        page = context.new_page()
        page.goto(base + one_time_link(org.member))
        page.get_by_role("button", name="Verder").click()
        page.wait_for_url(base + HOME)
        html = page.content()
        assert html.index('id="afgesproken"') < html.index('id="vraag"')
        assert "Oma haalt de kinderen op woensdag" in html
        _check(page, "home")
        _shoot(page, "home")
        page.get_by_role("link", name="Alle afspraken bekijken en bijwerken").click()
        page.wait_for_url(base + PAGE)
        _check(page, "agreements")
        assert "Misschien kan" in page.content() and "Opa Ahmed" in page.content()
        # Add one, with the keyboard only.
        page.get_by_role("link", name="Zelf een afspraak toevoegen").click()
        _check(page, "add")
        page.select_option("#id_goal", str(org.goal.pk))
        page.focus("#id_text")
        page.keyboard.type("Oma brengt de kinderen op maandag naar school")
        page.select_option("#id_performer", f"p{oma.pk}")
        page.focus("#id_when")
        page.keyboard.type("elke maandag")
        _shoot(page, "add")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: urlsplit(url).path == PAGE)
        assert "Let op: <bdi>Oma Aziza</bdi> doet al veel." in page.content()
        _check(page, "agreements after add")
        _shoot(page, "page")
        # "Gedaan" on the first one.
        first = Agreement.objects.get(text="Oma haalt de kinderen op woensdag")
        page.locator(f"#afspraak-{first.pk}").get_by_role("button", name="Gedaan").click()
        page.wait_for_selector(".message--success")
        # An aanspreekpunt for Oma.
        page.locator(f"#aanspreekpunt-{oma.pk}").get_by_role("link").click()
        _check(page, "contact point")
        els = NetworkPerson.objects.get(label="Buurvrouw Els")
        page.select_option("#id_turns_to", str(els.pk))
        _shoot(page, "contact")
        page.get_by_role("button", name="Aanspreekpunt bewaren").click()
        page.wait_for_url(lambda url: urlsplit(url).path == PAGE)
        assert "Kan terecht bij: <bdi>Buurvrouw Els</bdi>" in page.content()
        context.close()

        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, base, org.adviser)
        page.goto(base + reverse("families:caseload"))
        assert "2 afspraken van het gezin" in page.content()  # one added, one done
        page.goto(base + reverse("networkplan:agreements", args=[org.family.pk]))
        html = page.content()
        assert "Door het gezin toegevoegd: <bdi>Fatima</bdi>" in html
        assert "Door het gezin bijgewerkt: <bdi>Fatima</bdi>" in html
        assert "kan overbelast raken en heeft 3 open afspraken" not in html  # one is done
        _check(page, "tab", 1280)
        _shoot(page, "tab")
        page.get_by_role("button", name="Gezien").click()
        page.wait_for_selector(".message--success")
        assert "Nieuw voor jou" not in loaded(page).content()
        context.close()
    first.refresh_from_db()
    assert first.status == AgreementStatus.DONE
    assert ContactPoint.objects.get(person=oma).turns_to.label == "Buurvrouw Els"
