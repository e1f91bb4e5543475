"""Nothing of a family file is forgotten in the copy, and the copy reads easily (B1)."""

import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import translation

from krachtbron.families import file_copy
from krachtbron.families.file_copy import (
    build_copy,
    copy_parts,
    copy_request,
    coverage_gaps,
    coverage_markdown,
    family_linked_models,
)
from krachtbron.families.tests.copy_family import MARKERS, make_copy_family
from krachtbron.lib.readability import text_blocks, text_stats

DOCS = Path(settings.BASE_DIR) / "docs" / "familiedossier.md"
BEGIN, END = "<!-- copy-coverage:begin -->", "<!-- copy-coverage:end -->"


def test_every_model_of_a_family_file_is_in_the_copy_or_left_out_with_a_reason():
    assert coverage_gaps() == [], (
        "These models belong to a family file but no copy part covers them: add them to a "
        "part (register_copy_part(..., models=[...])) or explain with register_copy_exclusion."
    )


def test_the_walk_finds_models_through_members_responses_and_plain_ids():
    labels = {m._meta.label for m in family_linked_models()}
    # Through FamilyMember, Goal, Response and FirstQuestion; the log by its plain family id.
    for label in (
        "strengths.StrengthEntry",
        "strengths.GoalScaling",
        "questionnaires.Answer",
        "strengths.FirstQuestionRevision",
        "audit.AccessLogEntry",
    ):
        assert label in labels
    # Nothing that is not a family's: staff, teams, reflections, the knowledge index.
    for label in ("accounts.User", "accounts.Team", "reflection.ProfessionalReflection"):
        assert label not in labels


def test_a_model_without_a_part_is_named(monkeypatch):
    parts = {k: p for k, p in file_copy._PARTS.items() if k != "gesprekken"}
    monkeypatch.setattr(file_copy, "_PARTS", parts)
    assert coverage_gaps() == ["knowledge.ConversationPlan"]


def test_the_docs_show_what_the_copy_holds_and_leaves_out():
    with translation.override("nl"):
        expected = coverage_markdown()
    text = DOCS.read_text()
    found = re.search(re.escape(BEGIN) + r"\n(.*?)\n" + re.escape(END), text, re.S)
    assert found, f"docs/familiedossier.md needs a block between {BEGIN} and {END}"
    assert found.group(1) == expected, "Replace the block in docs/familiedossier.md with:\n" + (
        expected
    )


@pytest.mark.django_db
def test_every_covered_model_reaches_the_copy(org):
    """Each covered model has a marker in the family, found in the part that covers it."""
    family = make_copy_family(org)
    made = build_copy(copy_request(org.family, family.fatima, include_third_parties=True))
    data = made.as_json()
    covered = {m._meta.label: part.key for part in copy_parts() for m in part.models}
    assert set(MARKERS) == set(covered), "give every covered model a marker in copy_family.py"
    for label, marker in MARKERS.items():
        part = json.dumps(data[covered[label]], cls=DjangoJSONEncoder, ensure_ascii=False)
        assert marker in part, f"{label}: {marker!r} is not in part {covered[label]!r}"
    assert all(apps.get_model(label) for label in MARKERS)


@pytest.mark.django_db
@pytest.mark.parametrize("third_parties", [True, False])
def test_the_text_krachtbron_writes_in_the_copy_is_easy_to_read(org, third_parties):
    """Flesch–Douma ≥ 70 for everything but the family's own words (<bdi>) and the items of
    the instrument (class copy-item). Each distinct text counts once, so the 40th row of the
    log does not weigh more than the intro."""
    family = make_copy_family(org)
    with translation.override("nl"):
        made = build_copy(
            copy_request(org.family, family.fatima, include_third_parties=third_parties)
        )
        html = render_to_string("families/copy_pdf.html", {"copy": made})
    blocks = list(dict.fromkeys(text_blocks(html, skip_tags={"bdi"}, skip_classes={"copy-item"})))
    stats = text_stats(blocks)
    assert stats.words > 300  # the intro, headings and explanations are all measured
    assert stats.reading_ease >= 70, (stats, stats.reading_ease)
