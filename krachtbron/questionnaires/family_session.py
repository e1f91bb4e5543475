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
from krachtbron.lib.session_kinds import holds_portal_member
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
    """The invitation id this session holds, or None. A staff session or a Mijn Krachtbron
    session never holds one, whatever keys it carries (each session is one thing)."""
    if request.user.is_authenticated or holds_portal_member(request.session):
        return None
    pk = request.session.get(SESSION_KEY)
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
