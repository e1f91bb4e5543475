"""Issue 14's "Done when", walked once in Debian's Chromium with real passkeys.

A parent with gezag (Fatima) and a young person of 14 (Noor) are invited by their adviser from
the file's Mijn Krachtbron tab. Each opens the invitation on a 360×780 phone of their own (a
browser context with the DevTools virtual authenticator), makes a passkey, signs out, signs in
again with the passkey (keyboard only), sees Ons plan, adds a goal in their own words (keyboard
only), scores themselves, flags "hier wil ik over praten", answers their open questionnaire from
Vragenlijsten to the end (keyboard only), reads their own result and downloads their copy (PDF
and JSON: their own goal is in it, a sibling's private answers are not). Then the adviser
(1280 px) sees all of it in the file: the goals marked as the family's, the scores, the flags
(file and caseload), the questionnaire results and the access-log rows with the members as
actors. axe-core (WCAG 2.1 AA) finds nothing on any page visited; nothing is wider than the
phone. Served on http://localhost (an IP address cannot hold a passkey). Screenshots of every
step at 360 and 1280 px go to screenshots/portal_done_*.png (gitignored): look at them.

The family is the org personas' (testing/personas.py) plus Noor, shaped like the demo's: the
test does not depend on the demo's random content. Sem (15) is the sibling whose own answers
Noor may not see.
"""

import json
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessLogEntry
from krachtbron.families.choices import MemberRole
from krachtbron.families.models import Goal
from krachtbron.portal.models import Passkey, TalkFlag
from krachtbron.questionnaires.models import Response
from krachtbron.questionnaires.tests.factories import (
    ALL_ITEMS,
    InvitationFactory,
    completed_response,
)
from krachtbron.strengths.models import GoalScaling, Scaling
from krachtbron.strengths.tests.factories import (
    FirstQuestionFactory,
    GoalScalingFactory,
    StrengthEntryFactory,
)
from krachtbron.testing.browser import (
    check_page,
    chromium,
    loaded,
    phone_with_passkeys,
    sign_in,
)
from krachtbron.testing.factories import MemberFactory
from krachtbron.testing.tasks import run_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}
WIDE = {"width": 1280, "height": 900}
SHOTS = Path(django_settings.BASE_DIR) / "screenshots"
HOME = reverse("portal:home")
FAMILY_GOAL = "Weer rustig samen eten"  # org.goal, the whole family's
SEM_PRIVATE = "Sem tekent graag strips"  # Sem's own strength: his parent may see it, Noor not


def _shot(page, name: str, *, check_wide: bool = False) -> None:
    """Screenshots at the page's width; a phone's page also at 1280 px (axe-checked there
    too with ``check_wide``), then the phone again."""
    SHOTS.mkdir(exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=str(SHOTS / f"portal_done_{name}_{width}.png"), full_page=True)
    if width == PHONE["width"]:
        page.set_viewport_size(WIDE)
        if check_wide:
            _checked(page, f"{name} (1280 px)", WIDE["width"])
        page.screenshot(path=str(SHOTS / f"portal_done_{name}_1280.png"), full_page=True)
        page.set_viewport_size(PHONE)


def _checked(page, where: str, width: int = PHONE["width"]) -> None:
    """axe-core finds no WCAG 2.1 AA violation; the page is no wider than the screen."""
    check_page(page, where, width)


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if loaded(page).evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def _family(org):
    """The org's family, shaped like a demo family: Fatima (opvoeder with gezag), Noor (14),
    Sem (15), a first question, the family's goal with the adviser's score, strengths, and an
    open questionnaire for Fatima and Noor. Sem has answered his own already."""
    today = timezone.localdate()
    born = date(today.year - 14, 1, 1)  # 14 all year
    noor = MemberFactory(
        family=org.family,
        first_name="Noor",
        role=MemberRole.YOUTH,
        birth_year=born.year,
        birth_date=born,
    )
    FirstQuestionFactory(
        family=org.family,
        text="Hoe krijgen we rust in de ochtend?",
        practical_help="Samen een ochtendschema maken",
    )
    assert org.goal.text == FAMILY_GOAL
    GoalScalingFactory(goal=org.goal, score=3, one_step_higher="Op vrijdag ook samen eten")
    StrengthEntryFactory(member=org.member, goes_well="Kan goed koken", is_hard="Nee zeggen")
    StrengthEntryFactory(member=noor, goes_well="Speelt gitaar", is_hard="Vroeg opstaan")
    StrengthEntryFactory(member=org.youth, goes_well=SEM_PRIVATE, is_hard="Huiswerk plannen")
    completed_response(org.youth, org.adviser, dict.fromkeys(ALL_ITEMS, 1))
    for member in (org.member, noor):
        InvitationFactory(member=member, created_by=org.adviser)
    return noor


