"""One browser session is one thing: a staff sign-in, a family questionnaire, or a family
member in Mijn Krachtbron. Each family page refuses a session of another kind (a staff session
is recognised by Django's own sign-in). The key that marks a Mijn Krachtbron session lives here,
below both apps, so the questionnaire can refuse it without importing the portal.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

#: The session key of a Mijn Krachtbron member (krachtbron/portal/session.py writes it).
PORTAL_MEMBER = "kb_portal_member"

#: In a Mijn Krachtbron session: the id of the member's own questionnaire invitation that they
#: opened from the portal ("Vragenlijsten"). The questionnaire's pages fill in that invitation
#: in the member's session; the portal checks the invitation is the member's before it writes
#: this key (questionnaires/family_session.py ``begin_for_member``).
PORTAL_QUESTIONNAIRE = "kb_portal_questionnaire"

#: In a Mijn Krachtbron session: the member's language (portal/language.py writes it). On family
#: pages it wins over the language cookie (lib.middleware.ChosenLanguageMiddleware), and the
#: cookie, the staff user's choice, is never written from it.
PORTAL_LANGUAGE = "kb_portal_language"


def holds_portal_member(session: Any) -> bool:
    """Does this session belong to a family member of Mijn Krachtbron (signed in, or making a
    passkey)?"""
    return PORTAL_MEMBER in session


_portal_gate: Callable[[Any], bool] | None = None


def register_portal_gate(gate: Callable[[Any], bool]) -> None:
    """The portal registers its session check (``portal.session.current``) here, so that pages
    of other apps a member opens from Mijn Krachtbron (the questionnaire) end with the portal
    session: idle or absolute time out, a revoked passkey, a withdrawn link, a member who may
    no longer have the portal."""
    global _portal_gate
    _portal_gate = gate


def portal_session_holds(request: Any) -> bool:
    """Does this request's Mijn Krachtbron session still hold? Asking counts as activity (as any
    portal page does); a session that no longer holds is ended by the gate, and the next portal
    page says why. False when no gate is registered (the portal app is not installed)."""
    return _portal_gate is not None and _portal_gate(request)


def other_session(request: Any) -> bool:
    """Does this browser hold a staff sign-in or a Mijn Krachtbron session? Then a personal link
    for someone else (a share, a check-in) changes nothing and shows nothing: each session is
    one thing, and a look by a signed-in user is never logged as the link's owner."""
    return bool(request.user.is_authenticated or holds_portal_member(request.session))


_language_of: Callable[[Any], str] | None = None


def register_member_language(language_of: Callable[[Any], str]) -> None:
    """The portal registers how a member's own language is found (``portal.language.language_of``,
    the member's ``MemberLanguage``), so that a link page of a lower app (a check-in by link)
    speaks the member's language without importing the portal."""
    global _language_of
    _language_of = language_of


def member_language(member: Any) -> str:
    """The language code of ``member`` (a ``FamilyMember``): their Mijn Krachtbron choice, else
    ``settings.LANGUAGE_CODE`` (also when the portal is not installed)."""
    from django.conf import settings

    return _language_of(member) if _language_of is not None else settings.LANGUAGE_CODE


def stored_time(value: object) -> datetime | None:
    """A moment a session holds as ISO text (``datetime.isoformat()``), or None when the value is
    missing or not such a text. Both session gates (staff and Mijn Krachtbron) read their
    sign-in and last-seen times with it."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
