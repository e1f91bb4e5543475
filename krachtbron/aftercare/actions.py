"""Closing the help, reopening it, and the follow-up check-ins (issue 15, items 3 and 4).

Each write runs in one transaction with its access-log row. Closing and reopening are changes
of the file (its version goes up, ``updated_at`` with it: retention counts from the closure);
a check-in is not: answering it never touches ``Family.updated_at``, so follow-up does not
extend how long the file is kept (docs/netwerkplan.md, "Afsluiten en nazorg").
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.aftercare.choices import AgreementsWork, AnsweredVia
from krachtbron.aftercare.models import Closure, FollowUp
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.choices import FamilyStatus
from krachtbron.families.closing import end_what_access_opened
from krachtbron.families.models import Family, FamilyMember
from krachtbron.families.rights import may_have_portal
from krachtbron.lib.locking import save_versioned
from krachtbron.lib.tokens import hash_token, is_well_formed, new_token


class AlreadyClosed(Exception):
    """The help of this family is already closed (a second click, another tab)."""


class AlreadyAnswered(Exception):
    """This check-in was answered already (each check-in once)."""


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day
    (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def open_closure(family: Family) -> Closure | None:
    """The family's closure that is not reopened, or None."""
    return Closure.objects.filter(family=family, reopened_at__isnull=True).first()


def close_family(
    user: User, family: Family, expected_version: int, *, followup_consent: bool
) -> Closure:
    """Close the help of ``family``: its status becomes closed, a ``Closure`` records when, by
    whom, the family's answer about follow-up and until when Mijn Krachtbron stays open
    (``PORTAL_AFTER_CLOSE_MONTHS`` after today), and with consent the check-ins at
    ``FOLLOWUP_MONTHS`` are scheduled. One access-log row (a CHANGE of the closure).

    Raises ``AlreadyClosed`` when the file is closed already (a double click: nothing written)
    and ``lib.locking.StaleEditError`` when someone changed the file since ``expected_version``
    was read. The closing steps (``families.closing``) never block."""
    with transaction.atomic():
        locked = Family.objects.select_for_update().get(pk=family.pk)
        if locked.status == FamilyStatus.CLOSED:
            raise AlreadyClosed
        # On the locked copy: a stale version leaves the caller's instance as it was.
        save_versioned(locked, expected_version, status=FamilyStatus.CLOSED)
        family.status, family.version = locked.status, locked.version
        now = timezone.now()
        today = timezone.localdate(now)
        closure = Closure.objects.create(
            family=family,
            closed_at=now,
            closed_by=user,
            followup_consent=followup_consent,
            portal_until=add_months(today, settings.PORTAL_AFTER_CLOSE_MONTHS),
        )
        if followup_consent:
            FollowUp.objects.bulk_create(
                FollowUp(family=family, closure=closure, month=month, due=add_months(today, month))
                for month in settings.FOLLOWUP_MONTHS
            )
        log_access(
            user,
            family,
            AccessKind.CHANGE,
            closure,
            extra={"closed": True, "followup": followup_consent},
        )
    return closure


def reopen_family(user: User, family: Family) -> bool:
    """Reopen a closed file: status active, the closure marked reopened (it stays as history),
    and the aftercare schedule ends: check-ins not yet answered are removed, and Mijn
    Krachtbron is open again as for any active family. False when the file was not closed (a
    second click). One access-log row."""
    with transaction.atomic():
        locked = Family.objects.select_for_update().get(pk=family.pk)
        if locked.status != FamilyStatus.CLOSED:
            return False
        # What ended with the family's access (a share of the netwerkplan) stays ended.
        end_what_access_opened(family)
        Family.objects.filter(pk=family.pk).update(
            status=FamilyStatus.ACTIVE, version=F("version") + 1, updated_at=timezone.now()
        )
        closure = open_closure(family)
        ended = 0
        if closure is not None:
            Closure.objects.filter(pk=closure.pk).update(
                reopened_at=timezone.now(), reopened_by=user
            )
            ended, _kinds = FollowUp.objects.filter(
                closure=closure, answered_at__isnull=True
            ).delete()
        log_access(
            user,
            family,
            AccessKind.CHANGE,
            closure,
            object_type="closure",
            object_id=closure.pk if closure else None,
            extra={"reopened": True, "followups_ended": ended},
        )
    family.refresh_from_db()
    return True


