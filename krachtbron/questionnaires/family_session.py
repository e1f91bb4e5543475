"""The family's session: a token is exchanged once for a session that holds only the invitation.

A family session never carries a staff sign-in: starting one (handing over the device, "samen
invullen", or signing out from the page a link shows in a staff browser) ends the staff session
first, so the family pages cannot lead into a family file, and a staff session that somehow holds
an invitation id is refused.
"""

from django.contrib.auth import logout
from django.http import HttpRequest

from krachtbron.instruments import Instrument, UnknownInstrumentError, get_instrument
from krachtbron.instruments.ids import FAMILIES
from krachtbron.lib.session_kinds import (
    PORTAL_QUESTIONNAIRE,
    holds_portal_member,
    portal_session_holds,
)
from krachtbron.questionnaires.actions import LinkProblem, load_invitation, problem_of
from krachtbron.questionnaires.models import Invitation

SESSION_KEY = "kb_q_invitation"
HANDOVER_KEY = "kb_q_handover"
INSTRUMENT_KEY = "kb_q_instrument"


def begin(request: HttpRequest, invitation: Invitation, *, handover: bool = False) -> None:
    """Start a fresh session (new key) that holds this invitation and nothing else."""
    if request.user.is_authenticated:
        logout(request)  # flushes the staff session server-side and cycles the key
    else:
        request.session.flush()
    request.session[SESSION_KEY] = invitation.pk
    request.session[INSTRUMENT_KEY] = [invitation.instrument_id, invitation.language]
    if handover:
        request.session[HANDOVER_KEY] = True


def begin_for_member(request: HttpRequest, invitation: Invitation) -> None:
    """A signed-in member of Mijn Krachtbron opens their own invitation from the portal: the
    member's session (its key unchanged, the member stays signed in) now also holds this
    invitation, and the questionnaire's pages fill it in. No link or token is needed: the
    caller (the portal) has checked that ``invitation`` is the signed-in member's and open."""
    request.session[PORTAL_QUESTIONNAIRE] = invitation.pk
    request.session[INSTRUMENT_KEY] = [invitation.instrument_id, invitation.language]
    request.session.pop(HANDOVER_KEY, None)


def opened_in_portal(request: HttpRequest) -> bool:
    """Was this session's invitation opened from Mijn Krachtbron (its pages link back)?"""
    return held_invitation(request) is not None and holds_portal_member(request.session)


def instrument(request: HttpRequest) -> Instrument:
    """The instrument of this session's invitation (for checking answers without a query)."""
    stored = request.session.get(INSTRUMENT_KEY)
    if isinstance(stored, list) and len(stored) == 2:
        try:
            return get_instrument(stored[0], stored[1])
        except (UnknownInstrumentError, TypeError):
            pass
    return get_instrument(FAMILIES)


def is_handover(request: HttpRequest) -> bool:
    return bool(request.session.get(HANDOVER_KEY))


def held_invitation(request: HttpRequest) -> int | None:
    """The invitation id this session holds, or None. A staff session never holds one,
    whatever keys it carries (each session is one thing). A Mijn Krachtbron session holds
    only the invitation its member opened from the portal (``begin_for_member``), never one
    of a personal link's session, and only while the portal session holds (a member who ran
    out of time, or whose passkey was revoked, signs in again first)."""
    if request.user.is_authenticated:
        return None
    if holds_portal_member(request.session):
        if not portal_session_holds(request):
            return None
        key = PORTAL_QUESTIONNAIRE
    else:
        key = SESSION_KEY
    pk = request.session.get(key)
    return pk if isinstance(pk, int) else None


def current(
    request: HttpRequest, *, allow_completed: bool = False
) -> tuple[Invitation | None, LinkProblem | None]:
    """The invitation of this family session, or the reason there is none to fill in."""
    pk = held_invitation(request)
    if not isinstance(pk, int):
        return None, LinkProblem.UNKNOWN
    invitation = load_invitation(pk)
    if invitation is None:
        return None, LinkProblem.UNKNOWN
    problem = problem_of(invitation)
    if problem is LinkProblem.COMPLETED and allow_completed:
        return invitation, None
    return (invitation, problem) if problem else (invitation, None)
