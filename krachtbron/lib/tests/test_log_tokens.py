"""No link token in the log (SECURITY.md 4, 5; "no personal data in URLs/logs").

A post to a family's link without its CSRF cookie (a browser that blocks cookies, a form left
open) made Django log "Forbidden (CSRF cookie not set.): /mijn/l/<token>": the link was still
unused, so whoever read the log could open the family's portal with it. The kind: every log
line Django writes with a request's path (a refused CSRF check, a server error, the development
server's request line), for every route whose path holds a token (krachtbron/lib/log_filters.py).
Each test reads what the configured handlers write, as they write it.
"""

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.http import HttpResponseServerError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.log import log_response

from krachtbron.lib.log_filters import REDACTED
from krachtbron.testing.matrix import declared_routes

pytestmark = pytest.mark.django_db


def _configured_handlers() -> list[logging.StreamHandler]:  # type: ignore[type-arg]
    """The stream handlers of settings.LOGGING (root and the development server's), not
    pytest's own."""
    found = []
    for logger in (logging.getLogger(), logging.getLogger("django.server")):
        for handler in logger.handlers:
            if isinstance(handler, logging.StreamHandler) and not type(
                handler
            ).__module__.startswith("_pytest"):
                found.append(handler)
    assert found, "settings.LOGGING has no stream handler"
    return found


@contextmanager
def written() -> Iterator[io.StringIO]:
    """What the configured handlers write while the block runs."""
    buffer = io.StringIO()
    handlers = _configured_handlers()
    streams = [handler.setStream(buffer) for handler in handlers]
    try:
        yield buffer
    finally:
        for handler, stream in zip(handlers, streams, strict=True):
            handler.setStream(stream)  # type: ignore[arg-type]


def _token_routes(org) -> list[tuple[str, str, str]]:
    """(route name, URL, token) for every declared route whose URL holds a token."""
    found = []
    for route in declared_routes():
        kwargs = route.kwargs(org) if route.kwargs else {}
        if kwargs.get("token"):
            found.append((route.url_name, reverse(route.url_name, kwargs=kwargs), kwargs["token"]))
    return found


def test_every_link_route_is_checked(org):
    names = {name for name, _url, _token in _token_routes(org)}
    assert names >= {
        "portal:open",
        "questionnaires:open",
        "networkplan:open_share",
        "aftercare:checkin_link",
        "sending:stop",
        "accounts:activate",
    }


def test_a_refused_csrf_check_on_a_link_logs_the_path_without_its_token(org):
    client = Client(enforce_csrf_checks=True)
    leaked = []
    for name, url, token in _token_routes(org):
        with written() as log:
            response = client.post(url)
        assert response.status_code == 403, name
        text = log.getvalue()
        assert "CSRF" in text, f"{name}: the refusal was not logged"
        if token in text:
            leaked.append(f"{name}: {text.strip()}")
        assert url.replace(token, REDACTED) in text, text
    assert not leaked


def test_a_server_error_on_a_link_logs_the_path_without_its_token(org):
    """As Django's handler logs an exception in a view (django.core.handlers.exception)."""
    for name, url, token in _token_routes(org):
        request = RequestFactory().get(url)
        with written() as log:
            log_response(
                "%s: %s",
                "Internal Server Error",
                request.path,
                response=HttpResponseServerError(),
                request=request,
            )
        text = log.getvalue()
        assert token not in text, f"{name}: {text}"
        assert url.replace(token, REDACTED) in text, text


def test_the_development_servers_request_line_holds_no_token(org):
    """As django.core.servers.basehttp.WSGIRequestHandler.log_message writes a request."""
    for name, url, token in _token_routes(org):
        with written() as log:
            logging.getLogger("django.server").info(
                '"%s" %s %s', f"GET {url} HTTP/1.1", "200", "1914", extra={"server_time": "now"}
            )
        text = log.getvalue()
        assert token not in text, f"{name}: {text}"
        assert f"GET {url.replace(token, REDACTED)} HTTP/1.1" in text, text


def test_other_paths_are_logged_as_they_are():
    from krachtbron.lib.log_filters import redact

    assert redact("Forbidden (x): /gezinnen/12/") == "Forbidden (x): /gezinnen/12/"
    line = "cannot read /var/lib/krachtbron/heads"
    assert redact(line) == line
