"""Writes of "who gets in": invite, one-time link, withdraw, open a link, make a passkey,
sign in and out. Each is one transaction with its access-log row (SECURITY.md 17, 28).

Staff actions log the adviser; what a member does is logged with that member as the actor
(``Actor.family_member``). Tokens are made, hashed and compared by the questionnaire's one
mechanism (``lib.tokens``): 256 random bits, only the sha256 stored.
"""

from collections.abc import Collection
from datetime import datetime, timedelta
from enum import Enum

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind, AccessResult
from krachtbron.families.models import Family, FamilyMember
from krachtbron.families.rights import may_have_portal
from krachtbron.lib.tokens import hash_token, is_well_formed, new_token
from krachtbron.lib.typed_code import code_hash_for_token, hash_code
from krachtbron.portal.models import LinkKind, MemberLanguage, MemberLink, Passkey
from krachtbron.portal.passkeys import NewPasskey
from krachtbron.questionnaires.models import Invitation, Response
from krachtbron.sending.actions import withdraw_for as withdraw_deliveries
from krachtbron.sending.models import Purpose


class NotEligible(ValueError):
    """This member may not have their own access (a child under 12: a parent represents them)."""


class LinkProblem(Enum):
    """Why a link cannot be used; each has a friendly page."""

    UNKNOWN = "unknown"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    USED = "used"
    CLOSED = "closed"  # the help was closed and the time to read the plan is over
    THROTTLED = "throttled"  # too many unknown links or codes from this address (lib.throttle)

    @property
    def status(self) -> int:
        if self is LinkProblem.THROTTLED:
            return 429
        return 404 if self is LinkProblem.UNKNOWN else 410


class LinkClosed(Exception):
    """The invitation closed while the passkey was being made (withdrawn, expired, used)."""


def member_actor(member: FamilyMember | int) -> Actor:
    return Actor.family_member(member)


def usable(now: object) -> Q:
    """The links that can still be opened at ``now``: the database side of ``state_at``."""
    return Q(used_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now)


def waiting_links(ids: Collection[int], now: datetime) -> set[int]:
    """The ids among ``ids`` of links that can still be used at ``now`` (sending's reminders,
    sending/subjects.py). One query."""
    return set(
        MemberLink.objects.filter(pk__in=ids).filter(usable(now)).values_list("pk", flat=True)
    )


def problem_of(link: MemberLink) -> LinkProblem | None:
    now = timezone.now()
    if link.used_at is not None:
        return LinkProblem.USED
    if link.withdrawn_at is not None:
        return LinkProblem.WITHDRAWN
    if link.expires_at <= now:
        return LinkProblem.EXPIRED
    return None


# --- Staff ---------------------------------------------------------------------------------------


def _new_link(
    user: User, member: FamilyMember, kind: LinkKind, valid: timedelta
) -> tuple[MemberLink, str]:
    token = new_token()
    now = timezone.now()
    link = MemberLink.objects.create(
        family_id=member.family_id,
        member=member,
        kind=kind,
        token_hash=hash_token(token),
        code_hash=code_hash_for_token(token),
        created_by=user,
        created_at=now,
        expires_at=now + valid,
    )
    return link, token


def _withdraw_open(member: FamilyMember, kind: LinkKind) -> int:
    links = MemberLink.objects.filter(usable(timezone.now()), member=member, kind=kind)
    for pk in links.values_list("pk", flat=True):
        withdraw_deliveries(Purpose.PORTAL, pk)  # its messages not yet sent stop too
    return links.update(withdrawn_at=timezone.now())


def invite_member(
    user: User, member: FamilyMember, language: str | None = None
) -> tuple[MemberLink, str]:
    """Invite ``member`` to Mijn Krachtbron; returns the invitation and its token (show once).

    A new invitation replaces the member's earlier one and revokes every passkey they have:
    it is what the adviser does when a phone is lost. ``language`` (a code of
    ``settings.LANGUAGES``, checked by the caller's form): the member's language for the portal
    and the plan PDF, stored in the same transaction; None keeps the member's language.
    Raises ``NotEligible``.
    """
    if not may_have_portal(member, timezone.localdate()):
        raise NotEligible
    now = timezone.now()
    with transaction.atomic():
        withdrawn = _withdraw_open(member, LinkKind.INVITATION)
        revoked = Passkey.objects.filter(member=member, revoked_at__isnull=True).update(
            revoked_at=now
        )
        link, token = _new_link(
            user, member, LinkKind.INVITATION, timedelta(days=settings.PORTAL_INVITATION_VALID_DAYS)
        )
        extra = {"kind": link.kind, "revoked_passkeys": revoked, "withdrawn_links": withdrawn}
        if language is not None:
            _store_language(member, language)
            extra["language"] = language
        log_access(user, member.family, AccessKind.CREATE, link, extra=extra)
    return link, token


