"""'Ons krachtenplan': print view (a read) and PDF (a print), hostile text stays text."""

import io
import re

import pypdf
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.strengths.tests.factories import (
    FirstQuestionFactory,
    GoalScalingFactory,
    StrengthEntryFactory,
)
from krachtbron.strengths.tests.hostile import HOSTILE
from krachtbron.testing.factories import GoalFactory


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def _squash(text: str) -> str:
    # Text extraction may break a line or add spaces; compare without whitespace.
    return re.sub(r"\s+", "", text)


def test_the_print_view_shows_goals_strengths_and_network_and_logs_print(org, as_user):
    GoalScalingFactory(goal=org.goal, score=3)
    GoalScalingFactory(goal=org.goal, score=6)
    StrengthEntryFactory(member=org.member, goes_well="Kookt voor iedereen")
    NetworkPersonFactory(family=org.family, label="Oma Truus", stays_after_help=True)
    FirstQuestionFactory(family=org.family, text="Hulp bij de huurbrief")

    response = as_user(org.adviser).get(reverse("strengths:plan", args=[org.family.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Weer rustig samen eten",
        "Kookt voor iedereen",
        "Oma Truus",
        "Hulp bij de huurbrief",
    ):
        assert text in page
    assert 'class="ecomap"' in page
    # Looking at the plan is a read; only the PDF counts as a print.
    entry = AccessLogEntry.objects.get(family_id=org.family.pk, object_type="krachtenplan")
    assert entry.kind == AccessKind.READ
    assert not AccessLogEntry.objects.filter(kind=AccessKind.PRINT).exists()


def test_the_pdf_is_a_pdf_with_the_plan_in_it_and_is_logged(org, as_user):
    StrengthEntryFactory(member=org.member, goes_well="Kookt voor iedereen")
    NetworkPersonFactory(family=org.family, label="Buurvrouw Els")

    response = as_user(org.adviser).get(reverse("strengths:plan_pdf", args=[org.family.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = _pdf_text(response.content)
    assert "Ons krachtenplan" in text or "ONS KRACHTENPLAN" in text
    assert "Kookt voor iedereen" in text and "Buurvrouw Els" in text
    assert AccessLogEntry.objects.get(kind=AccessKind.PRINT).extra == {"format": "pdf"}


def test_hostile_text_appears_literally_in_the_pdf(org, as_user):
    for payload in HOSTILE:
        GoalFactory(family=org.family, text=f"Doel {payload}")
        NetworkPersonFactory(family=org.family, label=payload[:60])

    response = as_user(org.adviser).get(reverse("strengths:plan_pdf", args=[org.family.pk]))

    text = _squash(_pdf_text(response.content))
    for payload in HOSTILE[:4]:
        assert _squash(f"Doel {payload}") in text, payload
    # The right-to-left override is invisible; the characters around it are there.
    assert "Ali" in text and "exe" in text
    # "{{7*7}}" stays text: no goal reads "Doel 49" (any other 49, e.g. in a factory's family
    # name "Gezin 1497", is not the payload).
    assert _squash("Doel 49") not in text


def test_hostile_text_is_escaped_in_the_print_view(org, as_user):
    for payload in HOSTILE:
        GoalFactory(family=org.family, text=payload)
        NetworkPersonFactory(family=org.family, label=payload[:60])
    page = as_user(org.adviser).get(reverse("strengths:plan", args=[org.family.pk])).content
    assert b"<script>alert" not in page
    assert b"<svg onload" not in page
    assert b"<foreignObject" not in page


def test_nobody_else_gets_the_plan_and_no_print_row_is_written(org, as_user):
    for user in (org.colleague, org.teamleider, org.other_adviser):
        client = as_user(user)
        assert client.get(reverse("strengths:plan", args=[org.family.pk])).status_code == 404
        assert client.get(reverse("strengths:plan_pdf", args=[org.family.pk])).status_code == 404
    assert not AccessLogEntry.objects.filter(kind=AccessKind.PRINT).exists()


def test_the_plan_of_an_empty_family_still_renders(org, as_user):
    org.member.delete()
    org.goal.delete()
    response = as_user(org.adviser).get(reverse("strengths:plan_pdf", args=[org.family.pk]))
    assert response.status_code == 200
    assert "nog geen doelen" in _pdf_text(response.content)


def test_the_latest_questionnaire_is_summarised_in_the_plan(org, as_user):
    from krachtbron.questionnaires.tests.factories import completed_response

    completed_response(org.member, org.adviser, {"g01": 4, "g02": 4, "g03": 1, "g04": 3})
    page = as_user(org.adviser).get(reverse("strengths:plan", args=[org.family.pk]))
    assert "Wat de vragenlijst laat zien" in page.content.decode()


# --- What the family may show to anyone (families/rights.py, docs/gezinsrechten.md) ------------


def _plan_with_private_marks(org):
    """An ex-partner and a grandmother marked "belastend", the adviser's own 2, and a shared
    supportive neighbour: what the family may see, and what only professionals see."""
    from krachtbron.families.choices import Visibility
    from krachtbron.network.choices import Quality
    from krachtbron.strengths.tests.factories import ScalingFactory

    NetworkPersonFactory(family=org.family, label="Ex-partner Karim", quality=Quality.BURDENING)
    NetworkPersonFactory(
        family=org.family, label="Oma Ria", quality=Quality.BURDENING, may_be_overloaded=True
    )
    NetworkPersonFactory(
        family=org.family,
        label="Buurvrouw Els",
        quality=Quality.SUPPORTIVE,
        marks_visibility=Visibility.FAMILY,
    )
    ScalingFactory(member=org.member, score=7)  # the member's own score: shared
    ScalingFactory(member=org.member, score=2, by_adviser=True)  # the adviser's own view


def _network_rows(text: str) -> dict[str, str]:
    rows = re.findall(r"<tr><td><bdi>([^<]+)</bdi></td>(.*?)</tr>", text, re.S)
    return dict(rows)


def test_the_plan_leaves_out_belastend_marks_and_the_advisers_own_scores(org, as_user):
    _plan_with_private_marks(org)
    page = as_user(org.adviser).get(reverse("strengths:plan", args=[org.family.pk]))
    html = page.content.decode()
    plan = html[html.index('class="plan-sheet"') :]
    rows = _network_rows(plan)
    # Everyone is on the map, but without the adviser's marks ...
    assert "Belastend" not in rows["Ex-partner Karim"] and "Belastend" not in rows["Oma Ria"]
    # "Belastend" only in the map's legend, which explains the lines.
    assert plan.count("Belastend") == plan.count("Belastend: zigzaglijn") == 1
    # ... except where the adviser shared them.
    assert "Steunend" in rows["Buurvrouw Els"]
    # The adviser's own score (2) is not in the plan; the member's own (7) is.
    assert "Cijfer adviseur" not in plan
    assert "<td>7</td>" in plan and "<td>2</td>" not in plan
    # No red zigzag line (the map's sign for "belastend") but the one in the legend.
    assert plan.count("#c20000") == 1


def test_the_plan_pdf_leaves_them_out_too(org, as_user, tmp_path):
    _plan_with_private_marks(org)
    response = as_user(org.adviser).get(reverse("strengths:plan_pdf", args=[org.family.pk]))
    text = _squash(_pdf_text(response.content))
    assert "Ex-partnerKarim" in text and "OmaRia" in text
    table = text[text.index("Iedereenopdekaart") :]
    # "Belastend" only in the legend of the map, which explains the lines.
    assert table.count("Belastend") == table.count("Belastend:zigzaglijn") == 1
    assert "Steunend" in table
    assert "Cijferadviseur" not in text


def test_a_shared_adviser_score_and_mark_are_in_the_plan(org, as_user):
    from krachtbron.families.choices import Visibility
    from krachtbron.network.choices import Quality
    from krachtbron.strengths.tests.factories import ScalingFactory

    NetworkPersonFactory(
        family=org.family,
        label="Ex-partner Karim",
        quality=Quality.BURDENING,
        marks_visibility=Visibility.FAMILY,
    )
    ScalingFactory(member=org.member, score=2, by_adviser=True, visibility=Visibility.FAMILY)
    html = as_user(org.adviser).get(reverse("strengths:plan", args=[org.family.pk]))
    plan = html.content.decode()
    assert "Belastend" in _network_rows(plan)["Ex-partner Karim"]
    assert "Cijfer adviseur" in plan and "<td>2</td>" in plan


def test_parts_for_professionals_only_stay_out_of_the_plan(org, as_user):
    from krachtbron.families.choices import Visibility

    GoalFactory(family=org.family, text="Alleen voor ons", visibility=Visibility.PROFESSIONALS)
    StrengthEntryFactory(
        member=org.member, goes_well="Werkaantekening", visibility=Visibility.PROFESSIONALS
    )
    FirstQuestionFactory(
        family=org.family, text="Nog niet delen", visibility=Visibility.PROFESSIONALS
    )
    plan = as_user(org.adviser).get(reverse("strengths:plan", args=[org.family.pk]))
    html = plan.content.decode()
    sheet = html[html.index('class="plan-sheet"') :]
    for text in ("Alleen voor ons", "Werkaantekening", "Nog niet delen"):
        assert text not in sheet
    assert "Weer rustig samen eten" in sheet  # the shared goal stays


def _lina(org):
    """A 16-year-old in org.family with a goal of her own (shared with the family)."""
    from datetime import date

    from django.utils import timezone

    from krachtbron.families.choices import MemberRole
    from krachtbron.testing.factories import MemberFactory

    born = date(timezone.localdate().year - 16, 1, 1)
    lina = MemberFactory(
        family=org.family, first_name="Lina", role=MemberRole.YOUTH, birth_date=born
    )
    GoalFactory(family=org.family, member=lina, text="Lina wil op kamers")
    GoalFactory(family=org.family, member=None, text="Samen eten op zondag")
    return lina


def test_the_plan_for_one_member_holds_only_what_that_member_may_see(org, as_user):
    """The adviser prints the plan for a parent: a 16-year-old's own goal stays out of it (she
    decides alone from 16), while the plan for her, and for the whole family, has it."""
    lina = _lina(org)
    client = as_user(org.adviser)
    url = reverse("strengths:plan", args=[org.family.pk])
    whole = client.get(url).content.decode()
    assert "Lina wil op kamers" in whole and "Samen eten op zondag" in whole
    for_parent = client.get(url, {"voor": org.member.pk})
    assert for_parent.status_code == 200
    assert "Lina wil op kamers" not in for_parent.content.decode()
    assert "Samen eten op zondag" in for_parent.content.decode()
    assert f"?voor={org.member.pk}" in for_parent.content.decode()  # the PDF link follows
    assert "Lina wil op kamers" in client.get(url, {"voor": lina.pk}).content.decode()

    pdf = client.get(reverse("strengths:plan_pdf", args=[org.family.pk]), {"voor": org.member.pk})
    assert pdf.status_code == 200
    text = _squash(_pdf_text(pdf.content))
    # Lina is not listed with "nothing written yet": her own parts are hers, not in this plan.
    assert _squash("Samen eten op zondag") in text and "Lina" not in text
    row = AccessLogEntry.objects.get(kind=AccessKind.PRINT)
    assert row.extra == {"format": "pdf", "for_member": org.member.pk}


def test_a_bad_reader_is_refused_with_a_dutch_message_and_no_pdf(org, as_user):
    _lina(org)
    client = as_user(org.adviser)
    for bad in ("abc", str(org.other_member.pk), "999999"):
        for name in ("strengths:plan", "strengths:plan_pdf"):
            page = client.get(reverse(name, args=[org.family.pk]), {"voor": bad})
            assert page.status_code == 400, (bad, name)
            assert page["Content-Type"].startswith("text/html")
            assert "Kies iemand uit de lijst." in page.content.decode()
    assert not AccessLogEntry.objects.filter(kind=AccessKind.PRINT).exists()
