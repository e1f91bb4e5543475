"""Guesses at personal links are throttled by the project's own lockout: django-axes.

Staff sign-ins count failures per user name and address (settings.AXES_*). Whoever opens a
personal link has no user name, so every failed try counts under the fixed name of the link's
kind (``Kind``), per address: after ``AXES_FAILURE_LIMIT`` failures that address cannot open a
link of that kind for ``AXES_COOLOFF_TIME`` — not even a good one (a guesser cannot tell a hit
from the lockout); another address is not affected, nor are staff sign-ins or links of another
kind from the same address (another name). A link that works resets the count for its kind
(``AXES_RESET_ON_SUCCESS``). A beheerder lifts a lockout with the same commands as for staff
(``axes_reset_username <name>``, logged).

Which tries count: Mijn Krachtbron counts every refused well-formed link (used, expired,
withdrawn, unknown; as before); the others count a well-formed token that matches no link (a
guess), not a real link that has ended. A malformed token never counts and, on the new routes, is
not even checked against a lockout: it never reaches the database (SECURITY.md 7), so its bytes
are never stored with the attempt.

No token is stored: axes keeps the request's path with an attempt, and the path holds the
token, so the path axes sees is the kind's name instead. Each page answers a lockout with its
own B1 "Te vaak geprobeerd" page, not axes' staff page.

A typed code (``Kind.CODE``) is limited per code as well (``code_tried_too_often``): one code
may be typed ``AXES_FAILURE_LIMIT`` times within ``AXES_COOLOFF_TIME``, from whatever addresses,
good or bad; then that code gets "Te vaak geprobeerd" until the window has passed. A code seen
over someone's shoulder or passed around cannot be used over and over from many places.
"""

import hashlib
from enum import StrEnum

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from krachtbron.lib.models import CodeTry


class Kind(StrEnum):
    """The kinds of personal link, by the name their tries count under (no person, no id)."""

    PORTAL = "mijn-krachtbron"  # Mijn Krachtbron: invitation and one-time links
    QUESTIONNAIRE = "vragenlijst"  # the family questionnaire's link
    SHARE = "gedeeld-netwerkplan"  # a network person's link to a shared netwerkplan
    FOLLOW_UP = "nazorg"  # a follow-up check-in's link
    STOP = "geen-berichten"  # the "geen berichten meer" link at the bottom of a message
    CODE = "code"  # a typed code on /code/ (portal.code_views), whatever it opens


#: The name every portal sign-in counts under (kept: docs and commands use it).
PORTAL_USERNAME = Kind.PORTAL.value


def _prepared(request: HttpRequest, kind: Kind) -> dict[str, str]:
    AxesProxyHandler.update_request(request)
    request.axes_path_info = f"/{kind.value}/"  # type: ignore[attr-defined]  # never the token
    return {"username": kind.value}


def is_locked(request: HttpRequest, kind: Kind = Kind.PORTAL) -> bool:
    """True when this address has failed too often lately at links of ``kind``."""
    return bool(AxesProxyHandler.is_locked(request, _prepared(request, kind)))


def failed(request: HttpRequest, kind: Kind = Kind.PORTAL) -> bool:
    """Count one failed try at a link of ``kind``; True when the address is locked now."""
    credentials = _prepared(request, kind)
    AxesProxyHandler.user_login_failed(sender=failed, credentials=credentials, request=request)
    locked = bool(getattr(request, "axes_locked_out", False))
    # The page is ours: keep axes' middleware from replacing it with the staff lockout page.
    request.axes_locked_out = False  # type: ignore[attr-defined]
    return locked


def succeeded(request: HttpRequest, kind: Kind = Kind.PORTAL) -> None:
    """A link of ``kind`` worked: forget this address's failures at that kind."""
    _prepared(request, kind)
    address = getattr(request, "axes_ip_address", None)
    if address:
        AxesProxyHandler.reset_attempts(ip_address=address, username=kind.value)


_CODE_TRY_DOMAIN = b"krachtbron-code-try:"


def code_tried_too_often(code: str) -> bool:
    """Count one try of the typed ``code`` (normalized, ``lib.typed_code.normalized``) from any
    address; True when it has been tried ``AXES_FAILURE_LIMIT`` times within
    ``AXES_COOLOFF_TIME`` (this try then is refused and not counted). Tries older than the
    window are forgotten here, so the table holds one window's tries at most."""
    now = timezone.now()
    since = now - settings.AXES_COOLOFF_TIME
    key = hashlib.sha256(_CODE_TRY_DOMAIN + code.encode()).hexdigest()
    with transaction.atomic():
        CodeTry.objects.filter(tried_at__lt=since).delete()
        if (
            CodeTry.objects.filter(key=key, tried_at__gte=since).count()
            >= settings.AXES_FAILURE_LIMIT
        ):
            return True
        CodeTry.objects.create(key=key, tried_at=now)
    return False