def _store_language(member: FamilyMember, language: str) -> bool:
    """Store ``member``'s language; True when it changed (no row counts as Dutch)."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValueError(f"unknown language {language!r}")
    stored = MemberLanguage.objects.select_for_update().filter(member=member).first()
    if stored is not None and stored.language == language:
        return False
    before = stored.language if stored else settings.LANGUAGE_CODE
    MemberLanguage.objects.update_or_create(
        member=member, defaults={"language": language, "changed_at": timezone.now()}
    )
    return before != language


def choose_language(member: FamilyMember, language: str) -> bool:
    """The member chose ``language`` (a code of ``settings.LANGUAGES``; ValueError otherwise)
    for Mijn Krachtbron and their plan PDF, in Ons dossier. One CHANGE row with the member as
    the actor, in the same transaction. False (and no row) when it was already their language."""
    with transaction.atomic():
        changed = _store_language(member, language)
        if changed:
            log_access(
                member_actor(member),
                member.family,
                AccessKind.CHANGE,
                member,
                object_type="portal_language",
                extra={"language": language},
            )
    return changed


def make_one_time_link(
    user: User, member: FamilyMember, *, withdraw_earlier: bool = True
) -> tuple[MemberLink, str]:
    """A fresh one-time link: one session for one visit, for a device that cannot make a
    passkey. An earlier unused one-time link of the member stops working, unless
    ``withdraw_earlier`` is False (the demo's ``demo_portal_link``, which must not stop a link
    an adviser just made in the demo). Raises ``NotEligible``."""
    if not may_have_portal(member, timezone.localdate()):
        raise NotEligible
    with transaction.atomic():
        withdrawn = _withdraw_open(member, LinkKind.ONE_TIME) if withdraw_earlier else 0
        link, token = _new_link(
            user,
            member,
            LinkKind.ONE_TIME,
            timedelta(minutes=settings.PORTAL_ONE_TIME_LINK_MINUTES),
        )
        log_access(
            user,
            member.family,
            AccessKind.CREATE,
            link,
            extra={"kind": link.kind, "withdrawn_links": withdrawn},
        )
    return link, token


def withdraw_link(user: User, link: MemberLink) -> bool:
    """Withdraw a link; an unused one stops working at once, and a session opened with a
    one-time link ends on its next request. False when there was nothing to withdraw."""
    now = timezone.now()
    with transaction.atomic():
        changed = MemberLink.objects.filter(pk=link.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=now
        )
        if changed:
            link.withdrawn_at = now
            withdraw_deliveries(Purpose.PORTAL, link.pk)
            log_access(user, link.family, AccessKind.CHANGE, link, extra={"action": "withdraw"})
    return bool(changed)


def revoke_passkeys(user: User, member: FamilyMember) -> int:
    """Revoke every passkey of ``member`` (their sessions end on the next request)."""
    with transaction.atomic():
        revoked = Passkey.objects.filter(member=member, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if revoked:
            log_access(
                user,
                member.family,
                AccessKind.CHANGE,
                member,
                object_type="passkey",
                extra={"action": "revoke", "count": revoked},
            )
    return revoked


def log_print(user: User, link: MemberLink, what: str) -> None:
    log_access(user, link.family, AccessKind.PRINT, link, extra={"format": what})


# --- Family member -------------------------------------------------------------------------------


def find_link(token: str) -> MemberLink | None:
    """The link of a presented token, or None. Malformed tokens never reach the database."""
    if not is_well_formed(token):
        return None
    return (
        MemberLink.objects.select_related("member__portal_language", "family")
        .filter(token_hash=hash_token(token))
        .first()
    )


def find_link_by_code(code: str) -> MemberLink | None:
    """The link of a typed code (normalized by ``lib.typed_code.normalized``), or None."""
    return (
        MemberLink.objects.select_related("member__portal_language", "family")
        .filter(code_hash=hash_code(code))
        .first()
    )


def log_refused_link(link: MemberLink, problem: LinkProblem) -> None:
    """A link that exists but cannot be used (expired, withdrawn, used): a refused access."""
    log_access(
        member_actor(link.member_id),
        link.family,
        AccessKind.READ,
        link,
        result=AccessResult.DENIED,
        extra={"problem": problem.value},
    )


def open_invitation(link: MemberLink) -> None:
    """The member opened their invitation (the next step makes a passkey)."""
    now = timezone.now()
    with transaction.atomic():
        MemberLink.objects.filter(pk=link.pk, opened_at__isnull=True).update(opened_at=now)
        log_access(
            member_actor(link.member_id),
            link.family,
            AccessKind.CHANGE,
            link,
            extra={"action": "open"},
        )


def use_one_time_link(link: MemberLink) -> bool:
    """Use a one-time link: True once, for the first caller (a conditional update), False
    for every later one, also for two visits at the same moment."""
    now = timezone.now()
    with transaction.atomic():
        used = MemberLink.objects.filter(usable(now), pk=link.pk, kind=LinkKind.ONE_TIME).update(
            used_at=now, opened_at=now
        )
        if used:
            log_access(
                member_actor(link.member_id),
                link.family,
                AccessKind.CHANGE,
                link,
                extra={"action": "sign_in"},
            )
    return bool(used)


def user_handle_for(member: FamilyMember) -> bytes | None:
    """The user handle the member's passkeys carry (one per member), None before the first."""
    handle = Passkey.objects.filter(member=member).values_list("user_handle", flat=True).first()
    return bytes(handle) if handle is not None else None


