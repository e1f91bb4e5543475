"""The access log's own retention: old rows leave only through ``purge_access_log``.

Rows are kept ``ACCESS_LOG_RETENTION_YEARS`` (default 20, as long as a family file: SECURITY.md
19), counted from the moment each was written. The purge removes the oldest part of the chain
as a whole: every seal up to some number S and the entries they cover, and puts an *anchor* in
place of seal S. The anchor keeps seal S's MAC, so the chain goes on from it, and carries a
proof (an HMAC with the same key) so that nobody without the key can cut the chain and leave an
anchor of their own. The purge is itself a log row, written by the system actor.

It refuses to remove a chain that does not verify (that would destroy the evidence), also when
the chain no longer reaches a head written to the head file outside the database, and it needs
DELETE on the log: on PostgreSQL run it as the owner role, not as the application role. Run it
on an application server, with that server's ``ACCESS_LOG_HEAD_FILE``: the anchor is written
there too.

The retention can be longer than a family file's, never shorter (``minimum_years``).
"""

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone

from krachtbron.audit import witness
from krachtbron.audit.actors import Actor
from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessLogSeal, SealKind
from krachtbron.audit.sealing import ChainCut, Head, anchor_proof, lock, record_head, seal_pending
from krachtbron.audit.verify import GRACE, verify_chain


class PurgeRefused(Exception):
    """The chain is broken: purging would remove the evidence. The message says where."""


class NotTheOwner(Exception):
    """The database role may not delete from the log (the application role): run as owner."""


@dataclass(frozen=True)
class PurgeResult:
    cutoff: datetime
    entries: int  # entries removed
    anchor: int | None  # the new anchor's seal number, None when nothing was old enough


def minimum_years() -> int:
    """The shortest retention of the log: as long as a family file (``RETENTION_YEARS``, 20).

    A family may ask who looked at their file for as long as Krachtbron may hold it (AVG art.
    15, SECURITY.md 18 and 19); a log purged earlier would answer that question with gaps, and
    would let the owner remove evidence "legitimately" long before the file itself is gone.
    """
    return int(settings.RETENTION_YEARS)


def cutoff_for(now: datetime, years: int) -> datetime:
    """``now`` minus ``years`` calendar years (29 February becomes 28 February)."""
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


def purge_access_log(*, now: datetime | None = None, years: int | None = None) -> PurgeResult:
    """Remove entries written before the retention cutoff, with their seals; re-anchor.

    ``years`` (default ``ACCESS_LOG_RETENTION_YEARS``) below ``minimum_years()`` is a
    ValueError. Raises PurgeRefused when the chain is broken or cut, NotTheOwner without DELETE.
    """
    now = now or timezone.now()
    years = years or settings.ACCESS_LOG_RETENTION_YEARS
    if years < minimum_years():
        raise ValueError(f"The access log is kept at least {minimum_years()} years.")
    cutoff = cutoff_for(now, years)
    _require_delete()
    with transaction.atomic():
        lock(wait=True)  # no sealer runs while the chain is cut
        try:
            while seal_pending(scan_all=True, batch=5000, wait=True):
                pass
        except ChainCut as cut:
            raise PurgeRefused(cut.message) from None
        report = verify_chain(grace=GRACE, now=now)
        if report.broken is not None:
            raise PurgeRefused(report.broken.message)
        if report.witness_problem:
            raise PurgeRefused(report.witness_problem)
        start = report.anchor.sequence if report.anchor is not None else 0
        through = _last_removable(start, cutoff)
        if through is None:
            return PurgeResult(cutoff, 0, None)
        removed_mac = AccessLogSeal.objects.values_list("mac", flat=True).get(sequence=through)
        covered = AccessLogSeal.objects.filter(sequence__lte=through, entry_id__isnull=False)
        count = AccessLogEntry.objects.filter(pk__in=covered.values("entry_id")).count()
        # The purge is itself on record, in the part of the log that stays.
        from krachtbron.audit.log import log_access

        log_access(
            Actor.system("log_retention"),
            None,
            AccessKind.DELETE,
            object_type="access_log",
            extra={"before": cutoff.date().isoformat(), "entries": count, "through_seal": through},
        )
        _delete_through(through)
        detail = {"before": cutoff.isoformat(), "entries": count, "purged_at": now.isoformat()}
        AccessLogSeal.objects.create(
            sequence=through,
            kind=SealKind.ANCHOR,
            mac=removed_mac,
            proof=anchor_proof(through, removed_mac, detail),
            detail=detail,
        )
        # The anchor goes to the head file once it is committed, before the next head.
        transaction.on_commit(
            partial(record_head, Head(through, removed_mac), witness.ANCHOR), robust=True
        )
        seal_pending(scan_all=True, batch=5000, wait=True)  # seals the purge's own row
    return PurgeResult(cutoff, count, through)


def _last_removable(start: int, cutoff: datetime) -> int | None:
    """S: the last seal before the first one whose entry is still within the retention period.

    The chain is cut as a whole at one point; an old entry that was sealed after a young one
    simply stays a little longer.
    """
    young = AccessLogEntry.objects.filter(at__gte=cutoff).values("pk")
    first_young = AccessLogSeal.objects.filter(
        sequence__gt=start, kind=SealKind.ENTRY, entry_id__in=young
    ).aggregate(first=Min("sequence"))["first"]
    if first_young is None:
        last = (
            AccessLogSeal.objects.order_by("-sequence").values_list("sequence", flat=True).first()
        )
        through = last or 0
    else:
        through = first_young - 1
    return through if through > start else None


def _require_delete() -> None:
    """Refuse at once, before any work, when this database role may not delete log rows."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT has_table_privilege(%s, 'DELETE') AND has_table_privilege(%s, 'DELETE')",
            [AccessLogEntry._meta.db_table, AccessLogSeal._meta.db_table],
        )
        row = cursor.fetchone()
    if not (row and row[0]):
        raise NotTheOwner


def _delete_through(through: int) -> None:
    """Plain SQL, on purpose: the ORM refuses to delete log rows (append-only)."""
    entries = AccessLogEntry._meta.db_table
    seals = AccessLogSeal._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {entries} WHERE id IN "  # noqa: S608 - table names from the models
            f"(SELECT entry_id FROM {seals} WHERE sequence <= %s AND entry_id IS NOT NULL)",
            [through],
        )
        cursor.execute(f"DELETE FROM {seals} WHERE sequence <= %s", [through])  # noqa: S608
