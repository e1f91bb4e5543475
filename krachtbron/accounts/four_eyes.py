"""Four eyes: the privacy-officer right, and becoming a beheerder, need a second beheerder.

One beheerder asks (``request_right``), another decides (``decide_request``); the decider is
neither the requester nor the user, and not brought in by either (``related``): four eyes means
two people. Each step writes its log row inside its transaction (``log_admin_change``).
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from krachtbron.accounts.changes import (
    AdminError,
    invitation_link,
    require_beheerder,
    send_invitation,
)
from krachtbron.accounts.models import PrivilegeRequest, Role, User
from krachtbron.accounts.roles import has_role
from krachtbron.audit.log import log_admin_change
from krachtbron.audit.models import AccessKind

Right = PrivilegeRequest.Right
#: What each right's rows are called in the log (``labels.ADMIN_LABELS``).
GRANT_OBJECT_TYPES = {
    Right.PRIVACY_OFFICER: "privacy_officer_grant",
    Right.BEHEERDER: "beheerder_grant",
}


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


def file_request(actor: User, user: User, right: str) -> PrivilegeRequest:
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
    require_beheerder(actor)
    if user.pk == actor.pk:
        raise AdminError(_("Je kunt dit recht niet voor jezelf aanvragen."))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if right == Right.PRIVACY_OFFICER:
            if not has_role(user, Role.BEHEERDER):
                raise AdminError(_("Alleen een actieve beheerder kan privacy officer worden."))
            if user.is_privacy_officer:
                raise AdminError(_("Deze beheerder is al privacy officer."))
        elif right == Right.BEHEERDER:
            if has_role(user, Role.BEHEERDER):
                raise AdminError(_("Deze gebruiker is al een actieve beheerder."))
        else:
            raise ValueError(f"Unknown right {right!r}")
        return file_request(actor, user, right)


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
    require_beheerder(actor)
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
        if approve and right == Right.PRIVACY_OFFICER and not has_role(user, Role.BEHEERDER):
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
        send_invitation(user, invitation_link(user))
    return changes


def withdraw_request(actor: User, request_id: int) -> PrivilegeRequest:
    """The requester takes back a request that is still waiting (with two beheerders, nobody
    else could ever decide it). Raises AdminError for anyone else or a decided request."""
    require_beheerder(actor)
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
    require_beheerder(actor)
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