def _invite(adviser, base: str, org, member) -> str:
    """The adviser invites ``member`` from the file's Mijn Krachtbron tab; returns the link."""
    adviser.goto(base + reverse("portal:family", args=[org.family.pk]))
    adviser.once("dialog", lambda dialog: dialog.accept())  # "old passkeys stop": yes
    action = reverse("portal:invite", args=[member.pk])
    adviser.click(f"form[action='{action}'] button")
    link = adviser.input_value("#link")
    assert link.startswith(f"{base}/mijn/l/"), link
    return link


def _passkey(page, base: str, link: str, member, name: str) -> None:
    """Open the invitation, make a passkey, sign out, sign in again with it (keyboard)."""
    page.goto(link)
    _checked(page, f"{name}: open link")
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url(base + reverse("portal:welcome"))
    assert f"Welkom, {member.first_name}" in page.inner_text("h1")
    _checked(page, f"{name}: welcome")
    _shot(page, f"{name}_01_welcome")
    page.get_by_role("button", name="Sleutel maken").click()
    page.wait_for_url(base + HOME)
    assert f"Hallo {member.first_name}" in page.inner_text("h1")
    assert Passkey.objects.filter(member=member, revoked_at__isnull=True).count() == 1

    page.locator("header").get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(base + reverse("portal:sign_in"))
    _checked(page, f"{name}: sign in")
    _shot(page, f"{name}_02_sign_in")
    _tab_to(page, "form[data-passkey] button[type=submit]")
    page.keyboard.press("Enter")  # the authenticator answers with the passkey
    page.wait_for_url(base + HOME)
    assert f"Hallo {member.first_name}" in page.inner_text("h1")


