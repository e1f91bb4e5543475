"""Reading the content files: front matter checks, Markdown rendering, sanitising, cross-refs.

Used once at start-up through `load()` (KnowledgeConfig.ready); `library` holds the
vocabularies, the types and the API that other apps use.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from html import unescape
from pathlib import Path
from typing import Any

import frontmatter
import nh3
import yaml
from django.utils import translation
from django.utils.html import strip_tags
from markdown_it import MarkdownIt

from krachtbron.knowledge.library import (
    AUDIENCES,
    CARD_AUDIENCES,
    CARD_FIELDS,
    CARD_THEMES,
    CONTENT_DIR,
    CONVERSATION_HEADING,
    DIMENSIONS,
    GROUPS,
    ID_PATTERN,
    MAX_TEXT,
    PAGE_FIELDS,
    REQUIRED_CARD_IDS,
    REQUIRED_PAGE_IDS,
    RESERVED_IDS,
    SECTION_PATTERN,
    THEMES,
    Card,
    CardQuestions,
    ContentError,
    Library,
    Page,
    install,
)

# --- Markdown ----------------------------------------------------------------------------------

# CommonMark without raw HTML: a "<script>" in a content file is shown as text, never run.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable("table")

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "br",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto", "kb"}


def sanitise(html: str) -> str:
    """The allow-list every rendered file passes through, even though we wrote the files."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_markdown(text: str) -> tuple[str, list[str], list[int]]:
    """Return (sanitised HTML, kb: link targets, levels of the headings used)."""
    tokens = _markdown.parse(text)
    targets: list[str] = []
    levels: list[int] = []
    for token in tokens:
        if token.type == "heading_open":
            levels.append(int(token.tag[1:]))
        for child in token.children or []:
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                if href.startswith("kb:"):
                    targets.append(href[3:])
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    return sanitise(html), targets, levels


def _plain_text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(strip_tags(html))).strip()


# --- Loading and validation --------------------------------------------------------------------


