"""Create forms create once: a double click, a reload or two tabs never make two rows.

Every form that creates a row carries a one-time key in a hidden field (``{% form_key %}``)
and its view is wrapped in ``@create_once``. The first POST with a key claims it: a
``FormSubmission`` row (unique per user and key) written in the same transaction as whatever the
view creates, together with where the view led (its redirect, or ``record_result``). A second
POST with the same key either waits for the first (the unique key is locked until the first
commits, on PostgreSQL and SQLite alike) or comes later; both find the claim and get a redirect to
the same place, and nothing is created twice. A POST that does not succeed (the form shows
errors) gives its key back, so the corrected form can be sent with it.

A POST without a key is handled as before (only a hand-made request lacks it); a test walks every
create form and checks its page carries a key (krachtbron/testing/test_create_forms.py).

Who sent it: a signed-in staff user, or a family member signed in to Mijn Krachtbron (the
portal's gate sets ``request.member``; put ``@create_once`` below ``@member_required``). A key
is claimed per sender, so two people never share one.
"""

import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any, TypeVar, cast, overload

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseRedirectBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from krachtbron.lib.models import FormSubmission

FIELD = "form_key"
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
KEPT_FOR = timedelta(days=1)
_RESULT = "_kb_form_result"

View = Callable[..., HttpResponse]
V = TypeVar("V", bound=View)


def new_key() -> str:
    """A fresh key: 144 random bits, URL-safe."""
    return secrets.token_urlsafe(18)


def key_for(request: HttpRequest) -> str:
    """The key to render in the form: the posted one when the form comes back with errors (so a
    double click on the corrected form still counts once), else a new one."""
    posted = request.POST.get(FIELD, "")
    return posted if KEY_PATTERN.match(posted) else new_key()


def keys_for_forms(
    request: HttpRequest, names: tuple[str, ...], posted: str = ""
) -> dict[str, str]:
    """One key per form of a page with several creating forms: ``{"<name>_key": key}``, each
    form its own, so using one form never makes another answer "already done". The form named
    ``posted`` (shown again with its errors) gets its posted key back (``key_for``), the others
    a new one."""
    return {f"{name}_key": key_for(request) if name == posted else new_key() for name in names}


def record_result(request: HttpRequest, url: str) -> None:
    """Say where a successful POST led when the view answers with a page, not a redirect
    (an invitation shows its link once): a repeated POST is sent to `url`."""
    setattr(request, _RESULT, url)


@overload
def create_once(view: V, *, replay_message: str | Promise | None = None) -> V: ...


@overload
def create_once(
    view: None = None, *, replay_message: str | Promise | None = None
) -> Callable[[V], V]: ...


def create_once(
    view: V | None = None, *, replay_message: str | Promise | None = None
) -> V | Callable[[V], V]:
    """Decorate a view whose POST creates something; see the module docstring.

    `replay_message` is shown (with ``messages.info``) when a repeated POST is answered with the
    first one's result; by default "Dit is al opgeslagen."
    """

    def decorate(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            key = request.POST.get(FIELD, "") if request.method == "POST" else ""
            sender = _sender(request)
            if not KEY_PATTERN.match(key) or sender is None:
                return view(request, *args, **kwargs)
            return _run_once(request, sender, key, view, args, kwargs, replay_message)

        wrapper.creates_once = True  # type: ignore[attr-defined]
        return cast(V, wrapper)

    return decorate(view) if view is not None else decorate


def _sender(request: HttpRequest) -> dict[str, int] | None:
    """Whose keys these are: ``{"user": pk}`` for staff, ``{"member_id": pk}`` for a family
    member in Mijn Krachtbron, None for anyone else (their POST is handled as without a key)."""
    if request.user.is_authenticated:
        return {"user": request.user.pk}
    member = getattr(request, "member", None)
    if member is not None and isinstance(member.pk, int):
        return {"member_id": member.pk}
    return None


def _run_once(
    request: HttpRequest,
    sender: dict[str, int],
    key: str,
    view: View,
    args: Any,
    kwargs: Any,
    replay_message: str | Promise | None,
) -> HttpResponse:
    refused: Exception | None = None
    with transaction.atomic():
        claim = _claim(request, sender, key)
        if claim is None:
            earlier = FormSubmission.objects.filter(**sender, key=key).first()
            if earlier is not None:
                messages.info(request, str(replay_message or _("Dit is al opgeslagen.")))
                return redirect(earlier.result_url)
            # Claimed and given back in the meantime: handle it as a fresh POST.
            return view(request, *args, **kwargs)
        try:
            response = view(request, *args, **kwargs)
        except (Http404, PermissionDenied) as error:
            # Commit what the view logged (a refused access is an access-log row), then refuse.
            refused, response = error, None
        result = getattr(request, _RESULT, None)
        if result is None and isinstance(response, HttpResponseRedirectBase):
            result = response.url
        if result:
            _execute(_SET_RESULT, [result[:255], claim])
        else:
            # Not created: the key may be used again for the corrected form.
            _execute(_GIVE_BACK, [claim])
    if refused is not None:
        raise refused
    assert response is not None
    return response


# The claim's three statements are plain SQL: they run inside the view's write transaction on
# every create POST (on SQLite while holding the one write lock), and building them with the
# ORM took longer than running them. A used key is no error but no row (ON CONFLICT DO
# NOTHING, PostgreSQL and SQLite alike): no savepoint to catch an IntegrityError in. On
# PostgreSQL a key that a running transaction inserted still makes this one wait for its end.
_TABLE = FormSubmission._meta.db_table
_INSERT = (
    f'INSERT INTO {_TABLE} (user_id, member_id, "key", path, result_url, created_at) '  # noqa: S608
    "VALUES (%s, %s, %s, %s, '', %s) ON CONFLICT DO NOTHING RETURNING id"
)
_SET_RESULT = f"UPDATE {_TABLE} SET result_url = %s WHERE id = %s"  # noqa: S608
_GIVE_BACK = f"DELETE FROM {_TABLE} WHERE id = %s"  # noqa: S608


def _execute(sql: str, params: list[Any]) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() if "RETURNING" in sql else None


def forget_old_keys(now: datetime | None = None) -> int:
    """Delete claims older than ``KEPT_FOR`` (one day): a double click or a reload comes within
    seconds, and a claim holds no personal data, only the sender's id and our own paths. Run by
    the daily upkeep task (``sending.tasks.daily_upkeep``), not by the POSTs themselves: each
    create POST holds the write lock, and tidying there cost one more statement per POST over a
    sender's ever longer list of keys. Returns how many were deleted."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    deleted, _counts = FormSubmission.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _claim(request: HttpRequest, sender: dict[str, int], key: str) -> int | None:
    """Insert the claim and return its id, or None when this sender already used the key
    (waits for a running first POST with the same key: its uncommitted row holds the unique
    index). Only the id is kept: the result goes in with an UPDATE, a claim given back goes
    with a DELETE, both by id (a model instance was built here for that on every POST)."""
    user_id, member_id = sender.get("user"), sender.get("member_id")
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    inserted = _execute(_INSERT, [user_id, member_id, key, request.path[:255], now])
    if inserted is None:
        return None
    pk: int = inserted[0]
    return pk
