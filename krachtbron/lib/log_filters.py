"""No link token in a log line (SECURITY.md 4, 5; "no personal data in URLs/logs").

Django writes a request's path into the log in a few places of its own: a refused CSRF check
(``django.security.csrf``: "Forbidden (CSRF cookie not set.): /mijn/l/<token>"), a server
error (``django.request``: "Internal Server Error: <path>") and the development server's request
line (``django.server``). The path of a personal link holds its token, and a refused post does
not use the link up: whoever reads the log could open the family's portal, questionnaire or
share with it. ``NoLinkTokens`` sits on every handler of ``settings.LOGGING`` and puts
``[token]`` in the place of the token of every path in a record's message and arguments.

Which paths hold a token is read from the URL configuration: every route with a URL argument
named ``token`` (the family's links, the share link, the check-in link, "geen berichten meer",
a staff account's activation), so a new link route is covered without a change here.
"""

import logging
import re
from typing import Any

from django.apps import apps
from django.urls import Resolver404, get_script_prefix, resolve

REDACTED = "[token]"
#: Where a path starts in a log line: a slash after the start, a space, a quote or a colon.
_PATH = re.compile(r"(?:^|(?<=[\s\"':(]))/[^\s\"'?#]*")


def _without_token(path: str) -> str:
    """``path`` with the token of a link route replaced by ``REDACTED``; other paths as given."""
    if not apps.ready:  # no request is logged before the URL configuration can load
        return path
    prefix = get_script_prefix()
    inner = "/" + path[len(prefix) :] if prefix != "/" and path.startswith(prefix) else path
    try:
        match = resolve(inner)
    except (Resolver404, ValueError):
        return path
    token = match.kwargs.get("token")
    if not token:
        return path
    return path.replace(str(token), REDACTED)


def redact(text: str) -> str:
    """``text`` (a log message or one of its arguments) with every link path's token hidden."""
    if "/" not in text:
        return text
    return _PATH.sub(lambda found: _without_token(found.group(0)), text)


def _redacted(value: Any) -> Any:
    return redact(value) if isinstance(value, str) else value


class NoLinkTokens(logging.Filter):
    """Hides link tokens in a record's message and arguments; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redacted(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _redacted(value) for key, value in record.args.items()}
        return True
