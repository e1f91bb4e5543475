"""The family session of Mijn Krachtbron: a member signed in, never a staff session.

A session holds one of two things:

- *enrolment*: the member opened their invitation and may make a passkey, nothing else;
- *signed in*: the member signed in with a passkey, or opened a one-time link.

Starting either ends whatever the browser held before: a staff sign-in is logged out (its
session flushed server-side) and any other session is flushed, so the key is always new. The
staff sign-in flushes the session in the same way (accounts.views.LoginView), so a member's
keys never survive into a staff session.

A signed-in session ends when idle for ``PORTAL_IDLE_TIMEOUT`` and after
``PORTAL_ABSOLUTE_TIMEOUT`` in any case; one from a one-time link also when the browser closes
(a session cookie). Every request checks that what it was opened with still holds: the passkey
is not revoked (a new invitation revokes it), the one-time link not withdrawn, the member may
still have access. That is one query, which also loads the member, the family and the
member's language: every page of the session is in that language (``portal.language``).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, QueryDict
from django.utils import timezone

from krachtbron.families.models import FamilyMember
from krachtbron.families.rights import may_have_portal
from krachtbron.lib import kept_forms
from krachtbron.lib.prepared import Prepared
from krachtbron.lib.session_kinds import PORTAL_LANGUAGE, PORTAL_MEMBER, stored_time
from krachtbron.portal import language
from krachtbron.portal.models import LinkKind, MemberLink

MEMBER = PORTAL_MEMBER
VIA = "kb_portal_via"  # [Via, id of the passkey or link]
AUTH_AT = "kb_portal_auth_at"
SEEN_AT = "kb_portal_seen_at"
CHALLENGE = "kb_portal_challenge"  # {"purpose": ..., "value": base64url}
ENDED = "kb_portal_ended"  # in a fresh session: why the last one ended ("idle", ...)
# In a fresh session after a timeout: whose session it was ({"member": id, "at": iso time}), so
# a form posted late can be kept for them; and what was kept ({"member", "page", "data"}).
ENDED_MEMBER = "kb_portal_ended_member"
KEPT = "kb_portal_kept"


class Via(StrEnum):
    PASSKEY = "passkey"
    ONE_TIME = "one_time"
    ENROLMENT = "enrolment"


@dataclass(frozen=True)
class MemberSession:
    """A signed-in member: who, and how they got in (``Via.PASSKEY`` or ``Via.ONE_TIME``)."""

    member: FamilyMember
    via: Via


def _start(request: HttpRequest) -> None:
    """A fresh, empty session with a new key; a staff sign-in in this browser ends."""
    if request.user.is_authenticated:
        logout(request)  # flushes the staff session server-side and cycles the key
    else:
        request.session.flush()


def begin_enrolment(request: HttpRequest, link: MemberLink) -> None:
    """The member opened their invitation: this session may make a passkey, nothing else."""
    _start(request)
    now = timezone.now().isoformat()
    request.session[MEMBER] = link.member_id
    request.session[VIA] = [Via.ENROLMENT.value, link.pk]
    request.session[AUTH_AT] = now
    request.session[SEEN_AT] = now
    language.follow(request, language.language_of(link.member))


def begin(request: HttpRequest, member: FamilyMember, via: Via, via_id: int) -> None:
    """Sign ``member`` in (after a verified passkey or an opened one-time link). A form this
    member posted after their last session ran out stays kept (``kept_page``); anyone else's
    is dropped with the old session."""
    kept = request.session.get(KEPT)
    _start(request)
    if isinstance(kept, dict) and kept.get("member") == member.pk:
        request.session[KEPT] = kept
    now = timezone.now().isoformat()
    request.session[MEMBER] = member.pk
    request.session[VIA] = [via.value, via_id]
    request.session[AUTH_AT] = now
    request.session[SEEN_AT] = now
    if via is Via.ONE_TIME:
        request.session.set_expiry(0)  # the cookie goes when the browser closes
    language.follow(request, language.language_of(member))


def end(request: HttpRequest, reason: str = "", member_id: int | None = None) -> None:
    """Sign out: the session is flushed server-side; ``reason`` is kept for the next page, and
    the member's language, so that the sign-in page that says why is in their language; and
    ``member_id`` (a session that ran out, not one revoked or signed out) so that a form they
    post late can still be kept for them (``keep_typed``)."""
    kept_language = request.session.get(PORTAL_LANGUAGE)
    request.session.flush()
    if reason:
        request.session[ENDED] = reason
        if isinstance(kept_language, str):
            request.session[PORTAL_LANGUAGE] = kept_language
    if member_id is not None:
        request.session[ENDED_MEMBER] = {"member": member_id, "at": timezone.now().isoformat()}


def _held(request: HttpRequest) -> tuple[int, Via, int] | None:
    """(member id, via, id) as the session holds it, or None."""
    if request.user.is_authenticated:
        return None  # a staff session is never a member's, whatever it holds
    member_id = request.session.get(MEMBER)
    via = request.session.get(VIA)
    if not isinstance(member_id, int) or not isinstance(via, list) or len(via) != 2:
        return None
    kind, via_id = via
    found = _VIA.get(kind) if isinstance(kind, str) else None
    if found is None or not isinstance(via_id, int):
        return None
    return member_id, found, via_id


#: A session's ``VIA`` code -> Via (built once: every request of a member reads it).
_VIA = {via.value: via for via in Via}


def _seen_resolution() -> timedelta:
    return min(settings.SESSION_SEEN_RESOLUTION, settings.PORTAL_IDLE_TIMEOUT / 12)


def _timed_out(request: HttpRequest, idle: timedelta, absolute: timedelta) -> str:
    """ "idle" or "absolute" when the session is over, else "" (and activity is recorded)."""
    now = timezone.now()
    auth_at, seen_at = (
        stored_time(request.session.get(AUTH_AT)),
        stored_time(request.session.get(SEEN_AT)),
    )
    if auth_at is None or seen_at is None:
        return "absolute"
    if now > auth_at + absolute:
        return "absolute"
    if now > seen_at + idle + _seen_resolution():
        return "idle"
    if now - seen_at > _seen_resolution():
        request.session[SEEN_AT] = now.isoformat()
    return ""


def current(request: HttpRequest, today: date | None = None) -> MemberSession | None:
    """The signed-in member of this request, or None. A session that ran out, or whose
    passkey or link no longer holds, is ended here (and the next page says why)."""
    held = _held(request)
    if held is None:
        return None
    member_id, via, via_id = held
    if via is Via.ENROLMENT:
        return None
    over = _timed_out(request, settings.PORTAL_IDLE_TIMEOUT, settings.PORTAL_ABSOLUTE_TIMEOUT)
    if over:
        end(request, over, member_id)
        return None
    member = _member_through(via, via_id, member_id)
    if member is None or not may_have_portal(member, today or timezone.localdate()):
        end(request, "revoked")
        return None
    language.follow(request, language.language_of(member))  # chosen on another phone, too
    return MemberSession(member, via)


#: The gate's one query per request (``current``), compiled once: building it with the ORM on
#: every request cost more than the rest of a score's POST (docs/mijn-krachtbron.md, "Snelheid").
#: It loads the member, the family and the language, and only *checks* the passkey or link in
#: the same query (a join on its id): the passkey's row (its public key, credential id) and the
#: link's are never needed on a page, so they are not read into objects on every request.
_THROUGH_PASSKEY = Prepared(
    lambda pk, member_id: FamilyMember.objects.select_related("family", "portal_language").filter(
        pk=member_id, passkeys__pk=pk, passkeys__revoked_at__isnull=True
    ),
)
_THROUGH_LINK = Prepared(
    lambda pk, member_id: FamilyMember.objects.select_related("family", "portal_language").filter(
        pk=member_id,
        portal_links__pk=pk,
        portal_links__kind=LinkKind.ONE_TIME,
        portal_links__withdrawn_at__isnull=True,
    ),
)


def _member_through(via: Via, via_id: int, member_id: int) -> FamilyMember | None:
    """The member, when the passkey or one-time link the session came in with still holds."""
    query = _THROUGH_PASSKEY if via is Via.PASSKEY else _THROUGH_LINK
    member: FamilyMember | None = query.first(via_id, member_id)
    return member


def enrolment(request: HttpRequest) -> MemberLink | None:
    """The invitation this session may make a passkey with (still open), or None."""
    held = _held(request)
    if held is None or held[1] is not Via.ENROLMENT:
        return None
    if _timed_out(request, settings.PORTAL_ENROL_TIMEOUT, settings.PORTAL_ENROL_TIMEOUT):
        end(request, "idle")
        return None
    now = timezone.now()
    return (
        MemberLink.objects.select_related("member__family", "member__portal_language")
        .filter(
            pk=held[2],
            member_id=held[0],
            kind=LinkKind.INVITATION,
            used_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=now,
        )
        .first()
    )


def keep_typed(request: HttpRequest, page: str) -> bool:
    """Keep the fields of this POST (encrypted, ``lib.kept_forms.seal``) in the fresh session
    when a member's session ran out in the last ``KEPT_FOR`` minutes: after signing in again
    as that member, ``page`` shows them again. The POST has passed the CSRF check (a form of
    ours). False when there was nothing to keep or nobody to keep it for."""
    ended = request.session.get(ENDED_MEMBER)
    if not isinstance(ended, dict) or not isinstance(ended.get("member"), int):
        return False
    at = stored_time(ended.get("at"))
    if at is None or timezone.now() - at > kept_forms.KEPT_FOR:
        return False
    data = kept_forms.seal(request.POST)
    if data is None:
        return False
    request.session[KEPT] = {"member": ended["member"], "page": page, "data": data}
    return True


def kept_waiting(request: HttpRequest) -> bool:
    """Is a late form kept in this browser (the sign-in page says it comes back)?"""
    return isinstance(request.session.get(KEPT), dict)


def kept_page(request: HttpRequest, member: FamilyMember) -> str | None:
    """The page whose form ``member`` (just signed in) had typed, or None."""
    kept = request.session.get(KEPT)
    if isinstance(kept, dict) and kept.get("member") == member.pk:
        page = kept.get("page")
        return page if isinstance(page, str) else None
    return None


def take_kept(request: HttpRequest, member: FamilyMember) -> QueryDict | None:
    """The fields ``member`` had typed on this page, handed out once; None if none."""
    if kept_page(request, member) != request.path:
        return None
    kept = request.session.pop(KEPT)
    return kept_forms.unseal(str(kept.get("data", "")))


def ended_because(request: HttpRequest) -> str:
    """Why the previous member session in this browser ended ("" when none did); read once."""
    reason = request.session.pop(ENDED, "")
    return reason if isinstance(reason, str) else ""


def keep_challenge(request: HttpRequest, purpose: str, challenge: str) -> None:
    """Remember the challenge of the ceremony this page starts (one at a time)."""
    request.session[CHALLENGE] = {"purpose": purpose, "value": challenge}


def take_challenge(request: HttpRequest, purpose: str) -> str | None:
    """The kept challenge for ``purpose``, removed: each challenge is answered once, so a
    replayed answer finds none (or a newer one) and is refused."""
    kept = request.session.pop(CHALLENGE, None)
    if not isinstance(kept, dict) or kept.get("purpose") != purpose:
        return None
    value = kept.get("value")
    return value if isinstance(value, str) else None


_HANDLE = "kb_portal_user_handle"


def keep_user_handle(request: HttpRequest, handle: bytes) -> None:
    """The user handle the registration options gave the authenticator (stored with the key)."""
    request.session[_HANDLE] = handle.hex()


def take_user_handle(request: HttpRequest) -> bytes | None:
    kept = request.session.pop(_HANDLE, None)
    try:
        return bytes.fromhex(kept) if isinstance(kept, str) else None
    except ValueError:
        return None
