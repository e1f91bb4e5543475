"""Second factor required everywhere; sessions end when idle or too old (SECURITY.md 1, 3).

Idle time is exact: never early, at most `write_resolution()` (5 s by default) late. The session
records when it was last seen (SEEN_AT), but writes that at most once per resolution, so a burst
of requests costs one database write. The real last activity therefore lies between SEEN_AT and
SEEN_AT + resolution, and the session ends at SEEN_AT + idle + resolution: never before the idle
time has passed since the last request, at most `resolution` after it.

A form posted after the session ended is not lost: its fields are kept for this user and page
(krachtbron/lib/kept_forms.py), the sign-in page gets that page as `next`, and after signing in
again the page shows the form filled in. Also when another tab noticed the end first: the
signed-out session remembers whose it was (EXPIRED) for as long as a kept form lasts, so a form
posted later from the first tab is still kept for that user. The warning's two endpoints report
an ended session without ending it, so only a real request does.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from krachtbron.accounts import otp
from krachtbron.lib import kept_forms
from krachtbron.lib.context_processors import SESSION_DEADLINE as DEADLINE
from krachtbron.lib.session_kinds import stored_time

AUTH_AT = "kb_auth_at"
SEEN_AT = "kb_seen_at"
NEXT = "kb_next"  # where to go once the second step is done
RESTORE = "kb_restore"  # the page whose kept form is given back on its next GET
EXPIRED = "kb_expired"  # in the signed-out session: whose session ended, and when


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
        if user.is_authenticated and not otp.is_verified(user):
            return redirect("accounts:verify")
        return None


def write_resolution() -> timedelta:
    """SEEN_AT is written at most this often; it is also how late an idle session may end."""
    return min(settings.SESSION_SEEN_RESOLUTION, settings.SESSION_IDLE_TIMEOUT / 12)


def session_deadline(session: Any) -> tuple[datetime, bool] | None:
    """When this session ends, and whether that is the absolute lifetime (no extension helps).

    None for a session without a clock (it ends at once).
    """
    auth_at, seen_at = stored_time(session.get(AUTH_AT)), stored_time(session.get(SEEN_AT))
    if auth_at is None or seen_at is None:
        return None
    idle_end = seen_at + settings.SESSION_IDLE_TIMEOUT + write_resolution()
    absolute_end = auth_at + settings.SESSION_ABSOLUTE_TIMEOUT
    return min(idle_end, absolute_end), absolute_end <= idle_end


def mark_seen(session: Any, now: datetime) -> None:
    session[SEEN_AT] = now.isoformat()


@cache
def _probe_path() -> str:
    return reverse("accounts:session_status")


@cache
def _extend_path() -> str:
    return reverse("accounts:session_extend")


def _asks_for_json(request: HttpRequest) -> bool:
    """The warning's script asking how long is left, or asking to stay."""
    if request.path == _probe_path():
        return True
    return request.path == _extend_path() and "application/json" in request.headers.get(
        "Accept", ""
    )


