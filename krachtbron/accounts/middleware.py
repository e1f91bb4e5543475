"""Second factor required everywhere; sessions end when idle or too old (SECURITY.md 1, 3)."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

AUTH_AT = "kb_auth_at"
SEEN_AT = "kb_seen_at"
# Writing the session on every request costs a database write; a minute of slack is harmless.
SEEN_RESOLUTION_SECONDS = 60


def otp_exempt(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view that a signed-in user may open before the second factor (the TOTP pages)."""
    view.otp_exempt = True  # type: ignore[attr-defined]
    return view


class VerifiedRequiredMiddleware:
    """Deny by default: a password alone reaches no page except the second-factor pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        if not getattr(view_func, "login_required", True):
            return None  # public view
        if getattr(view_func, "otp_exempt", False):
            return None
        user = request.user
        if user.is_authenticated and not user.is_verified():  # type: ignore[attr-defined]
            return redirect("accounts:verify")
        return None


def _parse(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


class SessionTimeoutMiddleware:
    """End a staff session after idle time or absolute lifetime, server-side."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now()
            auth_at = _parse(request.session.get(AUTH_AT))
            seen_at = _parse(request.session.get(SEEN_AT))
            expired = (
                auth_at is None
                or seen_at is None
                or now - auth_at > settings.SESSION_ABSOLUTE_TIMEOUT
                or now - seen_at > settings.SESSION_IDLE_TIMEOUT
            )
            if expired:
                logout(request)  # flushes the session in the database too
                messages.info(request, _("Je sessie is verlopen. Log opnieuw in."))
                return redirect(settings.LOGIN_URL)
            if seen_at and (now - seen_at).total_seconds() > SEEN_RESOLUTION_SECONDS:
                request.session[SEEN_AT] = now.isoformat()
        return self.get_response(request)


def start_session_clock(request: HttpRequest) -> None:
    now = timezone.now().isoformat()
    request.session[AUTH_AT] = now
    request.session[SEEN_AT] = now
