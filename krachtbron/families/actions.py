"""Writes to family files. Each runs in one transaction with its access-log row."""

import secrets
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from krachtbron.accounts.models import Role, Team, User
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import Who, log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families import rights
from krachtbron.families.choices import GoalProposal
from krachtbron.families.models import CaseAssignment, Family, FamilyMember, Goal, RightsDecision
from krachtbron.families.stored_pdf import forget_family
from krachtbron.lib.locking import save_versioned

# No 0/O or 1/I/L: references are read aloud on the phone.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))
    return f"KB-{body[:3]}-{body[3:]}"


def touch_family(family: Family) -> None:
    """A change anywhere in the file counts as a change of the file (retention, §19).

    One plain UPDATE: every change of a file makes it inside its write transaction, and
    building it with the ORM took longer than running it (on SQLite, while holding the one
    write lock)."""
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Family._meta.db_table} SET updated_at = %s WHERE id = %s",  # noqa: S608
            [connection.ops.adapt_datetimefield_value(now), family.pk],
        )


def record_file_change(
    user: Who,
    family: Family,
    kind: AccessKind,
    obj: Any = None,
    *,
    extra: dict[str, Any] | None = None,
) -> None:
    """The two writes every change to a family file makes, inside the action's transaction:
    the file counts as changed (touch_family, retention §19) and the access log gets its row
    (`kind` on `obj`, else on the family; `extra` a small JSON dict, no names). Call it before a
    delete, while `obj` still has its pk. `user`: a staff User, or an ``Actor`` (a family member
    who changed their part of the file in Mijn Krachtbron). The family's stored PDFs go too
    (``stored_pdf.forget_family``): none keeps what the file said before."""
    touch_family(family)
    forget_family(family.pk)
    log_access(user, family, kind, obj, extra=extra)


def create_family(
    user: User, *, team: Team, display_name: str = "", status: str = "", reference: str = ""
) -> Family:
    """Create a family; an adviser who creates it gets it on their caseload."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                family = Family.objects.create(
                    reference=reference or new_reference(),
                    display_name=display_name,
                    team=team,
                    **({"status": status} if status else {}),
                )
                if user.role == Role.ADVISEUR:
                    CaseAssignment.objects.create(family=family, adviser=user)
                log_access(user, family, AccessKind.CREATE)
                return family
        except IntegrityError:
            if reference:
                raise
    raise RuntimeError("Could not find a free reference number")


def update_family(user: User, family: Family, expected_version: int, **changes: Any) -> Family:
    with transaction.atomic():
        save_versioned(family, expected_version, **changes)
        log_access(user, family, AccessKind.CHANGE, extra={"fields": sorted(changes)})
    return family


def add_member(user: User, family: Family, **fields: Any) -> FamilyMember:
    with transaction.atomic():
        member = FamilyMember.objects.create(family=family, **fields)
        record_file_change(user, family, AccessKind.CREATE, member)
    return member


def update_member(user: User, member: FamilyMember, expected_version: int, **changes: Any) -> None:
    with transaction.atomic():
        save_versioned(member, expected_version, **changes)
        record_file_change(user, member.family, AccessKind.CHANGE, member)


#: What other apps remove with a member beyond the database's cascades: data that names the
#: member inside a value (a frozen network moment's JSON). Filled in ``AppConfig.ready()``.
_MEMBER_CLEANUPS: list[Callable[[FamilyMember], None]] = []


def register_member_cleanup(cleanup: Callable[[FamilyMember], None]) -> None:
    """``cleanup(member)`` runs in ``delete_member``'s transaction, before the member goes."""
    _MEMBER_CLEANUPS.append(cleanup)


def delete_member(user: User, member: FamilyMember) -> None:
    """Remove a member from the file with everything that is theirs alone: their goals,
    questionnaires, invitations, strength profile, scalings and their own people on the network
    map go with them (foreign keys with CASCADE), and so do their people in the saved moments of
    the map (``register_member_cleanup``). None of it becomes the whole family's: it would then be
    in every member's copy of the file."""
    with transaction.atomic():
        record_file_change(user, member.family, AccessKind.DELETE, member)
        for cleanup in _MEMBER_CLEANUPS:
            cleanup(member)
        member.delete()


def add_goal(user: User, family: Family, **fields: Any) -> Goal:
    with transaction.atomic():
        goal = Goal.objects.create(family=family, **fields)
        record_file_change(user, family, AccessKind.CREATE, goal)
    return goal


def update_goal(user: User, goal: Goal, expected_version: int, **changes: Any) -> None:
    with transaction.atomic():
        save_versioned(goal, expected_version, **changes)
        record_file_change(user, goal.family, AccessKind.CHANGE, goal)


def delete_goal(user: User, goal: Goal) -> None:
    with transaction.atomic():
        record_file_change(user, goal.family, AccessKind.DELETE, goal)
        goal.delete()


class RightsDecisionError(ValueError):
    """The decision cannot be recorded; ``str(error)`` is the Dutch message for the form."""


