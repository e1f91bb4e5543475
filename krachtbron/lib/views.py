"""Friendly error pages (Dutch first) that never show a stack trace, and the health checks.

The error views render through krachtbron/lib/errors.py: no database, session or user is needed,
so they work when the database is down, which is when the 500 page is most needed.
"""

import logging
from datetime import date

from django.contrib.auth.decorators import login_not_required
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from krachtbron.lib.errors import CSRF_TEMPLATE, error_response

logger = logging.getLogger(__name__)

# A short bound for the database check, so a stuck database gives a 503, not a hanging probe.
HEALTH_STATEMENT_TIMEOUT_MS = 2000


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_response(403, CSRF_TEMPLATE, request)


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(400, request=request)


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(403, request=request)


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(404, request=request)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    return error_response(500, request=request)


def check_database() -> None:
    """Raise when the database cannot be reached or has no schema; one cheap read otherwise."""
    query = "SELECT 1 FROM django_migrations LIMIT 1"
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {HEALTH_STATEMENT_TIMEOUT_MS}")  # noqa: S608
            cursor.execute(query)
    else:
        # SQLite: no transaction (ours begin IMMEDIATE and would wait for a writer).
        with connection.cursor() as cursor:
            cursor.execute(query)


@login_not_required
@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """Readiness: 200 when Krachtbron can serve pages, 503 when its database is unreachable."""
    try:
        check_database()
    except Exception as error:
        # Only the kind of error: a driver's message may name hosts or users.
        logger.warning("Health check: database unreachable (%s)", type(error).__name__)
        return JsonResponse({"status": "fout", "database": "onbereikbaar"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_not_required
@require_safe
def live(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers (no database), for a supervisor that restarts it."""
    return HttpResponse("ok", content_type="text/plain")


#: The day the accessibility statement was last checked and written (docs/toegankelijkheid.md).
ACCESSIBILITY_STATEMENT_DATE = date(2026, 12, 1)


@login_not_required
@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (toegankelijkheidsverklaring), in the order of the Dutch
    government's model: for everyone, signed in or not, linked from every page's footer."""
    return render(
        request, "toegankelijkheid.html", {"statement_date": ACCESSIBILITY_STATEMENT_DATE}
    )