class SessionTimeoutMiddleware:
    """End a staff session after idle time or absolute lifetime, server-side; keep what a late
    POST carried; give it back after signing in again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        restoring = False
        if request.user.is_authenticated:
            now = timezone.now()
            ends = session_deadline(request.session)
            if ends is None or now > ends[0]:
                if _asks_for_json(request):  # report it; the next real request ends it
                    return JsonResponse({"expires_in": 0, "absolute": bool(ends and ends[1])})
                return self._expired(request)
            seen_at = stored_time(request.session.get(SEEN_AT))
            # Asking how long is left (the warning's script) is not activity.
            probing = request.path == _probe_path()
            if not probing and seen_at and now - seen_at > write_resolution():
                mark_seen(request.session, now)
                ends = session_deadline(request.session)
            if otp.is_verified(request.user):
                setattr(request, DEADLINE, ends)
            restoring = self._restore(request)
        elif (
            request.method == "POST"
            and (user_id := _signed_out_user(request))
            and _signed_in_page(request)
        ):
            return self._signed_out_post(request, user_id)
        response = self.get_response(request)
        if restoring and response.status_code == 405:
            # The form had posted to a button's URL (no page of its own): go home instead,
            # without the message that promised the form back.
            list(messages.get_messages(request))
            return redirect(settings.LOGIN_REDIRECT_URL)
        return response

    def _restore(self, request: HttpRequest) -> bool:
        if request.method != "GET" or request.session.get(RESTORE) != request.path:
            return False
        del request.session[RESTORE]
        data = kept_forms.take(request.user.pk or 0, request.path)
        if data is None:
            return False
        kept_forms.give_back(request, data)
        messages.info(
            request,
            _("Je was uitgelogd. Wat je had ingevuld staat er weer; controleer het en sla op."),
        )
        return True

    def _expired(self, request: HttpRequest) -> HttpResponse:
        user_id = request.user.pk or 0
        next_url, kept = None, False
        if request.method == "POST":
            next_url, kept = _keep_post(request, user_id)
        elif request.path != _probe_path() and _signed_in_page(request):
            next_url = request.get_full_path()
        logout(request)  # flushes the session in the database too
        request.session[EXPIRED] = {"user": user_id, "at": timezone.now().isoformat()}
        return _to_sign_in(request, next_url, kept)

    def _signed_out_post(self, request: HttpRequest, user_id: int) -> HttpResponse:
        """A form posted from another tab after the session had already ended there."""
        next_url, kept = _keep_post(request, user_id)
        return _to_sign_in(request, next_url, kept)


def _to_sign_in(request: HttpRequest, next_url: str | None, kept: bool) -> HttpResponse:
    if kept:
        messages.info(
            request,
            _("Je sessie is verlopen. Log opnieuw in: daarna staat wat je had ingevuld er weer."),
        )
    else:
        messages.info(request, _("Je sessie is verlopen. Log opnieuw in."))
    login_url = reverse(settings.LOGIN_URL)
    if next_url:
        login_url += "?" + urlencode({"next": next_url})
    return redirect(login_url)


def _signed_out_user(request: HttpRequest) -> int | None:
    """Whose session ended in this browser in the last minutes (for keeping a late form)."""
    marker = request.session.get(EXPIRED)
    if not isinstance(marker, dict):
        return None
    at = stored_time(marker.get("at"))
    user_id = marker.get("user")
    if at is None or not isinstance(user_id, int) or timezone.now() - at > kept_forms.KEPT_FOR:
        return None
    return user_id


def _keep_post(request: HttpRequest, user_id: int) -> tuple[str | None, bool]:
    """Keep the fields of a POST that arrived after the session ended; return the page to come
    back to and whether anything was kept. Only forms of signed-in pages, only posts that come
    from Krachtbron itself (CSRF token, or a same-origin Origin when the token went stale)."""
    if not _signed_in_page(request):
        return None, False
    came_from = _own_page(request.META.get("HTTP_REFERER", ""), request)
    if came_from is not None and urlsplit(came_from).path != request.path:
        return came_from, False  # a button on another page: back to that page
    if not _from_our_pages(request):
        return request.path, False
    try:
        kept = kept_forms.keep(user_id, request.path, request.POST)
    except (RequestDataTooBig, TooManyFieldsSent):
        return request.path, False
    return request.path, kept


def _signed_in_page(request: HttpRequest) -> bool:
    """Is this a page for signed-in staff (not public, not a sign-in step)?"""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return False
    return getattr(view, "login_required", True) and not getattr(view, "otp_exempt", False)


def _own_page(url: str, request: HttpRequest) -> str | None:
    """The path (and query) of `url` when it is a page of this site, else None."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.netloc and (parts.scheme, parts.netloc) != (request.scheme, request.get_host()):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _from_our_pages(request: HttpRequest) -> bool:
    """Django's CSRF check; when the token is stale (the user signed in again in another tab,
    which rotates it), a same-origin Origin header still proves the form was ours."""
    csrf = CsrfViewMiddleware(lambda _request: HttpResponse())
    if csrf.process_view(request, None, (), {}) is None:  # type: ignore[arg-type]
        return True
    origin = request.META.get("HTTP_ORIGIN", "")
    return bool(origin) and origin == f"{request.scheme}://{request.get_host()}"


def start_session_clock(request: HttpRequest) -> None:
    now = timezone.now().isoformat()
    request.session[AUTH_AT] = now
    request.session[SEEN_AT] = now
