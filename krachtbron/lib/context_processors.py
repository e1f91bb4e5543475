from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone, translation

from krachtbron.lib.family_text import (
    ORIGINAL_LANGUAGE,
    ORIGINAL_PARAMETER,
    OWN_LANGUAGE,
    is_reviewed,
    original_requested,
)
from krachtbron.lib.middleware import is_family_path
from krachtbron.lib.navigation import member_nav_for, nav_for
from krachtbron.lib.session_kinds import PORTAL_LANGUAGE

# Set on the request by accounts' SessionTimeoutMiddleware: (when the session ends, whether that
# is its absolute lifetime). Read here for the warning before it ends.
SESSION_DEADLINE = "kb_session_deadline"


def krachtbron(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "main_nav": nav_for(user, request.path) or member_nav_for(request),
        "session_notice": _session_notice(request),
        "language_choices": _language_choices(request),
        "concept_translation": _concept_translation(request),
    }


def _language_choices(request: HttpRequest) -> list[str]:
    """The codes the footer's language switch offers: every family language on a family page,
    the staff languages (settings.STAFF_LANGUAGES) elsewhere."""
    if is_family_path(request.path_info):
        return [code for code, _name in settings.LANGUAGES]
    return list(settings.STAFF_LANGUAGES)


def _concept_translation(request: HttpRequest) -> dict[str, str] | None:
    """On a family page in a language no translator has reviewed yet (lib/family_text.py): the
    URL of this page in Dutch (``original_url``). On a page shown in Dutch by that link: the URL
    back to the page in the member's own language (``back_url``) and that language's code
    (``back_language``). None otherwise. Evaluated when the template renders, so it sees the
    language the view chose."""
    if not is_family_path(request.path_info) or request.method not in ("GET", "HEAD"):
        return None
    query = request.GET.copy()
    if original_requested(request):
        query.pop(ORIGINAL_PARAMETER, None)
        own = _own_language(request)
        if own == ORIGINAL_LANGUAGE:
            return None
        url = request.path + (f"?{query.urlencode()}" if query else "")
        return {"back_url": url, "back_language": own}
    if is_reviewed(translation.get_language() or settings.LANGUAGE_CODE):
        return None
    query[ORIGINAL_PARAMETER] = ORIGINAL_LANGUAGE
    return {"original_url": f"{request.path}?{query.urlencode()}"}


def _own_language(request: HttpRequest) -> str:
    """The language this family page would show without ``?taal=nl``: the member session's, else
    the language cookie's (what ChosenLanguageMiddleware reads), else Dutch."""
    own = getattr(request, OWN_LANGUAGE, None)
    session = getattr(request, "session", None)
    chosen = (
        own
        or (session.get(PORTAL_LANGUAGE) if session is not None else None)
        or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    )
    available = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in available else settings.LANGUAGE_CODE


def _session_notice(request: HttpRequest) -> dict[str, int] | None:
    """Seconds until this staff session ends, and how long before that to warn."""
    ends = getattr(request, SESSION_DEADLINE, None)
    if ends is None:
        return None
    idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
    return {
        "expires_in": max(0, int((ends[0] - timezone.now()).total_seconds())),
        "warn": int(min(settings.SESSION_WARNING_SECONDS, idle / 2)),
    }
