"""Knowledge in context: links from other pages to the kennisbank.

    {% load knowledge %}
    {% knowledge_link "werken-met-netwerk" %}          → "Meer in de kennisbank: <titel>"
    {% knowledge_link "waaier-regie" label="Kaart" %}  → a card works too; label replaces the lead
    {% knowledge_pages dimension="social" as pages %}  → list of Page objects
    {% knowledge_pages theme="netwerk" as pages %}
    {{ "competence"|pages_for_dimension }}  {{ "netwerk"|pages_for_theme }}
    {% knowledge_links dimension="motivation" %}       → a small "Meer in de kennisbank" list
    {% knowledge_url "drie-dimensies" %}               → the bare URL

An unknown id, dimension or theme raises UnknownContentError: a typo fails the test that renders
the template instead of shipping a dead link.
"""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from krachtbron.knowledge import library

register = template.Library()


@register.simple_tag
def knowledge_link(item_id: str, label: str | None = None) -> SafeString:
    item = library.get_item(item_id)
    lead = label if label is not None else _("Meer in de kennisbank:")
    return format_html(
        '<a class="kb-link" href="{}"><span class="kb-link__lead">{}</span> {}</a>',
        item.url,
        lead,
        item.title,
    )


@register.simple_tag
def knowledge_url(item_id: str) -> str:
    return library.url_for(item_id)


@register.simple_tag
def knowledge_pages(dimension: str = "", theme: str = "") -> list[Any]:
    if dimension:
        return library.pages_for_dimension(dimension)
    if theme:
        return library.pages_for_theme(theme)
    return library.all_pages()


@register.filter
def pages_for_dimension(dimension: str) -> list[library.Page]:
    return library.pages_for_dimension(dimension)


@register.filter
def pages_for_theme(theme: str) -> list[library.Page]:
    return library.pages_for_theme(theme)


@register.inclusion_tag("knowledge/_links.html")
def knowledge_links(dimension: str = "", theme: str = "", title: str = "") -> dict[str, Any]:
    """A short list of links to the pages for a dimension or theme (and cards of that theme)."""
    pages: list[Any] = knowledge_pages(dimension=dimension, theme=theme)
    cards = library.cards_for_theme(theme) if theme else []
    return {"items": [*pages, *cards], "title": title or _("Meer in de kennisbank")}
