"""Writes for teams and users (administrative changes), each in one transaction.

Every change writes one access-log row with its old and new values inside the same transaction
(``log_admin_change``, SECURITY.md 18): if the row cannot be written, nothing changes. Views only
parse forms and call these functions; the rules (nobody changes their own role or rights; the
privacy-officer right and becoming a beheerder need another beheerder, not one brought in by the
requester) live here, so no other path can skip them.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from krachtbron.accounts import otp
from krachtbron.accounts.models import PrivilegeRequest, Role, StaffSession, Team, User
from krachtbron.audit.log import CHANGED, log_admin_change
from krachtbron.audit.models import AccessKind

#: User fields whose values are personal data: the log records only that they changed.
PERSONAL_FIELDS = ("first_name", "last_name", "username", "email")
#: User fields the beheerder's form may set; their old and new values are logged.
ACCOUNT_FIELDS = ("role", "team")


class AdminError(Exception):
    """An administrative change is refused; ``message`` is Dutch, for the beheerder."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _require_beheerder(actor: User) -> None:
    if not (actor.is_active and actor.role == Role.BEHEERDER):
        raise AdminError(_("Alleen een actieve beheerder kan dit doen."))


def _changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """The fields whose value differs, as ``{field: [old, new]}`` (personal fields: CHANGED)."""
    changes: dict[str, Any] = {}
    for field, new in after.items():
        old = before.get(field)
        if old != new:
            changes[field] = CHANGED if field in PERSONAL_FIELDS else [old, new]
    return changes


# --- Teams -----------------------------------------------------------------------------------


def save_team(actor: User, team: Team | None, *, name: str, is_active: bool) -> Team:
    """Create a team (``team`` is None) or change its name and whether it is active.

    Returns the team. Writes one row (CREATE or CHANGE) with the changed fields; no row when
    nothing changed. Raises AdminError for an actor who is not an active beheerder.
    """
    _require_beheerder(actor)
    with transaction.atomic():
        if team is None:
            team = Team.objects.create(name=name, is_active=is_active)
            changes = {"name": [None, name], "is_active": [None, is_active]}
            log_admin_change(actor, team, changes, object_type="team", kind=AccessKind.CREATE)
            return team
        team = Team.objects.select_for_update().get(pk=team.pk)
        changes = _changes(
            {"name": team.name, "is_active": team.is_active},
            {"name": name, "is_active": is_active},
        )
        if changes:
            team.name, team.is_active = name, is_active
            team.save(update_fields=["name", "is_active"])
            log_admin_change(actor, team, changes, object_type="team")
    return team


# --- Users -----------------------------------------------------------------------------------


