"""A URLconf for the tests of the error pages (``lib/tests/test_error_pages.py``,
``test_error_banner.py``): views that raise, for the 500, 403 and 400 pages, at a staff address
(``/kapot/``) and at a family address (``/mijn/kapot/``, where a concept language shows its
banner), before the project's own URLs; with the project's error handlers. Use it with
``override_settings(ROOT_URLCONF=ERROR_URLS)``."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import URLPattern, include, path

from krachtbron.testing.queries import assert_constant_queries
from krachtbron.urls import handler400, handler403, handler404, handler500  # noqa: F401

ERROR_URLS = __name__


@login_not_required
def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("kapot")


@login_not_required
def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


@login_not_required
def _suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("vreemd")


def _raising(prefix: str) -> list[URLPattern]:
    return [
        path(f"{prefix}kapot/", _boom),  # 500
        path(f"{prefix}verboden/", _forbidden),  # 403
        path(f"{prefix}vreemd/", _suspicious),  # 400
    ]


urlpatterns = [*_raising(""), *_raising("mijn/"), path("", include("krachtbron.urls"))]


def answer_without_queries(client: Client, method: str, url: str) -> Any:
    """``client``'s answer to ``method`` ("get", "post") of ``url``; fails when answering it
    made a single query (an error page must work when the database does not)."""
    answered: list[Any] = []
    send: Callable[[str], Any] = getattr(client, method)
    assert_constant_queries(lambda: answered.append(send(url)), exactly=0)
    return answered[0]
