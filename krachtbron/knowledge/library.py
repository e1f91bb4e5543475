"""Knowledge pages and conversation cards: their vocabularies, types and Python API.

The files are data only, in `content/pages/*.md` and `content/cards/*.md` (see
docs/kennisbank.md for the fields). `loader.load()` runs in AppConfig.ready(): it parses and
validates every file and installs the rendered, sanitised HTML here (`install`), so a broken file
stops start-up with a `ContentError` that names the file, and no request ever parses Markdown.
This module never imports the loader: the loader builds what this module defines.

Internal links in the Markdown body use the `kb:` scheme: `[tekst](kb:werken-met-netwerk)` links
to a knowledge page or card by id. The validator refuses a `kb:` link to an id that does not exist;
the URL itself is filled in when the page is shown (`resolve_links`), so the cache never holds a
URL that depends on the deployment's script prefix.

Python API for other apps: `get_page(id)`, `get_card(id)`, `page_url(id)`, `card_url(id)`,
`pages_for_dimension(dim)`, `pages_for_theme(theme)`. An unknown id raises `UnknownContentError`
(a `ContentError` and a `LookupError`), so a typo in another app fails its tests, not silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from krachtbron.families.choices import Dimension

CONTENT_DIR = Path(__file__).resolve().parent / "content"  # holds pages/ and cards/

# --- Controlled vocabularies: a value outside these lists is a content error -------------------

DIMENSIONS: dict[str, str | Promise] = dict(Dimension.choices)

THEMES: dict[str, str | Promise] = {
    "eigen-kracht": _("Wat eigen kracht is"),
    "dimensies": _("De drie dimensies"),
    "zelfregulatie": _("Zelfreflectie en zelfregulatie"),
    "grenzen": _("Grenzen aan eigen kracht"),
    "empowerment": _("Empowerment en leefomstandigheden"),
    "houding": _("Samenwerkende houding"),
    "vertrouwen": _("Vertrouwen en aansluiten"),
    "sterke-kanten": _("Sterke kanten en kwetsbaarheid"),
    "netwerk": _("Netwerk en belangrijke anderen"),
    "methoden": _("Methoden"),
    "instrumenten": _("Instrumenten"),
    "reflectie": _("Reflectie en leren"),
    "organisatie": _("Organisatie"),
    # The five themes of the gesprekswaaier (§5.1); every card has exactly one of them.
    "visies": _("Verschillende visies op eigen kracht"),
    "belangen": _("Verschillende belangen bij eigen kracht"),
    "regie": _("Regie bij eigen kracht"),
    "speelruimte": _("Speelruimte voor eigen kracht"),
}
CARD_THEMES = ("visies", "grenzen", "belangen", "regie", "speelruimte")

AUDIENCES: dict[str, str | Promise] = {
    "adviseurs": _("Adviseurs"),
    "collegas": _("Collega's"),
    "leidinggevenden": _("Leidinggevenden"),
    "ouders": _("Ouders"),
    "jeugdigen": _("Jeugdigen"),
}
# Every card has questions for these four audiences (§5.1).
CARD_AUDIENCES = ("collegas", "leidinggevenden", "ouders", "jeugdigen")

GROUPS: dict[str, str | Promise] = {
    "begrip": _("Wat is eigen kracht?"),
    "praktijk": _("Werken met gezinnen"),
    "methoden": _("Methoden en instrumenten"),
    "professional": _("Kracht van professionals en organisatie"),
}

# Other apps link to these pages by id: they must always exist.
REQUIRED_PAGE_IDS = (
    "eigen-kracht",
    "drie-dimensies",
    "zelfreflectie-zelfregulatie",
    "grenzen-aan-eigen-kracht",
    "maatschappelijk-perspectief",
    "samenwerkende-houding",
    "praktijk-motivationeel",
    "praktijk-competentioneel",
    "praktijk-sociaal",
    "werken-met-netwerk",
    "methoden",
    "instrumenten-per-dimensie",
    "reflectie-parallel-proces",
    "organisatievoorwaarden",
)
REQUIRED_CARD_IDS = (
    "waaier-visies",
    "waaier-grenzen",
    "waaier-belangen",
    "waaier-regie",
    "waaier-speelruimte",
)
# Path words under /kennisbank/ that a page id may not take.
RESERVED_IDS = frozenset({"waaier", "zoeken", "afdrukken", "nieuw"})

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SECTION_PATTERN = re.compile(r"^§[1-7](?:\.[1-9])?$")
CONVERSATION_HEADING = "In gesprek"
MAX_TEXT = 300  # longest title, summary, tension or question

PAGE_FIELDS = {
    "id": True,
    "title": True,
    "summary": True,
    "group": True,
    "dimensions": True,
    "themes": True,
    "sections": True,
    "audience": True,
    "related": True,
    "order": False,
}
CARD_FIELDS = {
    "id": True,
    "number": True,
    "title": True,
    "summary": True,
    "theme": True,
    "dimensions": True,
    "sections": True,
    "audience": True,
    "related": True,
    "tensions": True,
    "questions": True,
}


class ContentError(Exception):
    """A knowledge file is missing, malformed or points to something that does not exist."""


class UnknownContentError(ContentError, LookupError):
    """Code or a template asked for a page or card id that does not exist."""


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    summary: str
    group: str
    dimensions: tuple[str, ...]
    themes: tuple[str, ...]
    sections: tuple[str, ...]
    audience: tuple[str, ...]
    related: tuple[str, ...]
    order: int
    body_html: str  # sanitised; kb: links still unresolved
    conversation_html: str  # the "In gesprek" part
    text: str  # plain text for the search index
    source: str  # file path relative to the content dir
    kind: str = field(default="page")

    @property
    def url(self) -> str:
        return page_url(self.id)

    @property
    def body(self) -> SafeString:
        return resolve_links(self.body_html)

    @property
    def conversation(self) -> SafeString:
        return resolve_links(self.conversation_html)

    @property
    def dimension_labels(self) -> list[str | Promise]:
        return [Dimension(d).short_label for d in self.dimensions]

    @property
    def audience_labels(self) -> list[str | Promise]:
        return [AUDIENCES[a] for a in self.audience]

    @property
    def group_label(self) -> str | Promise:
        return GROUPS[self.group]


@dataclass(frozen=True)
class CardQuestions:
    audience: str
    label: str | Promise
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Card:
    id: str
    number: int
    title: str
    summary: str
    theme: str
    dimensions: tuple[str, ...]
    sections: tuple[str, ...]
    audience: tuple[str, ...]
    related: tuple[str, ...]
    tensions: tuple[str, ...]
    questions: tuple[CardQuestions, ...]
    body_html: str
    text: str
    source: str
    kind: str = field(default="card")

    @property
    def url(self) -> str:
        return card_url(self.id)

    @property
    def body(self) -> SafeString:
        return resolve_links(self.body_html)

    @property
    def themes(self) -> tuple[str, ...]:
        return (self.theme,)

    @property
    def dimension_labels(self) -> list[str | Promise]:
        return [Dimension(d).short_label for d in self.dimensions]

    def questions_for(self, audiences: Iterable[str]) -> list[CardQuestions]:
        """The question groups for these audiences; all four when none is chosen."""
        wanted = set(audiences)
        return [q for q in self.questions if not wanted or q.audience in wanted]


@dataclass
class Library:
    pages: dict[str, Page]
    cards: dict[str, Card]
    fingerprint: str  # changes whenever any file's content changes (search index)

    def get(self, item_id: str) -> Page | Card | None:
        return self.pages.get(item_id) or self.cards.get(item_id)


_KB_HREF = re.compile(r'href="kb:([a-z0-9-]+)"')


def resolve_links(html: str) -> SafeString:
    """Turn validated `kb:` hrefs into real URLs. The HTML was sanitised at load time."""

    def _url(match: re.Match[str]) -> str:
        return f'href="{url_for(match.group(1))}"'

    return mark_safe(_KB_HREF.sub(_url, html))  # noqa: S308 - sanitised by nh3 in load()


_LIBRARY: Library | None = None


def install(loaded: Library) -> Library:
    """Make `loaded` the library every request reads (`loader.load()` calls this)."""
    global _LIBRARY
    _LIBRARY = loaded
    return loaded


def current() -> Library:
    """The loaded library. Raises ContentError before KnowledgeConfig.ready() loaded it."""
    if _LIBRARY is None:
        raise ContentError("The kennisbank is not loaded yet (KnowledgeConfig.ready loads it).")
    return _LIBRARY


# --- Public API --------------------------------------------------------------------------------


def all_pages() -> list[Page]:
    return list(current().pages.values())


def all_cards() -> list[Card]:
    return list(current().cards.values())


def get_page(page_id: str) -> Page:
    page = current().pages.get(page_id)
    if page is None:
        raise UnknownContentError(f"Onbekende kennisbankpagina: {page_id!r}")
    return page


def get_card(card_id: str) -> Card:
    card = current().cards.get(card_id)
    if card is None:
        raise UnknownContentError(f"Onbekende gesprekskaart: {card_id!r}")
    return card


def get_item(item_id: str) -> Page | Card:
    item = current().get(item_id)
    if item is None:
        raise UnknownContentError(f"Onbekend id in de kennisbank: {item_id!r}")
    return item


def page_url(page_id: str) -> str:
    return reverse("knowledge:page", kwargs={"page_id": get_page(page_id).id})


def card_url(card_id: str) -> str:
    return reverse("knowledge:card", kwargs={"card_id": get_card(card_id).id})


def url_for(item_id: str) -> str:
    """The URL of a page or a card."""
    item = get_item(item_id)
    return page_url(item.id) if isinstance(item, Page) else card_url(item.id)


def _check_key(value: str, known: dict[str, Any], what: str) -> None:
    if value not in known:
        raise UnknownContentError(f"Onbekende {what}: {value!r} (kies uit {', '.join(known)})")


def pages_for_dimension(dimension: str) -> list[Page]:
    """Pages about one dimension (`competence`, `social`, `motivation`), in reading order."""
    _check_key(dimension, DIMENSIONS, "dimensie")
    return [p for p in current().pages.values() if dimension in p.dimensions]


def pages_for_theme(theme: str) -> list[Page]:
    _check_key(theme, THEMES, "thema")
    return [p for p in current().pages.values() if theme in p.themes]


def cards_for_theme(theme: str) -> list[Card]:
    _check_key(theme, THEMES, "thema")
    return [c for c in current().cards.values() if c.theme == theme]


def related_items(item: Page | Card) -> list[Page | Card]:
    lib = current()
    return [found for ref in item.related if (found := lib.get(ref)) is not None]