# --- Portal access after closure -----------------------------------------------------------------


@dataclass(frozen=True)
class PortalAccess:
    """What Mijn Krachtbron lets a member of this family do today.

    * ``closed`` False: the help runs, everything as usual;
    * ``closed`` and ``until`` not passed: reading the plan and the few things the portal's
      gate allows after closure (``portal.http``);
    * ``ended``: the access period is over (or the file was closed without a closure record):
      links and sessions are refused.
    """

    closed: bool
    until: date | None = None
    ended: bool = False


OPEN = PortalAccess(closed=False)


def portal_access(family: Family, today: date | None = None) -> PortalAccess:
    """Mijn Krachtbron after closure for ``family`` on ``today`` (default: today, Amsterdam).
    No query for a family that is not closed; one for a closed one. Access lasts up to and
    including ``Closure.portal_until``."""
    if family.status != FamilyStatus.CLOSED:
        return OPEN
    today = today or timezone.localdate()
    until = (
        Closure.objects.filter(family_id=family.pk, reopened_at__isnull=True)
        .values_list("portal_until", flat=True)
        .first()
    )
    if until is None:  # closed before closures were recorded: no decision to keep it open
        return PortalAccess(closed=True, ended=True)
    return PortalAccess(closed=True, until=until, ended=today > until)


# --- Follow-up check-ins -------------------------------------------------------------------------


def open_until(follow_up: FollowUp) -> date:
    """The last day a check-in can be answered (``FOLLOWUP_OPEN_DAYS`` after its due date)."""
    return follow_up.due + timedelta(days=settings.FOLLOWUP_OPEN_DAYS)


def _open_q(today: date) -> Q:
    return Q(
        answered_at__isnull=True,
        closure__reopened_at__isnull=True,
        due__lte=today,
        due__gte=today - timedelta(days=settings.FOLLOWUP_OPEN_DAYS),
    )


def open_follow_ups(family: Family | int, today: date | None = None) -> QuerySet[FollowUp]:
    """The family's check-ins that can be answered today: due, not answered, not past
    ``open_until``, of a closure that was not reopened."""
    family_id = family if isinstance(family, int) else family.pk
    return FollowUp.objects.filter(_open_q(today or timezone.localdate()), family_id=family_id)


def is_open(follow_up: FollowUp, today: date | None = None) -> bool:
    return open_follow_ups(follow_up.family_id, today).filter(pk=follow_up.pk).exists()


def answer_follow_up(
    follow_up: FollowUp,
    *,
    score: int,
    agreements_work: str,
    wants_contact: bool,
    member: FamilyMember,
    via: AnsweredVia,
) -> None:
    """Store the answers of one check-in (``score`` 0-10, ``agreements_work`` an
    ``AgreementsWork`` value, ``wants_contact``) by ``member`` through ``via``. The family's
    team today goes with it (group figures count it there). Logged with the member as the
    actor. Does not touch ``Family.updated_at``.

    Raises ``AlreadyAnswered`` when it was answered (or closed) meanwhile, ValueError for an
    answer outside the lists."""
    if not 0 <= score <= 10 or agreements_work not in AgreementsWork.values:
        raise ValueError("check-in answer out of range")
    now = timezone.now()
    team_id = Family.objects.values_list("team_id", flat=True).get(pk=follow_up.family_id)
    with transaction.atomic():
        done = FollowUp.objects.filter(_open_q(timezone.localdate(now)), pk=follow_up.pk).update(
            answered_at=now,
            score=score,
            agreements_work=agreements_work,
            wants_contact=wants_contact,
            answered_by=member,
            answered_via=via,
            team_id=team_id,
            token_hash="",  # a personal link is used up with the answer
        )
        if not done:
            raise AlreadyAnswered
        log_access(
            Actor.family_member(member),
            follow_up.family,
            AccessKind.CHANGE,
            follow_up,
            extra={"month": follow_up.month, "via": str(via), "contact": wants_contact},
        )
    follow_up.refresh_from_db()