class _Problems:
    """Collects every problem in every file, so one start-up shows them all."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, source: str, message: str) -> None:
        self.items.append(f"{source}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(
                "Fouten in de kennisbank-bestanden:\n" + "\n".join(f"- {p}" for p in self.items)
            )


def _text(meta: dict[str, Any], key: str, source: str, problems: _Problems) -> str:
    value = meta.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.add(source, f"'{key}' moet een niet-lege tekst zijn")
        return ""
    if len(value) > MAX_TEXT:
        problems.add(source, f"'{key}' is langer dan {MAX_TEXT} tekens")
    return value.strip()


def _str_list(
    meta: dict[str, Any],
    key: str,
    source: str,
    problems: _Problems,
    allowed: Iterable[str] | None = None,
    pattern: re.Pattern[str] | None = None,
    non_empty: bool = False,
) -> tuple[str, ...]:
    value = meta.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.add(source, f"'{key}' moet een lijst met teksten zijn (mag leeg: [])")
        return ()
    if non_empty and not value:
        problems.add(source, f"'{key}' mag niet leeg zijn")
    allowed_list = list(allowed) if allowed is not None else None
    for item in value:
        if allowed_list is not None and item not in allowed_list:
            problems.add(
                source,
                f"onbekende waarde '{item}' in '{key}' (kies uit: {', '.join(allowed_list)})",
            )
        if pattern is not None and not pattern.match(item):
            problems.add(source, f"'{item}' in '{key}' heeft niet de goede vorm")
    if len(set(value)) != len(value):
        problems.add(source, f"'{key}' noemt iets dubbel")
    return tuple(value)


def _check_fields(
    meta: dict[str, Any], spec: dict[str, bool], source: str, problems: _Problems
) -> bool:
    ok = True
    for name, required in spec.items():
        if required and name not in meta:
            problems.add(source, f"verplicht veld '{name}' ontbreekt")
            ok = False
    for name in meta:
        if name not in spec:
            problems.add(source, f"onbekend veld '{name}' (typfout?)")
    return ok


def _read(path: Path, source: str, problems: _Problems) -> tuple[dict[str, Any], str] | None:
    try:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as error:
        problems.add(source, f"front matter is geen geldige YAML ({error.__class__.__name__})")
        return None
    if not post.metadata:
        problems.add(source, "front matter (tussen regels met '---') ontbreekt")
        return None
    return dict(post.metadata), post.content


def _check_id(meta: dict[str, Any], path: Path, source: str, problems: _Problems) -> str:
    item_id = meta.get("id")
    if not isinstance(item_id, str) or not ID_PATTERN.match(item_id):
        problems.add(source, "'id' moet bestaan uit kleine letters, cijfers en streepjes")
        return ""
    if item_id != path.stem:
        problems.add(source, f"'id' ({item_id}) moet gelijk zijn aan de bestandsnaam")
    if item_id in RESERVED_IDS:
        problems.add(source, f"'id' {item_id} is gereserveerd voor een adres")
    return item_id


def _split_conversation(body: str) -> tuple[str, str | None]:
    """Split the body at the '## In gesprek' heading (the questions an adviser can ask)."""
    match = re.search(rf"^##\s+{CONVERSATION_HEADING}\s*$", body, flags=re.MULTILINE)
    if match is None:
        return body, None
    return body[: match.start()], body[match.end() :]


def _load_page(
    path: Path, source: str, problems: _Problems, links: dict[str, list[str]]
) -> Page | None:
    read = _read(path, source, problems)
    if read is None:
        return None
    meta, body = read
    if not _check_fields(meta, PAGE_FIELDS, source, problems):
        return None
    item_id = _check_id(meta, path, source, problems)
    group = meta.get("group")
    if group not in GROUPS:
        problems.add(source, f"onbekende 'group' '{group}' (kies uit: {', '.join(GROUPS)})")
    order = meta.get("order", 100)
    if not isinstance(order, int) or isinstance(order, bool):
        problems.add(source, "'order' moet een geheel getal zijn")
        order = 100
    main, conversation = _split_conversation(body)
    if conversation is None or not conversation.strip():
        problems.add(source, f"de tekst mist een deel '## {CONVERSATION_HEADING}' met vragen")
        conversation = ""
    body_html, body_links, levels = render_markdown(main)
    conv_html, conv_links, conv_levels = render_markdown(conversation)
    if 1 in levels + conv_levels:
        problems.add(source, "gebruik geen '# kop' in de tekst: de titel is al de hoofdkop")
    if not strip_tags(body_html).strip():
        problems.add(source, "de tekst is leeg")
    links[source] = body_links + conv_links
    return Page(
        id=item_id,
        title=_text(meta, "title", source, problems),
        summary=_text(meta, "summary", source, problems),
        group=str(group),
        dimensions=_str_list(meta, "dimensions", source, problems, allowed=DIMENSIONS),
        themes=_str_list(meta, "themes", source, problems, allowed=THEMES, non_empty=True),
        sections=_str_list(
            meta, "sections", source, problems, pattern=SECTION_PATTERN, non_empty=True
        ),
        audience=_str_list(meta, "audience", source, problems, allowed=AUDIENCES, non_empty=True),
        related=_str_list(meta, "related", source, problems, pattern=ID_PATTERN),
        order=order,
        body_html=body_html,
        conversation_html=conv_html,
        text=_plain_text(body_html + " " + conv_html),
        source=source,
    )


def _load_card(
    path: Path, source: str, problems: _Problems, links: dict[str, list[str]]
) -> Card | None:
    read = _read(path, source, problems)
    if read is None:
        return None
    meta, body = read
    if not _check_fields(meta, CARD_FIELDS, source, problems):
        return None
    item_id = _check_id(meta, path, source, problems)
    number = meta.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 99:
        problems.add(source, "'number' moet een geheel getal van 1 tot 99 zijn")
        number = 99
    theme = meta.get("theme")
    if theme not in CARD_THEMES:
        problems.add(source, f"'theme' moet een van {', '.join(CARD_THEMES)} zijn")
    tensions = _str_list(meta, "tensions", source, problems, non_empty=True)
    for tension in tensions:
        if len(tension) > MAX_TEXT:
            problems.add(source, f"een spanningsveld is langer dan {MAX_TEXT} tekens")
    questions: list[CardQuestions] = []
    raw_questions = meta.get("questions")
    if not isinstance(raw_questions, dict):
        problems.add(source, "'questions' moet per doelgroep een lijst met vragen hebben")
        raw_questions = {}
    for audience in raw_questions:
        if audience not in CARD_AUDIENCES:
            problems.add(source, f"onbekende doelgroep '{audience}' in 'questions'")
    for audience in CARD_AUDIENCES:
        items = raw_questions.get(audience)
        if not isinstance(items, list) or not items or not all(isinstance(q, str) for q in items):
            problems.add(source, f"'questions' mist vragen voor '{audience}'")
            continue
        for question in items:
            if len(question) > MAX_TEXT:
                problems.add(source, f"een vraag voor '{audience}' is langer dan {MAX_TEXT} tekens")
        questions.append(
            CardQuestions(audience, AUDIENCES[audience], tuple(q.strip() for q in items))
        )
    body_html, body_links, levels = render_markdown(body)
    if levels:
        problems.add(
            source, "een kaart heeft geen koppen in de tekst: houd het bij een korte inleiding"
        )
    if not strip_tags(body_html).strip():
        problems.add(source, "de tekst is leeg")
    links[source] = body_links
    with translation.override("nl"):  # the search index is Dutch, like the content
        question_text = " ".join(
            f"{group.label}: {' '.join(group.questions)}" for group in questions
        )
    return Card(
        id=item_id,
        number=number,
        title=_text(meta, "title", source, problems),
        summary=_text(meta, "summary", source, problems),
        theme=str(theme),
        dimensions=_str_list(meta, "dimensions", source, problems, allowed=DIMENSIONS),
        sections=_str_list(
            meta, "sections", source, problems, pattern=SECTION_PATTERN, non_empty=True
        ),
        audience=_str_list(
            meta, "audience", source, problems, allowed=CARD_AUDIENCES, non_empty=True
        ),
        related=_str_list(meta, "related", source, problems, pattern=ID_PATTERN),
        tensions=tuple(t.strip() for t in tensions),
        questions=tuple(questions),
        body_html=body_html,
        text=" ".join([_plain_text(body_html), *tensions, question_text]),
        source=source,
    )


def load_files(root: Path, required_pages: Iterable[str], required_cards: Iterable[str]) -> Library:
    """Parse, validate and render every file under root; raise ContentError listing all problems."""
    problems = _Problems()
    links: dict[str, list[str]] = {}
    pages: dict[str, Page] = {}
    cards: dict[str, Card] = {}
    seen: dict[str, str] = {}
    digest = hashlib.sha256()
    for folder in ("pages", "cards"):
        directory = root / folder
        if not directory.is_dir():
            problems.add(folder, "map ontbreekt")
            continue
        for path in sorted(directory.glob("*.md")):
            digest.update(folder.encode() + path.name.encode() + b"\0" + path.read_bytes() + b"\0")
            source = f"{folder}/{path.name}"
            item: Page | Card | None
            if folder == "pages":
                item = _load_page(path, source, problems, links)
            else:
                item = _load_card(path, source, problems, links)
            if item is None or not item.id:
                continue
            if item.id in seen:
                problems.add(source, f"id '{item.id}' komt ook voor in {seen[item.id]}")
                continue
            seen[item.id] = source
            if isinstance(item, Page):
                pages[item.id] = item
            else:
                cards[item.id] = item
    # Cross-references: related ids and kb: links must point to an existing page or card.
    entries: list[Page | Card] = [*pages.values(), *cards.values()]
    for entry in entries:
        for ref in entry.related:
            if ref == entry.id:
                problems.add(entry.source, "'related' verwijst naar zichzelf")
            elif ref not in seen:
                problems.add(entry.source, f"'related' noemt onbekend id '{ref}'")
    for source, targets in links.items():
        for ref in targets:
            if ref not in seen:
                problems.add(source, f"link naar kb:{ref} verwijst naar een onbekend id")
    for required, found, folder in (
        (required_pages, pages, "pages"),
        (required_cards, cards, "cards"),
    ):
        for item_id in required:
            if item_id not in found:
                problems.add(
                    f"{folder}/{item_id}.md",
                    "ontbreekt, maar andere delen van de app linken ernaar",
                )
    problems.raise_if_any()
    group_order = list(GROUPS)
    ordered_pages = dict(
        sorted(pages.items(), key=lambda kv: (group_order.index(kv[1].group), kv[1].order, kv[0]))
    )
    ordered_cards = dict(sorted(cards.items(), key=lambda kv: (kv[1].number, kv[0])))
    return Library(ordered_pages, ordered_cards, digest.hexdigest())


def load_library(
    root: Path = CONTENT_DIR,
    required_pages: Iterable[str] = REQUIRED_PAGE_IDS,
    required_cards: Iterable[str] = REQUIRED_CARD_IDS,
) -> Library:
    """Parse, validate and render every file under root; raise ContentError listing all problems."""
    return load_files(root, required_pages, required_cards)


def load(root: Path = CONTENT_DIR) -> Library:
    """Load (or reload) the content into memory. Called by KnowledgeConfig.ready()."""
    return install(load_library(root))
