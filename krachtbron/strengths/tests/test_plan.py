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
    assert "49" not in text.replace("2049", "")


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
