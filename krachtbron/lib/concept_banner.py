"""The concept banner's links (docs/talen.md): on a family page in a language no translator has
reviewed yet, the URL of the same page in Dutch (``?origineel=nl``); on the Dutch page that link
opened, the URL back to the member's own language.

The context processor (``lib.context_processors``) asks it for every page rendered with a
request; the error pages (``lib.errors``), which render without one so that they need no
database, ask it with ``error_page=True``: then it reads only the request's path, query string,
cookie and what the middleware put on it, never the session, and it never raises.
"""

import logging
from typing import Any

from django.conf import settings
from django.utils import translation

from krachtbron.lib.family_text import (
    ORIGINAL_LANGUAGE,
    ORIGINAL_PARAMETER,
    OWN_LANGUAGE,
    is_family_path,
    is_reviewed,
    original_requested,
)
from krachtbron.lib.session_kinds import PORTAL_LANGUAGE

logger = logging.getLogger(__name__)


def concept_translation(request: Any, *, error_page: bool = False) -> dict[str, str] | None:
    """On a family page in a language no translator has reviewed yet (lib/family_text.py): the
    URL of this page in Dutch (``original_url``). On a page shown in Dutch by that link: the URL
    back to the page in the member's own language (``back_url``) and that language's code
    (``back_language``). None otherwise. Call it when the template renders, so it sees the
    language the view chose.

    A page answering a form post has no banner (its link would lose what was typed), except an
    error page (``error_page``): a refused post (CSRF) still says the page is a concept, and its
    link opens the same address in Dutch."""
    if not error_page:
        return _links(request, session=True)
    try:
        return _links(request, session=False)
    except Exception:  # an error page must render whatever is wrong with the request
        logger.warning("Error page without the concept banner", exc_info=True)
        return None


def _links(request: Any, *, session: bool) -> dict[str, str] | None:
    if not is_family_path(request.path_info):
        return None
    if session and request.method not in ("GET", "HEAD"):
        return None
    query = request.GET.copy()
    if original_requested(request):
        query.pop(ORIGINAL_PARAMETER, None)
        own = own_language(request, session=session)
        if own == ORIGINAL_LANGUAGE:
            return None
        url = request.path + (f"?{query.urlencode()}" if query else "")
        return {"back_url": url, "back_language": own}
    if is_reviewed(translation.get_language() or settings.LANGUAGE_CODE):
        return None
    query[ORIGINAL_PARAMETER] = ORIGINAL_LANGUAGE
    return {"original_url": f"{request.path}?{query.urlencode()}"}


def own_language(request: Any, *, session: bool = True) -> str:
    """The language this family page would show without ``?origineel=nl``: what the middleware
    remembered (``OWN_LANGUAGE``), else the member session's (when ``session``), else the
    language cookie's (what ChosenLanguageMiddleware reads), else Dutch."""
    own = getattr(request, OWN_LANGUAGE, None)
    store = getattr(request, "session", None) if session and not own else None
    chosen = (
        own
        or (store.get(PORTAL_LANGUAGE) if store is not None else None)
        or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    )
    available = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in available else settings.LANGUAGE_CODE
