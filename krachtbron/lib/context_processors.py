from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from krachtbron.lib.concept_banner import concept_translation
from krachtbron.lib.family_text import is_family_path
from krachtbron.lib.navigation import member_nav_for, nav_for

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
        "concept_translation": concept_translation(request),
    }


def _language_choices(request: HttpRequest) -> list[str]:
    """The codes the footer's language switch offers: every family language on a family page,
    the staff languages (settings.STAFF_LANGUAGES) elsewhere."""
    if is_family_path(request.path_info):
        return [code for code, _name in settings.LANGUAGES]
    return list(settings.STAFF_LANGUAGES)


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
