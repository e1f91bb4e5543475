"""Session expiry never loses what someone typed (issue 12, section 2).

When a form is posted after the session ran out, the middleware (accounts/middleware.py) keeps
the posted fields here before it signs the user out: encrypted (Fernet, a key derived from
SECRET_KEY), in the database only (never in the URL or a cookie), for that user and that page,
for `KEPT_FOR`. Files are never kept (they are not in request.POST), nor passwords, tokens or the
stale CSRF token. After signing in again (password and TOTP) the user is sent back to that page;
on that one GET the fields are given to the view as its form data, so the form shows again
filled in, with a fresh CSRF token: nothing is saved until the user presses save. The row is
deleted when it is given back, and every row is deleted once expired.
"""

import base64
import json
from datetime import timedelta
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from django.db import transaction
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.crypto import salted_hmac

from krachtbron.lib.models import KeptForm

KEPT_FOR = timedelta(minutes=15)
# Never kept: the stale CSRF token (the restored page gets a fresh one) and secrets.
_NEVER_KEPT = ("csrfmiddlewaretoken",)
_SECRET_PARTS = ("password", "token", "secret")
RESTORED = "_kb_restored"


def _fernet() -> Fernet:
    key = salted_hmac("krachtbron.lib.kept_forms", "fernet", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _keepable(name: str) -> bool:
    lowered = name.lower()
    return name not in _NEVER_KEPT and not any(part in lowered for part in _SECRET_PARTS)


def keep(user_id: int, path: str, post: QueryDict) -> bool:
    """Keep the posted fields of `path` for this user (replacing an earlier kept form of that
    page). Returns False when there was nothing worth keeping."""
    fields = [[name, post.getlist(name)] for name in post if _keepable(name)]
    if not fields:
        return False
    now = timezone.now()
    token = _fernet().encrypt(json.dumps(fields).encode())
    with transaction.atomic():
        KeptForm.objects.filter(expires_at__lte=now).delete()
        KeptForm.objects.filter(user_id=user_id, path=path).delete()
        KeptForm.objects.create(
            user_id=user_id, path=path[:255], data=token, created_at=now, expires_at=now + KEPT_FOR
        )
    return True


def seal(post: QueryDict) -> str | None:
    """The fields of ``post`` worth keeping (as ``keep`` chooses them), encrypted, for a store
    of its own (Mijn Krachtbron keeps a member's in their browser's fresh session); None when
    there is nothing worth keeping. ``unseal`` reads it back within ``KEPT_FOR``."""
    fields = [[name, post.getlist(name)] for name in post if _keepable(name)]
    if not fields:
        return None
    return _fernet().encrypt(json.dumps(fields).encode()).decode("ascii")


def unseal(token: str) -> QueryDict | None:
    """The fields ``seal`` kept, or None when the token is older than ``KEPT_FOR`` or
    unreadable (a change of SECRET_KEY)."""
    try:
        fields = json.loads(
            _fernet().decrypt(token.encode("ascii"), ttl=int(KEPT_FOR.total_seconds()))
        )
    except (InvalidToken, ValueError, UnicodeEncodeError):
        return None
    return _as_query_dict(fields)


def waiting(user_id: int, path: str) -> bool:
    """Is there an unexpired kept form of this user for this page?"""
    return KeptForm.objects.filter(
        user_id=user_id, path=path, expires_at__gt=timezone.now()
    ).exists()


def take(user_id: int, path: str) -> QueryDict | None:
    """The kept fields of this user's page, deleted as they are handed out; None if none (or
    expired, or unreadable after a change of SECRET_KEY)."""
    with transaction.atomic():
        row = KeptForm.objects.select_for_update().filter(user_id=user_id, path=path).first()
        if row is None:
            return None
        row.delete()
    if row.expires_at <= timezone.now():
        return None
    try:
        ttl = int(KEPT_FOR.total_seconds())  # the token itself expires too
        fields = json.loads(_fernet().decrypt(bytes(row.data), ttl=ttl))
    except (InvalidToken, ValueError):
        return None
    return _as_query_dict(fields)


def _as_query_dict(fields: Any) -> QueryDict:
    """``[[name, [value, ...]], ...]`` as form data."""
    data = QueryDict(mutable=True)
    for name, values in fields:
        data.setlist(str(name), [str(value) for value in values])
    data._mutable = False
    return data


def give_back(request: HttpRequest, data: QueryDict) -> None:
    """Hand the kept fields to the view of this GET as its form data (never as a POST: the
    request stays a GET, so the view shows the form and saves nothing)."""
    request.POST = data  # type: ignore[assignment]
    setattr(request, RESTORED, True)


def form_data(request: HttpRequest) -> QueryDict | None:
    """What a form binds to: the POST, or on the page after signing in again the kept input.

    For views that bind an empty POST too (to show "answer at least one question"); views that
    bind with ``request.POST or None`` get the kept input without it.
    """
    if request.method == "POST" or getattr(request, RESTORED, False):
        return request.POST
    return None


def forget_expired() -> int:
    """Delete every expired kept form; returns how many. Done on every keep, every sign-in and
    in the daily round (``sending.tasks.daily_upkeep``), so the input of a user who never
    signs in again is gone within a day of expiring."""
    deleted, _details = KeptForm.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
