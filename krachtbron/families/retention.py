"""Retention (Jeugdwet: 20 years after the last change) and destruction on request.

Everything derived from a family file hangs off `Family` with ON DELETE CASCADE, so deleting the
family removes it all. What stays: a DestructionRecord (dossier number, ground, who) and the
access log (ids and kinds, no names) — the proof that the law was followed.
"""

from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import log_admin_change
from krachtbron.audit.models import AccessKind
from krachtbron.families.models import DestructionRecord, Family, RetentionHold


def retention_deadline(now: datetime | None = None) -> datetime:
    now = now or timezone.now()
    try:
        return now.replace(year=now.year - settings.RETENTION_YEARS)
    except ValueError:  # 29 February
        return now.replace(year=now.year - settings.RETENTION_YEARS, day=28)


def expired_families(now: datetime | None = None) -> QuerySet[Family]:
    """Files unchanged for the retention period and not held by a 'keep longer' decision."""
    today: date = timezone.localdate(now) if now else timezone.localdate()
    held = RetentionHold.objects.filter(family=OuterRef("pk"), until__gte=today)
    return Family.objects.filter(updated_at__lt=retention_deadline(now)).exclude(Exists(held))


def destroy_family(
    family: Family, reason: str, *, decided_by: User | None = None, note: str = ""
) -> DestructionRecord:
    """Delete a family file and everything derived from it; record the decision.

    ``decided_by`` None: the retention period ended (the system decides). One access-log row
    (a destruction, with the file's id and dossier number and the ground; the note is free
    text and stays out of the log) in the same transaction.
    """
    with transaction.atomic():
        record = DestructionRecord.objects.create(
            family_reference=family.reference, reason=reason, note=note, decided_by=decided_by
        )
        # A decision on request names the privacy officer; the daily purge is the system.
        log_admin_change(
            decided_by if decided_by is not None else Actor.system("retention"),
            record,
            {"reason": [None, reason]},
            object_type="destruction",
            kind=AccessKind.DELETE,
            family=family,
        )
        family.delete()
    return record


def purge_expired(now: datetime | None = None) -> int:
    count = 0
    for family in expired_families(now).iterator():
        destroy_family(family, DestructionRecord.Reason.RETENTION)
        count += 1
    return count


def hold_family(family: Family, until: date, reason: str, decided_by: User) -> RetentionHold:
    """Record a decision to keep a file until ``until``; logs the date the file was held until
    before (None: no hold) and the new one. The reason is free text and stays out of the log."""
    with transaction.atomic():
        previous = (
            RetentionHold.objects.filter(family=family).order_by("-until").values("until").first()
        )
        hold = RetentionHold.objects.create(
            family=family, until=until, reason=reason, decided_by=decided_by
        )
        log_admin_change(
            decided_by,
            hold,
            {"until": [previous["until"] if previous else None, until]},
            object_type="retention_hold",
            kind=AccessKind.CREATE,
            family=family,
        )
    return hold
