"""Every family-facing page reads easily in Dutch (B1): Flesch–Douma ≥ 70 per page, over all the
text the application writes on it together (header, menu, explanations, buttons, footer), not
per label. Left out: what people typed (in <bdi>), the instrument's fixed items (the
handreiking's exact wording), link addresses. The pages come from the URL configuration
(testing/family_pages.py); a family route that is neither measured nor listed in ``NOT_PAGES``
fails the coverage test. The messages and the PDFs' text are measured the same way.
"""

import pytest
from django.utils import translation

from krachtbron.lib.readability import text_blocks, text_stats
from krachtbron.testing import family_pages
from krachtbron.testing.family_pages import SKIP_CLASSES, SKIP_TAGS, Page

# What this checks is what the page or file shows: once, on SQLite (conftest.py, `render`).
pytestmark = [pytest.mark.render, pytest.mark.django_db]

B1 = 70


def _body(html: str) -> str:
    """What the page shows: its <body> (a fragment, such as a message, as it is)."""
    start = html.find("<body")
    return html[start : html.index("</body>")] if start >= 0 else html


def _score(page: Page) -> tuple[float, int]:
    stats = text_stats(
        text_blocks(_body(page.html), skip_tags=SKIP_TAGS, skip_classes=SKIP_CLASSES)
    )
    return stats.reading_ease, stats.words


def _pdf_pages(org, monkeypatch) -> list[Page]:
    """The HTML the two plan PDFs are made from, as a member downloads them (the real
    renderer runs, behind the store of ``families.stored_pdf``; this only keeps its input)."""
    from django.urls import reverse

    from krachtbron.families import stored_pdf
    from krachtbron.testing.personas import client_for

    made: list[Page] = []
    real = stored_pdf.render_pdf
    route = ""

    def keep(html, *args, **kwargs):
        made.append(Page(route, "pdf", html))
        return real(html, *args, **kwargs)

    monkeypatch.setattr(stored_pdf, "render_pdf", keep)
    member = client_for(org, "member")
    for route in ("portal:plan_pdf", "portal:network_plan_pdf"):  # noqa: B007 - read by keep
        response = member.get(reverse(route))
        assert response["Content-Type"] == "application/pdf", route
    assert [page.route for page in made] == ["portal:plan_pdf", "portal:network_plan_pdf"]
    return made


def _filled(org) -> None:
    """Something in every part of the family's plan, so each page shows its texts."""
    from krachtbron.network.tests.factories import NetworkPersonFactory
    from krachtbron.networkplan.tests.factories import AgreementFactory
    from krachtbron.strengths.tests.factories import (
        FirstQuestionFactory,
        GoalScalingFactory,
        StrengthEntryFactory,
    )

    FirstQuestionFactory(family=org.family, practical_help="Samen een schema maken")
    GoalScalingFactory(goal=org.goal, one_step_higher="Op vrijdag ook")
    StrengthEntryFactory(member=org.member)
    for closeness in (1, 2, 3):
        person = NetworkPersonFactory(family=org.family, label="Oma", closeness=closeness)
    AgreementFactory(family=org.family, goal=org.goal, performer_person=person)


def _all_pages(org, monkeypatch) -> list[Page]:
    _filled(org)
    with translation.override("nl"):
        return [
            *family_pages.routed_pages(org),
            *family_pages.posted_pages(org),
            *family_pages.questionnaire_pages(org),
            *family_pages.link_pages(org),
            *family_pages.template_states(),
            *family_pages.error_pages(),
            *family_pages.statement_page(),
            *family_pages.message_texts(org),
            *_pdf_pages(org, monkeypatch),
        ]


def test_every_family_page_reads_easily_and_every_family_route_is_measured(org, monkeypatch):
    pages = _all_pages(org, monkeypatch)
    measured = {page.route for page in pages}
    missing = family_pages.family_route_names() - measured - set(family_pages.NOT_PAGES)
    assert not missing, f"Measure these family routes (testing/family_pages.py): {sorted(missing)}"
    shown = measured & set(family_pages.NOT_PAGES)
    assert not shown, f"These show a page after all, take them out of NOT_PAGES: {sorted(shown)}"
    scores = [(page, *_score(page)) for page in pages]
    assert all(words > 0 for _page, _ease, words in scores)
    hard = [
        f"{p.route} [{p.state}]: {ease:.0f} ({words} words)"
        for p, ease, words in scores
        if ease < B1
    ]
    assert not hard, "Below B1 (Flesch–Douma < 70):\n" + "\n".join(hard)
