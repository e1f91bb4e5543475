"""Krachtbron's own error pages: Dutch first, and rendered without the database.

An error page is shown exactly when something may be broken, the database included, so it needs
no database, no session and no user: its template gets no request and so runs no context
processor, and ``base.html`` shows the user menu, the main menu, messages and the language form
only when they are there. The concept banner of a family page in a concept language is the one
thing taken from the request (path, query string, cookie: ``lib.concept_banner``), the 500 page
included: that reads no database and cannot fail. The same pages serve the HTTP servers in front
of Django (``server_error_bytes``: the gunicorn worker and runserver), so that an over-long URL
or a malformed request gets Krachtbron's page with its security headers, not the server's raw
English.
"""

import logging

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from krachtbron.lib.concept_banner import concept_translation
from krachtbron.lib.headers import FAMILY_REFERRER_POLICY, NO_STORE, SECURITY_HEADERS

logger = logging.getLogger(__name__)

TEMPLATES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    405: "errors/405.html",
    413: "errors/413.html",
    414: "errors/414.html",
    500: "errors/500.html",
}
CSRF_TEMPLATE = "errors/csrf.html"
REASONS = {
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Content Too Large",
    414: "URI Too Long",
    417: "Expectation Failed",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
    501: "Not Implemented",
    505: "HTTP Version Not Supported",
}
# Last resort when even a template cannot be rendered: the page must still be Dutch and plain.
FALLBACK_HTML = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Er ging iets mis · Krachtbron</title></head><body><main>"
    "<h1>Er ging iets mis bij ons</h1>"
    "<p>Het is niet jouw fout. Probeer het over een paar minuten opnieuw.</p>"
    "</main></body></html>"
)


def template_for(status: int) -> str:
    """The page for a status. Other refusals of what the client sent (431, 501, 505, …) share
    the 400 page; other server errors the 500 page."""
    if status in TEMPLATES:
        return TEMPLATES[status]
    return TEMPLATES[500] if status >= 500 and status not in (501, 505) else TEMPLATES[400]


def page_html(template: str, request: HttpRequest | None = None) -> str:
    """The rendered page; never raises (the plain fallback page when rendering fails). Given
    the ``request``, a family page in a concept language gets the concept banner
    (``lib.concept_banner``, which reads no session and never raises); the template still gets
    no request, so no context processor runs."""
    context: dict[str, object] = {"error_page": True}
    if request is not None:
        context["concept_translation"] = concept_translation(request, error_page=True)
    try:
        return render_to_string(template, context)
    except Exception:
        logger.exception("Error page %s could not be rendered", template)
        return FALLBACK_HTML


def error_response(
    status: int, template: str | None = None, request: HttpRequest | None = None
) -> HttpResponse:
    """An HttpResponse with Krachtbron's page for ``status`` (in the active language); with the
    concept banner on a family page when ``request`` is given."""
    return HttpResponse(page_html(template or template_for(status), request), status=status)


def server_error_bytes(status: int) -> bytes:
    """A whole HTTP/1.1 response for a server in front of Django; the connection then closes.

    Always Dutch (the request was not understood, so neither was a language choice). The
    headers are the ones every Krachtbron page carries, plus no-referrer: the path (perhaps a
    family link) is unknown here.
    """
    with translation.override("nl"):
        body = page_html(template_for(status)).encode("utf-8")
    headers = {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Length": str(len(body)),
        "Content-Language": "nl",
        "Connection": "close",
        **SECURITY_HEADERS,
        "Cache-Control": NO_STORE,
        "Referrer-Policy": FAMILY_REFERRER_POLICY,
    }
    head = f"HTTP/1.1 {status} {REASONS.get(status, 'Error')}\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in headers.items()
    )
    return head.encode("latin-1") + b"\r\n" + body