def invitation_link(user: User, site_url: str = "") -> str:
    """The one-time link with which an invited user chooses a password (3 days valid)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return (site_url or settings.SITE_URL).rstrip("/") + reverse(
        "accounts:activate", args=[uid, token]
    )


def invite_user(actor: User, user: User, site_url: str = "") -> str | None:
    """Save a new user (unsaved instance from the form) without a usable password, log the
    invitation (role and team) and send the link after commit. Returns the link, or None for
    an invitation as beheerder.

    An invited user never starts with a right: the privacy-officer right goes through
    ``request_privacy_officer`` and another beheerder. Nor does an invitation make a beheerder
    on one person's word: the account is saved switched off, with a request for the beheerder
    role, and only when another beheerder approves it does the invitee get the link, by e-mail
    (``decide_request``); the one who invited never sees it.
    """
    _require_beheerder(actor)
    as_beheerder = user.role == Role.BEHEERDER
    with transaction.atomic():
        user.is_privacy_officer = False
        user.is_staff = user.is_superuser = False
        user.invited_by = actor
        user.is_active = not as_beheerder
        user.set_unusable_password()
        user.save()
        changes = {"role": [None, user.role], "team": [None, user.team_id]}
        if as_beheerder:
            changes["is_active"] = [None, False]
        log_admin_change(
            actor, user, changes, object_type="user_invitation", kind=AccessKind.CREATE
        )
        if as_beheerder:
            _file_request(actor, user, Right.BEHEERDER)
            return None
    link = invitation_link(user, site_url)
    _send_invitation(user, link)
    return link


def _send_invitation(user: User, link: str) -> None:
    """E-mail the invitation link once the current transaction commits."""
    transaction.on_commit(
        lambda: send_mail(
            _("Uitnodiging voor Krachtbron"),
            _(
                "Je bent uitgenodigd voor Krachtbron. Kies je wachtwoord via deze link "
                "(3 dagen geldig):\n\n%(link)s\n\nDaarna koppel je een authenticator-app."
            )
            % {"link": link},
            None,
            [user.email],
            fail_silently=True,
        )
    )


def update_user(actor: User, user: User, **values: Any) -> dict[str, Any]:
    """Change a user's names, e-mail address, username, role and team (the form's fields).

    ``values`` holds the form's cleaned data (``team`` a Team or None). A beheerder cannot change
    their own role. A user who stops being a beheerder loses the privacy-officer right (it is
    meaningless for other roles, and must not come back unseen with a later role change).
    Returns the logged changes (empty: nothing changed, no row). Raises AdminError.
    """
    _require_beheerder(actor)
    allowed = set(PERSONAL_FIELDS) | set(ACCOUNT_FIELDS)
    if unknown := set(values) - allowed:
        raise TypeError(f"update_user does not set {sorted(unknown)}")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        before = {field: getattr(user, field) for field in PERSONAL_FIELDS}
        before |= {"role": user.role, "team": user.team_id}
        after = {field: values.get(field, before[field]) for field in PERSONAL_FIELDS}
        team = values.get("team", user.team)
        after |= {"role": values.get("role", user.role), "team": team.pk if team else None}
        changes = _changes(before, after)
        if "role" in changes and user.pk == actor.pk:
            raise AdminError(_("Je kunt je eigen rol niet wijzigen. Vraag een andere beheerder."))
        if "role" in changes and after["role"] == Role.BEHEERDER:
            raise AdminError(
                _(
                    "Iemand beheerder maken vraagt een tweede beheerder: vraag de rol beheerder "
                    "aan, een andere beheerder keurt het goed."
                )
            )
        if not changes:
            return {}
        for field in PERSONAL_FIELDS:
            setattr(user, field, after[field])
        user.role, user.team = after["role"], team
        fields = [*PERSONAL_FIELDS, "role", "team"]
        if user.is_privacy_officer and user.role != Role.BEHEERDER:
            user.is_privacy_officer = False
            changes["is_privacy_officer"] = [True, False]
            fields.append("is_privacy_officer")
        user.save(update_fields=fields)
        log_admin_change(actor, user, changes, object_type="user")
    return changes


def end_sessions(user: User) -> int:
    """Delete every server-side session of this user."""
    keys = list(StaffSession.objects.filter(user=user).values_list("session_key", flat=True))
    deleted, _details = Session.objects.filter(session_key__in=keys).delete()
    StaffSession.objects.filter(user=user).delete()
    return deleted


def set_active(actor: User, user: User, active: bool) -> bool:
    """Switch an account on or off; switching off ends its sessions at once.

    Returns whether anything changed (no row when the account already was so). Nobody switches
    their own account off or on; a beheerder's account is switched on again only through a
    request that another beheerder approves (``request_beheerder``). Raises AdminError.
    """
    _require_beheerder(actor)
    if user.pk == actor.pk:
        raise AdminError(_("Je kunt je eigen account niet uitzetten of aanzetten."))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active == active:
            return False
        if active and user.role == Role.BEHEERDER:
            raise AdminError(
                _(
                    "Een beheerder weer aanzetten vraagt een tweede beheerder: vraag de rol "
                    "beheerder aan."
                )
            )
        user.is_active = active
        user.save(update_fields=["is_active"])
        if not active:
            end_sessions(user)
        log_admin_change(actor, user, {"is_active": [not active, active]}, object_type="user")
    return True


def deactivate_user(actor: User, user: User) -> bool:
    """Switch an account off and end its sessions; see ``set_active``."""
    return set_active(actor, user, False)


def reactivate_user(actor: User, user: User) -> bool:
    """Switch an account on again; see ``set_active``."""
    return set_active(actor, user, True)


def reset_second_factor(actor: User, user: User) -> None:
    """The user connects a new authenticator app at the next sign-in; their sessions end.

    Logs the number of connected apps before and after (0). Nobody resets their own: a
    hijacked session must not be enough to connect a new app.
    """
    _require_beheerder(actor)
    if user.pk == actor.pk:
        raise AdminError(_("Je kunt je eigen tweede stap niet wissen. Vraag een andere beheerder."))
    with transaction.atomic():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True).count()
        otp.reset_devices(user)
        end_sessions(user)
        log_admin_change(actor, user, {"devices": [devices, 0]}, object_type="second_factor")


# --- Four eyes: the privacy-officer right, and becoming a beheerder -------------------------

Right = PrivilegeRequest.Right
#: What each right's rows are called in the log (``labels.ADMIN_LABELS``).
GRANT_OBJECT_TYPES = {
    Right.PRIVACY_OFFICER: "privacy_officer_grant",
    Right.BEHEERDER: "beheerder_grant",
}


def _is_active_beheerder(user: User) -> bool:
    return user.is_active and user.role == Role.BEHEERDER


def brought_in_by(user: User) -> set[int]:
    """The ids of the beheerders who brought ``user`` in: who invited the account, and who asked
    for its beheerder role (requests that were approved). Such an account may be in their hands
    (they chose its e-mail address), so it never decides their requests."""
    sponsors = set(
        PrivilegeRequest.objects.filter(
            user=user, right=Right.BEHEERDER, outcome=PrivilegeRequest.Outcome.APPROVED
        ).values_list("requested_by_id", flat=True)
    )
    if user.invited_by_id is not None:
        sponsors.add(user.invited_by_id)
    return sponsors


def lineage(user: User) -> set[int]:
    """``user``'s id and the ids of everyone who brought them in, directly or through others
    (``brought_in_by``, followed up to the accounts a command made). An account made by an
    account made by Mallory is still hers to control."""
    found = {user.pk}
    todo = [user]
    while todo:
        for sponsor_id in brought_in_by(todo.pop()) - found:
            found.add(sponsor_id)
            todo.append(User.objects.get(pk=sponsor_id))
    return found


def related(one: User, other: User) -> bool:
    """Whether one of the two brought the other in, directly or through others (``lineage``).

    Related accounts never decide each other's requests: the one brought in may be a
    sock-puppet of the other. Accounts that only share who brought them in are not related by
    this: in a team where one beheerder invites everybody, no request could be decided otherwise;
    each of them was approved by another beheerder who saw their e-mail address.
    """
    return one.pk in lineage(other) or other.pk in lineage(one)


def _file_request(actor: User, user: User, right: str) -> PrivilegeRequest:
    """Create the waiting request and its log row; call inside the transaction, user locked."""
    try:
        with transaction.atomic():
            request = PrivilegeRequest.objects.create(user=user, right=right, requested_by=actor)
    except IntegrityError as error:
        raise AdminError(_("Er wacht al een aanvraag voor deze gebruiker.")) from error
    log_admin_change(
        actor,
        user,
        {"outcome": [None, PrivilegeRequest.Outcome.PENDING]},
        object_type=GRANT_OBJECT_TYPES[Right(right)],
        kind=AccessKind.CREATE,
    )
    return request


def request_right(actor: User, user: User, right: str) -> PrivilegeRequest:
    """Beheerder ``actor`` asks that ``user`` (not the actor) gets ``right``; it takes effect only
    when another beheerder approves (``decide_request``).

    ``Right.PRIVACY_OFFICER``: for an active beheerder without the right.
    ``Right.BEHEERDER``: ``user`` becomes an active beheerder (a role change, or an account
    switched on again); an invitation as beheerder files it through ``invite_user``.
    Raises AdminError (Dutch) for a request for oneself, a user who has the right already, and
    when a request for this user and right is already waiting.
    """
    _require_beheerder(actor)
    if user.pk == actor.pk:
        raise AdminError(_("Je kunt dit recht niet voor jezelf aanvragen."))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if right == Right.PRIVACY_OFFICER:
            if not _is_active_beheerder(user):
                raise AdminError(_("Alleen een actieve beheerder kan privacy officer worden."))
            if user.is_privacy_officer:
                raise AdminError(_("Deze beheerder is al privacy officer."))
        elif right == Right.BEHEERDER:
            if _is_active_beheerder(user):
                raise AdminError(_("Deze gebruiker is al een actieve beheerder."))
        else:
            raise ValueError(f"Unknown right {right!r}")
        return _file_request(actor, user, right)


def request_privacy_officer(actor: User, user: User) -> PrivilegeRequest:
    """``request_right`` for the privacy-officer right."""
    return request_right(actor, user, Right.PRIVACY_OFFICER)


def request_beheerder(actor: User, user: User) -> PrivilegeRequest:
    """``request_right`` for the beheerder role (a role change, or switching a beheerder on)."""
    return request_right(actor, user, Right.BEHEERDER)


def decide_request(actor: User, request_id: int, *, approve: bool) -> PrivilegeRequest:
    """Another beheerder approves or rejects a waiting request.

    The decider is not the requester, not the user the right is for, and not ``related`` to
    either (one brought the other in, directly or through others): four eyes means two people.
    The request row is locked and changed only while it is still waiting, so two decisions at
    the same moment give one outcome; the other gets AdminError. Approval gives the right
    (logged with old and new values): the privacy-officer right only to a user who is still an
    active beheerder; the beheerder role makes the account an active beheerder, and an invited
    account that has no password yet gets its invitation by e-mail (nobody sees that link on a
    page).
    """
    _require_beheerder(actor)
    with transaction.atomic():
        request = PrivilegeRequest.objects.select_for_update().get(pk=request_id)
        if request.outcome != PrivilegeRequest.Outcome.PENDING:
            raise AdminError(_("Over deze aanvraag is al besloten."))
        if actor.pk in (request.requested_by_id, request.user_id):
            raise AdminError(
                _(
                    "Een andere beheerder beslist: niet wie het aanvroeg en niet wie het "
                    "recht krijgt."
                )
            )
        if any(related(actor, person) for person in (request.requested_by, request.user)):
            raise AdminError(
                _(
                    "Jij en wie dit aanvroeg of wie het recht krijgt hebben elkaar (of via "
                    "anderen) uitgenodigd of beheerder gemaakt. Een andere beheerder beslist "
                    "hierover."
                )
            )
        user = User.objects.select_for_update().get(pk=request.user_id)
        right = Right(request.right)
        if approve and right == Right.PRIVACY_OFFICER and not _is_active_beheerder(user):
            raise AdminError(_("Alleen een actieve beheerder kan privacy officer worden."))
        outcome = (
            PrivilegeRequest.Outcome.APPROVED if approve else PrivilegeRequest.Outcome.REJECTED
        )
        # Conditional: whoever changes the waiting row first decides; a late one changes nothing.
        decided = PrivilegeRequest.objects.filter(
            pk=request.pk, outcome=PrivilegeRequest.Outcome.PENDING
        ).update(outcome=outcome, decided_by=actor, decided_at=timezone.now())
        if decided != 1:
            raise AdminError(_("Over deze aanvraag is al besloten."))
        changes: dict[str, Any] = {"outcome": [PrivilegeRequest.Outcome.PENDING, outcome]}
        if approve:
            changes |= _grant(user, right)
        log_admin_change(actor, user, changes, object_type=GRANT_OBJECT_TYPES[right])
        request.refresh_from_db()
    return request


def _grant(user: User, right: "PrivilegeRequest.Right") -> dict[str, Any]:
    """Give the approved right to the locked ``user``; returns the changed fields."""
    changes: dict[str, Any] = {}
    if right == Right.PRIVACY_OFFICER:
        if not user.is_privacy_officer:
            user.is_privacy_officer = True
            user.save(update_fields=["is_privacy_officer"])
            changes["is_privacy_officer"] = [False, True]
        return changes
    if user.role != Role.BEHEERDER:
        changes["role"] = [user.role, Role.BEHEERDER]
        user.role = Role.BEHEERDER
    if not user.is_active:
        changes["is_active"] = [False, True]
        user.is_active = True
    user.save(update_fields=["role", "is_active"])
    if not user.has_usable_password():
        _send_invitation(user, invitation_link(user))
    return changes


def withdraw_request(actor: User, request_id: int) -> PrivilegeRequest:
    """The requester takes back a request that is still waiting (with two beheerders, nobody
    else could ever decide it). Raises AdminError for anyone else or a decided request."""
    _require_beheerder(actor)
    with transaction.atomic():
        request = PrivilegeRequest.objects.select_for_update().get(pk=request_id)
        if request.requested_by_id != actor.pk:
            raise AdminError(_("Alleen wie het aanvroeg kan de aanvraag intrekken."))
        decided = PrivilegeRequest.objects.filter(
            pk=request.pk, outcome=PrivilegeRequest.Outcome.PENDING
        ).update(
            outcome=PrivilegeRequest.Outcome.WITHDRAWN, decided_by=actor, decided_at=timezone.now()
        )
        if decided != 1:
            raise AdminError(_("Over deze aanvraag is al besloten."))
        changes = {
            "outcome": [PrivilegeRequest.Outcome.PENDING, PrivilegeRequest.Outcome.WITHDRAWN]
        }
        log_admin_change(
            actor, request.user, changes, object_type=GRANT_OBJECT_TYPES[Right(request.right)]
        )
        request.refresh_from_db()
    return request


def revoke_privacy_officer(actor: User, user: User) -> None:
    """Take the right away. One beheerder suffices (least privilege), also for their own right.

    Raises AdminError when the user does not have it.
    """
    _require_beheerder(actor)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.is_privacy_officer:
            raise AdminError(_("Deze gebruiker is geen privacy officer."))
        user.is_privacy_officer = False
        user.save(update_fields=["is_privacy_officer"])
        log_admin_change(
            actor,
            user,
            {"is_privacy_officer": [True, False]},
            object_type="privacy_officer_grant",
            kind=AccessKind.DELETE,
        )