def make_link(user: User, follow_up: FollowUp, member: FamilyMember) -> str:
    """A personal link to one check-in for ``member`` (who has no Mijn Krachtbron); returns the
    token to show once. A new link replaces the previous one. Raises ValueError when the member
    is not of the family, may not speak for themselves (``rights.may_have_portal``: under 12)
    or the check-in is not open."""
    if member.family_id != follow_up.family_id:
        raise ValueError("member of another family")
    if not may_have_portal(member, timezone.localdate()):
        raise ValueError("member too young to answer for the family")
    token = new_token()
    with transaction.atomic():
        done = FollowUp.objects.filter(_open_q(timezone.localdate()), pk=follow_up.pk).update(
            token_hash=hash_token(token), link_created_at=timezone.now(), link_member=member
        )
        if not done:
            raise ValueError("check-in not open")
        log_access(
            user,
            follow_up.family,
            AccessKind.CREATE,
            follow_up,
            object_type="followup_link",
            extra={"month": follow_up.month, "member": member.pk},
        )
    return token


def find_by_token(token: str) -> FollowUp | None:
    """The open check-in of this personal link, or None (malformed, unknown, answered, not open
    any more, or the member left the file). A malformed token never reaches the database."""
    if not is_well_formed(token):
        return None
    return (
        FollowUp.objects.select_related("family__team", "link_member")
        .filter(
            _open_q(timezone.localdate()), token_hash=hash_token(token), link_member__isnull=False
        )
        .first()
    )


# --- "Ik wil weer contact": the team's requests --------------------------------------------------


def response_due(follow_up: FollowUp) -> datetime:
    """When the team should have answered a request for contact (``FOLLOWUP_RESPONSE_DAYS``
    calendar days after the check-in was answered)."""
    assert follow_up.answered_at is not None
    return follow_up.answered_at + timedelta(days=settings.FOLLOWUP_RESPONSE_DAYS)


def is_overdue(follow_up: FollowUp, now: datetime | None = None) -> bool:
    """An open request whose response time has passed."""
    return follow_up.contact_handled_at is None and (now or timezone.now()) > response_due(
        follow_up
    )


def contact_requests(team_id: int) -> QuerySet[FollowUp]:
    """The open requests for contact of one team's families, oldest first."""
    return (
        FollowUp.objects.filter(
            family__team_id=team_id, wants_contact=True, contact_handled_at__isnull=True
        )
        .select_related("family")
        .order_by("answered_at", "id")
    )


def handle_request(user: User, follow_up: FollowUp) -> bool:
    """Mark a request for contact as taken up by ``user``; False when it was already (a second
    click). Logged; does not touch ``Family.updated_at``."""
    with transaction.atomic():
        done = FollowUp.objects.filter(
            pk=follow_up.pk, wants_contact=True, contact_handled_at__isnull=True
        ).update(contact_handled_at=timezone.now(), contact_handled_by=user)
        if done:
            log_access(
                user,
                follow_up.family,
                AccessKind.CHANGE,
                follow_up,
                object_type="followup_request",
                extra={"handled": True},
            )
    return bool(done)


def team_phone(family: Family) -> str:
    """The number a family calls meanwhile: its team's (``AFTERCARE_TEAM_PHONES`` by team
    name), else the general one (``AFTERCARE_TEAM_PHONE``)."""
    phones: dict[str, str] = settings.AFTERCARE_TEAM_PHONES
    return phones.get(family.team.name, settings.AFTERCARE_TEAM_PHONE)


def phones(family: Family) -> dict[str, str]:
    """Whom the family calls meanwhile: ``team``, ``emergency`` (112) and ``veilig_thuis``."""
    return {
        "team": team_phone(family),
        "emergency": settings.EMERGENCY_PHONE,
        "veilig_thuis": settings.VEILIG_THUIS_PHONE,
    }


def portal_notice(family: Family, access: PortalAccess) -> dict[str, object]:
    """What Ons plan shows a member of a closed family: until when it stays open, the open
    check-ins (as tasks) and whom to call. Empty for a family whose help runs."""
    if not access.closed:
        return {}
    return {
        "closed": True,
        "until": access.until,
        "follow_ups": list(open_follow_ups(family)),
        "phones": phones(family),
    }
