"""Every page and card renders, and every cross-reference and in-context link resolves."""

import re
from pathlib import Path

import pytest
from django.urls import resolve, reverse
from django.utils.html import escape

from krachtbron.knowledge import library

ROOT = Path(__file__).resolve().parents[2]  # the krachtbron package
PAGE_IDS = [p.id for p in library.all_pages()]
CARD_IDS = [c.id for c in library.all_cards()]


def test_all_fixed_ids_exist():
    assert set(library.REQUIRED_PAGE_IDS) <= set(PAGE_IDS)
    assert set(library.REQUIRED_CARD_IDS) <= set(CARD_IDS)
    assert {c.theme for c in library.all_cards()} == set(library.CARD_THEMES)


def test_every_card_has_questions_and_tensions_for_the_four_audiences():
    for card in library.all_cards():
        assert [q.audience for q in card.questions] == list(library.CARD_AUDIENCES)
        assert all(q.questions for q in card.questions)
        assert card.tensions


def _internal_links(html: str) -> list[str]:
    hrefs = re.findall(r'href="([^"]+)"', html)
    return [h for h in hrefs if h.startswith("/") and not h.startswith("/static/")]


@pytest.mark.django_db
@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_every_page_renders_with_its_conversation_part_and_source(page_id, org, as_user):
    page = library.get_page(page_id)
    response = as_user(org.adviser).get(reverse("knowledge:page", args=[page_id]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 lang="nl">{escape(page.title)}</h1>' in html
    assert 'id="in-gesprek"' in html
    assert page.sections[0] in html
    assert "kb:" not in html  # every internal link was resolved
    for href in _internal_links(html):
        resolve(href.split("?")[0])  # raises Resolver404 for a dead link


@pytest.mark.django_db
@pytest.mark.parametrize("card_id", CARD_IDS)
def test_every_card_renders_with_questions_for_each_audience(card_id, org, as_user):
    card = library.get_card(card_id)
    response = as_user(org.colleague).get(reverse("knowledge:card", args=[card_id]))
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Met collega", "Met leidinggevenden", "Met ouders", "Met jeugdigen"):
        assert label in html
    assert "Spanningsvelden" in html
    assert "kb:" not in html
    assert card.tensions[0].split()[0] in html


def test_every_related_id_and_kb_link_resolves_to_a_page_or_card():
    lib = library.current()
    for item in [*lib.pages.values(), *lib.cards.values()]:
        for ref in item.related:
            assert lib.get(ref) is not None, f"{item.source}: related {ref}"
        html = str(item.body) + str(getattr(item, "conversation", ""))
        for href in _internal_links(html):
            match = resolve(href)
            key = match.kwargs.get("page_id") or match.kwargs.get("card_id")
            assert lib.get(key) is not None


@pytest.mark.django_db
def test_the_print_page_puts_every_card_on_it(org, as_user):
    response = as_user(org.onderzoeker).get(reverse("knowledge:cards_print"))
    html = response.content.decode()
    assert html.count('class="kb-card-sheet"') == len(CARD_IDS)


def test_pages_are_sorted_by_group_and_order():
    groups = [p.group for p in library.all_pages()]
    assert groups == sorted(groups, key=list(library.GROUPS).index)
    assert PAGE_IDS[0] == "eigen-kracht"


# --- In-context links elsewhere in the app ------------------------------------------------------

_TAG_LITERAL = re.compile(r"{%\s*knowledge_(?:link|url)\s+[\"']([^\"']+)[\"']")
_PAGE_ARG = re.compile(r"{%\s*knowledge_(?:pages|links)\s+(dimension|theme)=[\"']([^\"']+)[\"']")
_FILTER = re.compile(r"[\"']([a-z-]+)[\"']\|pages_for_(dimension|theme)")
_URL_TAG = re.compile(r"{%\s*url\s+[\"']knowledge:(?:page|card)[\"']\s+[\"']([^\"']+)[\"']")


def test_every_knowledge_reference_in_any_template_exists():
    """Templates of every app: literal ids, dimensions and themes given to our tags exist."""
    checked = 0
    for path in ROOT.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        for item_id in _TAG_LITERAL.findall(text) + _URL_TAG.findall(text):
            assert library.current().get(item_id), f"{path}: unknown kennisbank id {item_id!r}"
            checked += 1
        for kind, value in _PAGE_ARG.findall(text) + [(k, v) for v, k in _FILTER.findall(text)]:
            known = library.DIMENSIONS if kind == "dimension" else library.THEMES
            assert value in known, f"{path}: unknown {kind} {value!r}"
            checked += 1
    assert checked >= 0


def test_knowledge_pages_named_in_python_code_exist():
    """Python modules (prompts and the like) name pages with `knowledge_page=` or `kb:id`."""
    pattern = re.compile(r"knowledge_page\s*=\s*[\"']([^\"']+)[\"']|kb:([a-z0-9-]+)")
    for path in ROOT.rglob("*.py"):
        if "knowledge" in path.parts and "tests" in path.parts:
            continue
        for named, linked in pattern.findall(path.read_text(encoding="utf-8")):
            item_id = named or linked
            assert library.current().get(item_id), f"{path}: unknown kennisbank id {item_id!r}"
