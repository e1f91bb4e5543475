"""Security headers for every response, family pages, and the chosen language (SECURITY.md 5, 16).

The first two are the outermost middleware: Django turns an exception in any inner layer into a
response (an error page) before it gets here, so error pages carry the headers too.
"""

from collections.abc import Callable
from contextlib import suppress

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

from krachtbron.lib import family_language
from krachtbron.lib.errors import error_response
from krachtbron.lib.family_text import is_family_path, page_language
from krachtbron.lib.headers import FAMILY_REFERRER_POLICY, NO_STORE, SECURITY_HEADERS
from krachtbron.lib.session_kinds import PORTAL_LANGUAGE


class SecurityHeadersMiddleware:
    """The headers of krachtbron/lib/headers.py on every response; a Dutch page for a bare 405."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            # Django's require_http_methods answers with an empty body: give it our page.
            page = error_response(405, request=request)
            page["Allow"] = response["Allow"]
            response = page
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        if not request.path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = NO_STORE
        return response


class FamilyPagesMiddleware:
    """Family pages send ``Referrer-Policy: no-referrer`` (SECURITY.md 5), their errors included.

    One mechanism keyed on the family URL prefixes, so a new family route needs no code of its
    own. With that policy a browser hides the origin of a form post too ("Origin: null"), which
    Django's CSRF check refuses. A browser that sends Fetch Metadata still says the post comes
    from our own pages (``Sec-Fetch-Site: same-origin``, a header no page can set): then, and for
    a browser too old to send it, the request's own origin stands in for "null", and the CSRF
    token is checked as for every other post. A cross-site post (``Sec-Fetch-Site:
    cross-site``/``same-site``) keeps "null" and is refused.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        family = is_family_path(request.path_info)
        if (
            family
            and request.META.get("HTTP_ORIGIN") == "null"
            and request.META.get("HTTP_SEC_FETCH_SITE", "same-origin") == "same-origin"
        ):
            # A foreign host keeps "null": CommonMiddleware answers it with a 400 anyway.
            with suppress(DisallowedHost):
                request.META["HTTP_ORIGIN"] = f"{request.scheme}://{request.get_host()}"
        response = self.get_response(request)
        if family:
            response["Referrer-Policy"] = FAMILY_REFERRER_POLICY
        return response


class ChosenLanguageMiddleware:
    """Dutch unless the user chose another language: the browser's language is not a choice.

    Many professionals here run an English browser but work in Dutch; only the language switch
    (Django's set_language view, which sets the cookie) changes the interface language. On a
    family page a Mijn Krachtbron member's own language (kept in the session,
    ``session_kinds.PORTAL_LANGUAGE``) wins over the cookie; staff pages never read it, and it
    never writes the cookie, so a staff user and a member in the same browser do not change each
    other's language. Runs after the session middleware, so it can read the session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils import translation

        family = is_family_path(request.path_info)
        # Family pages speak every language of settings.LANGUAGES; staff pages only the staff
        # languages (settings.STAFF_LANGUAGES): a cookie set on a family page changes no staff page.
        if family:
            available = {code for code, _name in settings.LANGUAGES}
        else:
            available = set(settings.STAFF_LANGUAGES)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        session = getattr(request, "session", None)
        if session is not None and family:
            # The family page's switch first (lib.family_language), then the member's own.
            chosen = family_language.chosen(request) or session.get(PORTAL_LANGUAGE) or chosen
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        if family:
            language = page_language(request, language)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # A page may have switched for the rest of its request (a link's member: portal.language).
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