def active_credential_ids(member: FamilyMember) -> list[str]:
    return list(
        Passkey.objects.filter(member=member, revoked_at__isnull=True).values_list(
            "credential_id", flat=True
        )
    )


def add_passkey(link: MemberLink, new: NewPasskey, user_handle: bytes) -> Passkey:
    """Store the passkey made with invitation ``link``; the invitation is used up by it.

    Raises ``LinkClosed`` when the invitation closed meanwhile (withdrawn, expired, or used by
    a passkey made in another tab): nothing is stored then.
    """
    now = timezone.now()
    with transaction.atomic():
        if not MemberLink.objects.filter(usable(now), pk=link.pk, kind=LinkKind.INVITATION).update(
            used_at=now
        ):
            raise LinkClosed
        passkey = Passkey.objects.create(
            family_id=link.family_id,
            member_id=link.member_id,
            invitation=link,
            credential_id=new.credential_id,
            public_key=new.public_key,
            user_handle=user_handle,
            sign_count=new.sign_count,
            created_at=now,
            last_used_at=now,
        )
        log_access(member_actor(link.member_id), link.family, AccessKind.CREATE, passkey)
    return passkey


def find_passkey(credential_id: str) -> Passkey | None:
    """The passkey with this credential id (revoked ones too: a refusal is logged)."""
    return (
        Passkey.objects.select_related("member", "family")
        .filter(credential_id=credential_id)
        .first()
    )


def record_sign_in(passkey: Passkey, new_sign_count: int) -> bool:
    """A verified passkey sign-in: store the new sign count. False when the passkey was
    revoked meanwhile or another sign-in with the same count came first (a replay)."""
    now = timezone.now()
    with transaction.atomic():
        # The count must still be what the signature was checked against.
        done = Passkey.objects.filter(
            pk=passkey.pk, revoked_at__isnull=True, sign_count=passkey.sign_count
        ).update(sign_count=new_sign_count, last_used_at=now)
        if done:
            log_access(
                member_actor(passkey.member_id),
                passkey.family,
                AccessKind.CHANGE,
                passkey,
                extra={"action": "sign_in"},
            )
    return bool(done)


def log_refused_passkey(passkey: Passkey, why: str) -> None:
    """A sign-in with a known passkey was refused (revoked, bad signature, replay)."""
    log_access(
        member_actor(passkey.member_id),
        passkey.family,
        AccessKind.READ,
        passkey,
        result=AccessResult.DENIED,
        extra={"problem": why},
    )


def log_member_page(member: FamilyMember, family: Family, page: str) -> None:
    """A member opened a page of Mijn Krachtbron: one READ row with the member as the actor."""
    log_access(member_actor(member), family, AccessKind.READ, object_type=page)


def log_sign_out(member: FamilyMember) -> None:
    log_access(
        member_actor(member),
        member.family,
        AccessKind.CHANGE,
        member,
        object_type="portal_session",
        extra={"action": "sign_out"},
    )


def log_member_opened_questionnaire(member: FamilyMember, invitation: Invitation) -> None:
    """The member began (or went on with) their own questionnaire from Vragenlijsten: a
    CHANGE row (the invitation is marked opened), the member as the actor."""
    log_access(
        member_actor(member),
        member.family,
        AccessKind.CHANGE,
        invitation,
        object_type="portal_questionnaire",
        extra={"action": "begin"},
    )


def log_member_result(member: FamilyMember, response: Response) -> None:
    """The member read the result of their own questionnaire: a READ row, the member as the
    actor, the response as the object."""
    log_access(
        member_actor(member), member.family, AccessKind.READ, response, object_type="portal_result"
    )
