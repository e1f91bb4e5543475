"""Writes for teams and users (administrative changes), each in one transaction.

Every change writes one access-log row with its old and new values inside the same transaction
(``log_admin_change``, SECURITY.md 18): if the row cannot be written, nothing changes. Views only
parse forms and call these functions; the rules (nobody changes their own role or rights; the
privacy-officer right and becoming a beheerder need another beheerder, not one brought in by the
requester: ``four_eyes``) live here, so no other path can skip them.
"""

from typing import Any

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from krachtbron.accounts import four_eyes, otp
from krachtbron.accounts.changes import (
    PERSONAL_FIELDS,
    AdminError,
    changed_fields,
    invitation_link,
    require_beheerder,
    send_invitation,
)
from krachtbron.accounts.models import PrivilegeRequest, Role, StaffSession, Team, User
from krachtbron.audit.log import log_admin_change
from krachtbron.audit.models import AccessKind

#: User fields the beheerder's form may set; their old and new values are logged.
ACCOUNT_FIELDS = ("role", "team")


# --- Teams -----------------------------------------------------------------------------------


def save_team(actor: User, team: Team | None, *, name: str, is_active: bool) -> Team:
    """Create a team (``team`` is None) or change its name and whether it is active.

    Returns the team. Writes one row (CREATE or CHANGE) with the changed fields; no row when
    nothing changed. Raises AdminError for an actor who is not an active beheerder.
    """
    require_beheerder(actor)
    with transaction.atomic():
        if team is None:
            team = Team.objects.create(name=name, is_active=is_active)
            changes = {"name": [None, name], "is_active": [None, is_active]}
            log_admin_change(actor, team, changes, object_type="team", kind=AccessKind.CREATE)
            return team
        team = Team.objects.select_for_update().get(pk=team.pk)
        changes = changed_fields(
            {"name": team.name, "is_active": team.is_active},
            {"name": name, "is_active": is_active},
        )
        if changes:
            team.name, team.is_active = name, is_active
            team.save(update_fields=["name", "is_active"])
            log_admin_change(actor, team, changes, object_type="team")
    return team


# --- Users -----------------------------------------------------------------------------------


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
    require_beheerder(actor)
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
            four_eyes.file_request(actor, user, PrivilegeRequest.Right.BEHEERDER)
            return None
    link = invitation_link(user, site_url)
    send_invitation(user, link)
    return link


def update_user(actor: User, user: User, **values: Any) -> dict[str, Any]:
    """Change a user's names, e-mail address, username, role and team (the form's fields).

    ``values`` holds the form's cleaned data (``team`` a Team or None). A beheerder cannot change
    their own role. A user who stops being a beheerder loses the privacy-officer right (it is
    meaningless for other roles, and must not come back unseen with a later role change).
    Returns the logged changes (empty: nothing changed, no row). Raises AdminError.
    """
    require_beheerder(actor)
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
        changes = changed_fields(before, after)
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
    require_beheerder(actor)
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
    require_beheerder(actor)
    if user.pk == actor.pk:
        raise AdminError(_("Je kunt je eigen tweede stap niet wissen. Vraag een andere beheerder."))
    with transaction.atomic():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True).count()
        otp.reset_devices(user)
        end_sessions(user)
        log_admin_change(actor, user, {"devices": [devices, 0]}, object_type="second_factor")