def record_rights_decision(
    user: User, subject: FamilyMember, other: FamilyMember, *, kind: str, reason: str
) -> RightsDecision:
    """Record a limit on a parent's right to information about ``subject`` (12 to 15), or a
    share of ``subject``'s own data with ``other`` (families/rights.py, docs/gezinsrechten.md).

    Raises RightsDecisionError (nothing written) when the rules do not allow it today, when
    the two are not members of one family, or when the same decision is already open.
    Logged as a CREATE on the decision, with the kind and the two member ids.
    """
    today = timezone.localdate()
    if subject.family_id != other.family_id:
        raise RightsDecisionError(str(_("Kies een gezinslid uit dit gezin.")))
    check = rights.limit_allowed if kind == RightsDecision.Kind.LIMIT else rights.share_allowed
    if problem := check(subject, other, today):
        raise RightsDecisionError(problem)
    with transaction.atomic():
        # Locks the family row: two advisers recording the same decision get one row.
        Family.objects.select_for_update().filter(pk=subject.family_id).first()
        open_ones = RightsDecision.objects.filter(
            subject=subject, other=other, kind=kind, ended_at=None
        )
        if open_ones.exists():
            raise RightsDecisionError(str(_("Dit besluit staat er al.")))
        decision = RightsDecision.objects.create(
            family_id=subject.family_id,
            subject=subject,
            other=other,
            kind=kind,
            reason=reason,
            decided_by=user,
        )
        record_file_change(
            user,
            subject.family,
            AccessKind.CREATE,
            decision,
            extra={"kind": kind, "subject": subject.pk, "other": other.pk},
        )
    return decision


def end_rights_decision(user: User, decision: RightsDecision) -> None:
    """End a decision: it stays in the file with who ended it and when (never deleted).
    Ending one that is already ended changes nothing."""
    with transaction.atomic():
        ended = RightsDecision.objects.filter(pk=decision.pk, ended_at=None).update(
            ended_at=timezone.now(), ended_by=user
        )
        if ended:
            record_file_change(
                user,
                decision.family,
                AccessKind.CHANGE,
                decision,
                extra={"ended": True, "kind": decision.kind},
            )
    decision.refresh_from_db()


def add_family_goal(
    member: FamilyMember, *, text: str, life_domain: str, for_whole_family: bool
) -> Goal:
    """A family member adds a goal in their own words (Mijn Krachtbron): for themselves, or
    for the whole family. It is marked as the family's (``added_by_member``) and waits as a
    proposal until the adviser agrees it with them (``settle_family_goal``). The access-log
    row names the member as the actor."""
    with transaction.atomic():
        goal = Goal.objects.create(
            family_id=member.family_id,
            member=None if for_whole_family else member,
            text=text,
            life_domain=life_domain,
            added_by_member=member,
            proposal=GoalProposal.PROPOSED,
        )
        record_file_change(Actor.family_member(member), member.family, AccessKind.CREATE, goal)
    return goal


def settle_family_goal(user: User, goal: Goal, proposal: str) -> bool:
    """The adviser's answer to a goal the family proposed: ``GoalProposal.AGREED`` (it is in
    the plan) or ``GoalProposal.DISCUSS`` (we talk about it together first). False when it was
    already so (a second click changes nothing). Raises ValueError for another value."""
    if proposal not in (GoalProposal.AGREED, GoalProposal.DISCUSS):
        raise ValueError(f"Not an answer to a proposal: {proposal!r}")
    with transaction.atomic():
        changed = (
            Goal.objects.filter(pk=goal.pk)
            .exclude(proposal=proposal)
            .exclude(proposal=GoalProposal.AGREED)
            .update(proposal=proposal, version=F("version") + 1, updated_at=timezone.now())
        )
        if changed:
            goal.proposal = proposal
            record_file_change(
                user, goal.family, AccessKind.CHANGE, goal, extra={"proposal": proposal or "agreed"}
            )
    return bool(changed)


def assign_adviser(by: User, family: Family, adviser: User, *, is_substitute: bool = False) -> None:
    """Put a family on an adviser's caseload (a teamleider's decision, logged)."""
    with transaction.atomic():
        assignment, created = CaseAssignment.objects.get_or_create(
            family=family, adviser=adviser, defaults={"is_substitute": is_substitute}
        )
        if not created and assignment.is_substitute != is_substitute:
            assignment.is_substitute = is_substitute
            assignment.save(update_fields=["is_substitute"])
        log_access(
            by,
            family,
            AccessKind.CHANGE,
            object_type="assignment",
            extra={"assigned": adviser.pk, "substitute": is_substitute},
        )


def unassign_adviser(by: User, family: Family, adviser: User) -> None:
    with transaction.atomic():
        CaseAssignment.objects.filter(family=family, adviser=adviser).delete()
        log_access(
            by,
            family,
            AccessKind.CHANGE,
            object_type="assignment",
            extra={"unassigned": adviser.pk},
        )