def _plan(page, base: str, goal_text: str, name: str) -> str:
    """Ons plan: see it, add a goal (keyboard only), score yourself, flag the family's goal.
    Returns the plan's text as the member last saw it."""
    main = page.inner_text("main")
    for heading in ("Jullie vraag", "Jullie doelen", "Wat goed gaat en wat moeilijk is"):
        assert heading in main, heading
    assert "Hoe krijgen we rust in de ochtend?" in main and FAMILY_GOAL in main
    _checked(page, f"{name}: Ons plan")
    _shot(page, f"{name}_03_plan")

    _tab_to(page, f"a[href='{reverse('portal:goal_add')}']")
    page.keyboard.press("Enter")
    page.wait_for_url(base + reverse("portal:goal_add"))
    _checked(page, f"{name}: goal form")
    _tab_to(page, "#id_text")
    page.keyboard.type(goal_text)
    _tab_to(page, "#id_life_domain")
    page.keyboard.press("ArrowDown")  # the first life domain
    _tab_to(page, "input[name=for_whom]")
    page.keyboard.press("Space")
    _tab_to(page, "form.portal-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == HOME)
    goals = page.locator("main").inner_text()
    assert goal_text in goals and "Jullie voorstel" in goals

    page.get_by_role("link", name="Geef een cijfer Wie je kent").click()
    _checked(page, f"{name}: score")
    page.locator("label:has(input[name=score][value='7'])").click()
    page.fill("#id_not_zero_because", "Mijn vriendin helpt me")
    _shot(page, f"{name}_04_score")
    page.locator("form.portal-form button[type=submit]").click()
    page.wait_for_url(lambda url: urlsplit(url).path == HOME)
    assert "Jouw cijfers" in page.inner_text("main")

    family_goal = page.locator(f"#doel-{Goal.objects.get(text=FAMILY_GOAL).pk}")
    family_goal.get_by_role("button", name="Hier wil ik over praten").click()
    page.wait_for_selector(".portal-flagged")
    _checked(page, f"{name}: Ons plan after")
    _shot(page, f"{name}_05_plan_after")
    return page.inner_text("main")


def _questionnaire(page, base: str, name: str) -> None:
    """Vragenlijsten: the open questionnaire as a task, answered to the end (keyboard only),
    then the member's own result."""
    page.get_by_role("link", name="Vragenlijsten").click()
    page.wait_for_url(base + reverse("portal:questionnaires"))
    assert "Nog invullen" in page.inner_text("main")
    _checked(page, f"{name}: Vragenlijsten")
    _tab_to(page, "form[action*='/beginnen/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/vragenlijst/")
    _tab_to(page, "main a.f-button")
    page.keyboard.press("Enter")
    for number in range(1, len(ALL_ITEMS) + 1):
        page.wait_for_url(f"**/vragenlijst/vraag/{number}/")
        if number == 1:
            _checked(page, f"{name}: question 1")
            _shot(page, f"{name}_06_question")
        _tab_to(page, "input[name=value]")
        page.keyboard.press("ArrowDown")  # the next option is chosen (radio group)
        _tab_to(page, "button[value=next]")
        page.keyboard.press("Enter")
    page.wait_for_url("**/vragenlijst/controleren/")
    _tab_to(page, "form[action$='/versturen/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/vragenlijst/klaar/")
    _checked(page, f"{name}: done")
    _tab_to(page, "a[href='/mijn/vragenlijsten/']")
    page.keyboard.press("Enter")
    page.wait_for_url(base + reverse("portal:questionnaires"))
    assert "Je hoeft nu niets in te vullen." in page.inner_text("main")
    page.click("a[href*='/mijn/vragenlijsten/uitslag/']")
    assert "Jouw antwoorden" in page.inner_text("h1")
    for heading in ("Wat goed gaat", "Al je antwoorden"):
        assert heading in page.inner_text("main"), heading
    _checked(page, f"{name}: result")
    _shot(page, f"{name}_07_result", check_wide=True)


def _download(page, fmt: str, name: str) -> Path:
    """Ons dossier, with the keyboard: choose the format (one radio group: Tab to it, Space
    for the first, arrow down for the second), download the copy."""
    here = urlsplit(page.url)  # Ons dossier anew: nothing chosen, the focus at the top
    page.goto(f"{here.scheme}://{here.netloc}{reverse('portal:dossier')}")
    _tab_to(page, "#format-pdf")
    page.keyboard.press("Space" if fmt == "pdf" else "ArrowDown")
    assert page.is_checked(f"#format-{fmt}")
    _tab_to(page, "form[action$='/kopie/'] button")
    if fmt == "pdf":  # made in the background (families/prepared.py): wait, look, download
        page.keyboard.press("Enter")
        page.wait_for_selector("main :text('Je kopie wordt gemaakt')")
        run_tasks()  # the worker of `make run`
        _tab_to(page, "main a.button")
        page.keyboard.press("Enter")
        page.wait_for_selector("main :text('Je kopie is klaar')")
        _tab_to(page, "main form button[type=submit]")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    path = SHOTS / f"portal_done_{name}_copy.{fmt}"
    download.value.save_as(str(path))
    return path


def _copy(page, base: str, goal_text: str, name: str) -> tuple[str, str]:
    """Both copies' text (PDF through pdftotext, JSON as text)."""
    page.get_by_role("link", name="Ons dossier").click()
    page.wait_for_url(base + reverse("portal:dossier"))
    main = page.inner_text("main")
    assert "Wie keek mee" in main and "Een kopie van het dossier" in main
    _checked(page, f"{name}: Ons dossier")
    _shot(page, f"{name}_08_dossier", check_wide=True)
    SHOTS.mkdir(exist_ok=True)
    pdf = _download(page, "pdf", name)
    assert pdf.read_bytes().startswith(b"%PDF")
    pdf_text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    data = json.loads(_download(page, "json", name).read_text(encoding="utf-8"))
    assert data["gemaakt_voor"]["naam"] == name.capitalize()
    json_text = json.dumps(data, ensure_ascii=False)
    for text in (pdf_text, json_text):
        assert goal_text in " ".join(text.split()), (name, goal_text)
    return " ".join(pdf_text.split()), json_text


def _adviser_sees_it_all(page, base: str, org, noor) -> None:
    """The file at 1280 px: flags on the caseload, the family's goals and flags, the scores,
    the questionnaire results and the members in the access log."""
    page.goto(base + reverse("families:caseload"))
    assert "2 onderwerpen om te bespreken" in page.inner_text("main")
    _checked(page, "adviser: caseload", WIDE["width"])

    page.goto(base + reverse("strengths:goals", args=[org.family.pk]))
    main = page.inner_text("main")
    for text in (
        "Hier wil het gezin over praten",
        "Door het gezin toegevoegd: Fatima",
        "Door het gezin toegevoegd: Noor",
        "Ik wil weer goed slapen",
        "Ik wil zelf op tijd opstaan",
        "Fatima wil hierover praten",
        "Noor wil hierover praten",
    ):
        assert text in main, text
    _checked(page, "adviser: goals", WIDE["width"])
    _shot(page, "adviser_goals")
    page.get_by_role("button", name="Akkoord: in het plan").first.click()
    page.wait_for_selector(".message--success")

    for member in (org.member, noor):
        page.goto(base + reverse("strengths:member_scalings", args=[member.pk]))
        main = page.inner_text("main")
        assert "zelf in Mijn Krachtbron" in main and "Mijn vriendin helpt me" in main, member
    _checked(page, "adviser: scores", WIDE["width"])
    _shot(page, "adviser_scores")

    page.goto(base + reverse("questionnaires:family", args=[org.family.pk]))
    results = page.locator("section:has(#results-title)").inner_text()
    for first_name in ("Fatima", "Noor", "Sem"):
        assert first_name in results, first_name
    _checked(page, "adviser: questionnaires", WIDE["width"])
    page.get_by_role("link", name="Uitkomst bekijken").first.click()
    page.wait_for_url("**/vragenlijsten/*/")
    _checked(page, "adviser: a result", WIDE["width"])

    page.goto(base + reverse("families:access_history", args=[org.family.pk]))
    rows = [
        tuple(row.locator("td").all_inner_texts()[1:5])  # wie, rol, wat, onderdeel
        for row in page.locator("table tbody tr").all()
    ]
    by_members = [row for row in rows if row[0] == "gezinslid"]
    assert len(by_members) >= 10, rows  # the members' pages, scores, questionnaires, copies
    assert ("gezinslid", "gezinslid", "geëxporteerd", "kopie voor het gezin") in rows, rows
    _checked(page, "adviser: access log", WIDE["width"])
    _shot(page, "adviser_access_log")


def test_done_when_a_parent_and_a_young_person_of_14_walk_it_and_the_adviser_sees_it(
    org, live_server, settings
):
    base = live_server.url
    assert base.startswith("http://localhost:"), base
    settings.PORTAL_RP_ID = "localhost"
    settings.PORTAL_ORIGINS = [base]
    noor = _family(org)
    walks = (
        (org.member, "Ik wil weer goed slapen", "fatima"),
        (noor, "Ik wil zelf op tijd opstaan", "noor"),
    )
    with chromium() as browser:
        adviser = browser.new_context(viewport=WIDE).new_page()
        sign_in(adviser, base, org.adviser)
        links = {member.pk: _invite(adviser, base, org, member) for member, *_ in walks}
        _checked(adviser, "adviser: Mijn Krachtbron tab", WIDE["width"])
        _shot(adviser, "adviser_tab")

        seen = {}
        for member, goal_text, name in walks:
            phone = phone_with_passkeys(browser, PHONE)
            _passkey(phone, base, links[member.pk], member, name)
            plan = _plan(phone, base, goal_text, name)
            _questionnaire(phone, base, name)
            seen[name] = (plan, *_copy(phone, base, goal_text, name))
            phone.context.close()

        # Rights inside the family (families.rights): the parent with gezag sees her
        # children's strengths (they are under 16); Noor sees her own, never her parent's
        # or her brother's, on the page and in her copy.
        plan, pdf, data = seen["fatima"]
        assert "Speelt gitaar" in plan and SEM_PRIVATE in plan
        plan, pdf, data = seen["noor"]
        assert "Speelt gitaar" in plan
        for text in (plan, pdf, data):
            assert SEM_PRIVATE not in text and "Kan goed koken" not in text
        noor_copy = json.loads(data)
        assert "Ik wil zelf op tijd opstaan" in [g["doel"] for g in noor_copy["doelen"]]
        assert [q["gezinslid"] for q in noor_copy["vragenlijsten"]] == ["Noor"]  # not Sem's
        assert {k["gezinslid"] for k in noor_copy["krachten"]["krachtenprofiel"]} == {"Noor"}
        left_out = {o["gezinslid"] for o in noor_copy["eigen_gegevens_van_anderen_weggelaten"]}
        assert left_out == {"Fatima", "Sem"}

        _adviser_sees_it_all(adviser, base, org, noor)

    assert Goal.objects.filter(added_by_member__in=[org.member, noor]).count() == 2
    assert Scaling.objects.filter(by_member__in=[org.member, noor]).count() == 2
    assert TalkFlag.objects.filter(raised_by__in=[org.member, noor]).count() == 2
    assert not GoalScaling.objects.filter(by_member__isnull=False).exists()
    assert set(
        Response.objects.filter(completed_at__isnull=False).values_list("member_id", flat=True)
    ) == {org.member.pk, noor.pk, org.youth.pk}
    acted = set(
        AccessLogEntry.objects.filter(actor_member_id__isnull=False).values_list(
            "actor_member_id", flat=True
        )
    )
    assert {org.member.pk, noor.pk} <= acted  # (Sem acted too: his own questionnaire)
