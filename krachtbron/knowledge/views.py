"""The kennisbank: pages, the gesprekswaaier (cards) and search. No personal data here."""

from collections.abc import Callable
from typing import TypeVar

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.knowledge import library, search
from krachtbron.knowledge.permissions import plans_allowed

T = TypeVar("T")


def _get_or_404(getter: Callable[[str], T], item_id: str) -> T:
    try:
        return getter(item_id)
    except library.UnknownContentError:
        raise Http404 from None


@require_safe
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """All pages by group, or only those of one dimension or theme (?dimensie=, ?thema=)."""
    pages = library.all_pages()
    dimension = request.GET.get("dimensie", "")
    theme = request.GET.get("thema", "")
    filter_label = None
    if dimension in library.DIMENSIONS:
        pages = library.pages_for_dimension(dimension)
        filter_label = library.DIMENSIONS[dimension]
    elif theme in library.THEMES:
        pages = library.pages_for_theme(theme)
        filter_label = library.THEMES[theme]
    groups = [
        {"label": label, "pages": [p for p in pages if p.group == key]}
        for key, label in library.GROUPS.items()
    ]
    return render(
        request,
        "knowledge/index.html",
        {
            "groups": [g for g in groups if g["pages"]],
            "cards": library.all_cards(),
            "filter_label": filter_label,
            "dimensions": library.DIMENSIONS,
            "can_plan": plans_allowed(request.user),
        },
    )


@require_safe
def page(request: AuthenticatedHttpRequest, page_id: str) -> HttpResponse:
    kb_page = _get_or_404(library.get_page, page_id)
    return render(
        request,
        "knowledge/page.html",
        {"kb_page": kb_page, "related": library.related_items(kb_page)},
    )


@require_safe
def cards(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "knowledge/cards.html",
        {"cards": library.all_cards(), "can_plan": plans_allowed(request.user)},
    )


@require_safe
def card(request: AuthenticatedHttpRequest, card_id: str) -> HttpResponse:
    kb_card = _get_or_404(library.get_card, card_id)
    return render(
        request,
        "knowledge/card.html",
        {
            "card": kb_card,
            "related": library.related_items(kb_card),
            "can_plan": plans_allowed(request.user),
        },
    )


@require_safe
def cards_print(request: AuthenticatedHttpRequest) -> HttpResponse:
    """All five cards on one page, one card per printed sheet."""
    return render(request, "knowledge/cards_print.html", {"cards": library.all_cards()})


@require_safe
def search_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """GET is fine here: a search word in the kennisbank is no personal data. Length is capped."""
    raw = request.GET.get("q", "")[:2000]
    query = search.clean_query(raw)
    shortened = len(" ".join(raw.split())) > search.MAX_QUERY_LENGTH
    hits = search.search(query) if query else []
    message = None
    if query and not search.query_stems(query):
        message = _("Zoek op een woord dat iets zegt, zoals 'netwerk' of 'regie'.")
    return render(
        request,
        "knowledge/search.html",
        {
            "query": query,
            "hits": hits,
            "shortened": shortened,
            "max_length": search.MAX_QUERY_LENGTH,
            "message": message,
        },
    )
