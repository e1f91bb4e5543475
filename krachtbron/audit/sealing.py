"""Sealing the access log: a keyed hash chain over its entries, in the order they are sealed.

Entries are written as before, inside the transaction of the read or change they record; no
chain work happens there. Right after that transaction commits (``transaction.on_commit``) the
sealer appends one ``AccessLogSeal`` per new entry:

    mac(n) = HMAC-SHA256(ACCESS_LOG_KEY, [mac(n-1), n] + canonical form of the entry)

The key lives outside the database (an environment setting), so someone who can change rows in
the database cannot compute matching seals. The chain follows the order of *sealing*, not entry
ids: a transaction that started earlier can commit later, and its entry is simply sealed later.

Under load the sealer runs at most once per ``ACCESS_LOG_SEAL_INTERVAL_MS`` in a process, so
one run seals the rows of many requests; when it is quiet, every commit seals at once. The rows
of the last requests of a burst are sealed by the next commit anywhere or by
``seal_access_log``. The sealer never waits for another one: on PostgreSQL it takes
``pg_try_advisory_xact_lock`` and gives up when another process is sealing (that one, or the
next request, seals these rows too); on SQLite writes are serialised anyway. A lost race is
harmless: seal numbers and sealed entries are unique, so a second sealer's insert fails and
changes nothing. ``seal_access_log`` (cron) seals anything left over.

The chain is only as good as its newest part. Before sealing, the sealer checks that the
database still holds the newest head written to the head file outside it
(``krachtbron.audit.witness``); when a row and the seals after it were removed, or the whole log,
it raises ``ChainCut`` instead of sealing what is left into a chain that would be whole again.
Once a seal run has committed, its head goes to that file and to the application log (number and
MAC, no personal data).
"""

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime

from krachtbron.audit import witness
from krachtbron.audit.models import AccessLogEntry, AccessLogSeal, SealKind

logger = logging.getLogger("krachtbron.audit.seal")

#: The fields a seal covers, in the canonical form (every column of an entry).
CANONICAL_FIELDS = (
    "id",
    "at",
    "actor_kind",
    "actor_id",
    "actor_member_id",
    "actor_role",
    "family_id",
    "family_reference",
    "kind",
    "object_type",
    "object_id",
    "result",
    "extra",
)
#: The "previous MAC" of the very first seal.
GENESIS = ""
#: PostgreSQL advisory lock that one sealer (or the retention purge) holds at a time.
SEAL_LOCK = 0x4B42_5345_414C  # "KBSEAL"
#: Entries sealed per run right after a commit; ``seal_access_log`` takes bigger batches.
HOT_BATCH = 500
#: Right after a commit the sealer looks for unsealed entries among the newest ones only (ids
#: above the highest sealed id minus this window), so that the look-up stays small however
#: long the log is. An entry that commits later than that is sealed by ``seal_access_log``.
WINDOW = 200


@dataclass(frozen=True)
class Head:
    """The newest link of the chain: its number and MAC."""

    sequence: int
    mac: str

    @property
    def short(self) -> str:
        """ "1234:5f3a9c0e1b2d4a6f": what the application log keeps of the head."""
        return f"{self.sequence}:{self.mac[:16]}"


class ChainCut(Exception):
    """The database no longer holds the newest head written outside it: seals were removed or
    replaced. Nothing is sealed until this is looked into (``verify_access_log``)."""

    def __init__(self, code: str, witnessed: "witness.Witnessed") -> None:
        self.code = code  # "missing" (cut off or wiped) or "changed" (replaced)
        self.sequence = witnessed.sequence
        super().__init__(f"access log: seal {witnessed.sequence} from the head file is {code}")

    @property
    def message(self) -> str:
        """In Dutch, for the commands."""
        from django.utils.translation import gettext as _

        if self.code == "missing":
            return _(
                "Zegel %(n)d uit het kopbestand ontbreekt in de database: de toegangslog is "
                "daarna ingekort of gewist. Er wordt niets verzegeld tot dit is uitgezocht."
            ) % {"n": self.sequence}
        return _(
            "Zegel %(n)d in de database wijkt af van het kopbestand: de keten is na een "
            "verwijdering opnieuw verzegeld of vervangen. Er wordt niets verzegeld tot dit is "
            "uitgezocht."
        ) % {"n": self.sequence}


def _key() -> bytes:
    return str(settings.ACCESS_LOG_KEY).encode()


#: The canonical JSON (sorted keys, no spaces), one encoder for every entry: a seal run hashes
#: the rows of many requests, and ``json.dumps`` with options builds a new encoder each call.
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _json(value: Any) -> str:
    return _ENCODER.encode(value)


def canonical(values: Mapping[str, Any]) -> str:
    """An entry (as ``entry_values`` reads it) as one fixed string: JSON with sorted keys."""
    data = {name: values[name] for name in CANONICAL_FIELDS}
    at: datetime = data["at"]
    data["at"] = at.astimezone(UTC).isoformat(timespec="microseconds")
    return _json(data)


def entry_mac(previous: str, sequence: int, values: Mapping[str, Any]) -> str:
    """The MAC of seal ``sequence`` over one entry, chained to the previous seal's MAC."""
    # previous is hex (or empty) and sequence a number: nothing in the header needs escaping.
    message = f'["{previous}",{int(sequence)}]\n' + canonical(values)
    return hmac.digest(_key(), message.encode(), "sha256").hex()  # = hmac.new(...).hexdigest()


def anchor_proof(sequence: int, mac: str, detail: Mapping[str, Any]) -> str:
    """The MAC that makes an anchor genuine: over its number, chain value and details."""
    message = _json(["anchor", sequence, mac, dict(detail)])
    return hmac.new(_key(), message.encode(), hashlib.sha256).hexdigest()


def entry_values(entries: QuerySet[AccessLogEntry]) -> QuerySet[AccessLogEntry, dict[str, Any]]:
    """The entries as dicts of exactly the canonical fields (what a seal covers)."""
    values: QuerySet[AccessLogEntry, dict[str, Any]] = entries.values(*CANONICAL_FIELDS)
    return values


def current_head() -> Head | None:
    head = AccessLogSeal.objects.order_by("-sequence").values_list("sequence", "mac").first()
    return Head(*head) if head else None


def lock(*, wait: bool) -> bool:
    """Take the sealer's lock for the current transaction; False if another process has it.

    PostgreSQL: an advisory transaction lock. SQLite: the transaction itself already holds the
    database's one write lock (``transaction_mode`` IMMEDIATE), so there is nothing to take.
    """
    if connection.vendor != "postgresql":
        return True
    function = "pg_advisory_xact_lock" if wait else "pg_try_advisory_xact_lock"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s)", [SEAL_LOCK])  # noqa: S608 - a fixed name
        row = cursor.fetchone()
    return wait or bool(row and row[0])


def _pending(low: int | None, batch: int) -> list[dict[str, Any]]:
    """Unsealed entries with an id above ``low`` (all when None), lowest id first.

    Plain SQL: this runs after almost every request, and building the ORM query (or a raw()
    model per row) costs more than running it. The two columns a driver returns in its own
    form are converted as Django's ``.values()`` does, so the canonical form is the same as
    when ``verify_access_log`` reads the entries through the ORM (tested on both databases).
    """
    entries, seals = AccessLogEntry._meta.db_table, AccessLogSeal._meta.db_table
    columns = ", ".join(f"e.{connection.ops.quote_name(name)}" for name in CANONICAL_FIELDS)
    sql = (
        f"SELECT {columns} FROM {entries} e WHERE e.id > %s "  # noqa: S608 - model table names
        f"AND NOT EXISTS (SELECT 1 FROM {seals} s WHERE s.entry_id = e.id) ORDER BY e.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [low if low is not None else -1, batch])
        found = cursor.fetchall()
    rows = []
    for values in found:
        row = dict(zip(CANONICAL_FIELDS, values, strict=True))
        row["at"] = _as_utc(row["at"])
        if isinstance(row["extra"], str | bytes):
            row["extra"] = json.loads(row["extra"])
        rows.append(row)
    return rows


def _as_utc(value: datetime | str) -> datetime:
    """A timestamp as the driver returns it (SQLite: naive UTC text) as an aware UTC datetime."""
    if isinstance(value, str):
        parsed = parse_datetime(value)
        if parsed is None:
            raise ValueError(f"Not a timestamp: {value!r}")
        value = parsed
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _head_and_top(witnessed: "witness.Witnessed | None" = None) -> tuple[Head | None, int]:
    """The head and the highest sealed entry id, in one plain query; with ``witnessed`` (the
    newest head in the head file) the same query fetches that seal's MAC, and ``ChainCut`` is
    raised unless the database still holds it."""
    seals = AccessLogSeal._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT sequence, mac, (SELECT MAX(entry_id) FROM {seals}), "  # noqa: S608
            f"(SELECT mac FROM {seals} WHERE sequence = %s) "
            f"FROM {seals} ORDER BY sequence DESC LIMIT 1",
            [witnessed.sequence if witnessed is not None else -1],
        )
        row = cursor.fetchone()
    if witnessed is not None:
        _check_witness(witnessed, row[3] if row is not None else None)
    if row is None:
        return None, 0
    return Head(row[0], row[1]), row[2] or 0


def _check_witness(witnessed: "witness.Witnessed", found: str | None) -> None:
    """Raise ChainCut unless the database holds ``witnessed`` with the same MAC, or a genuine
    anchor beyond it (a retention purge removed that seal; the anchor stands in for it)."""
    if found is not None:
        if hmac.compare_digest(found, witnessed.mac):
            return
        raise ChainCut("changed", witnessed)
    anchor = (
        AccessLogSeal.objects.filter(kind=SealKind.ANCHOR, sequence__gt=witnessed.sequence)
        .order_by("-sequence")
        .first()
    )
    if anchor is not None and hmac.compare_digest(
        anchor_proof(anchor.sequence, anchor.mac, anchor.detail), anchor.proof
    ):
        return
    raise ChainCut("missing", witnessed)


def _chain(
    head: Head | None, rows: Iterable[Mapping[str, Any]]
) -> tuple[list[tuple[int, int, str]], Head | None]:
    """The seals for ``rows`` after ``head`` as (sequence, entry id, MAC), and the new head."""
    sequence, mac = (head.sequence, head.mac) if head else (0, GENESIS)
    seals = []
    for values in rows:
        sequence += 1
        mac = entry_mac(mac, sequence, values)
        seals.append((sequence, values["id"], mac))
    return seals, (Head(sequence, mac) if seals else head)


def _store(seals: list[tuple[int, int, str]]) -> None:
    """Insert entry seals with one prepared statement (cheaper than bulk_create here)."""
    if not seals:
        return
    meta = AccessLogSeal._meta
    empty = meta.get_field("detail").get_db_prep_save({}, connection)
    sql = (
        f"INSERT INTO {meta.db_table} (sequence, kind, entry_id, mac, proof, detail) "  # noqa: S608
        "VALUES (%s, %s, %s, %s, %s, %s)"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                (sequence, str(SealKind.ENTRY), entry, mac, "", empty)
                for sequence, entry, mac in seals
            ],
        )


def append_seals(head: Head | None, rows: Iterable[Mapping[str, Any]]) -> Head | None:
    """Chain ``rows`` after ``head`` and store the seals; call with the lock held."""
    seals, new_head = _chain(head, rows)
    _store(seals)
    return new_head


def seal_pending(*, scan_all: bool = False, batch: int = HOT_BATCH, wait: bool = False) -> int:
    """Seal up to ``batch`` unsealed entries, oldest id first; returns how many were sealed.

    ``scan_all`` looks at the whole log (the command); otherwise only at the newest entries
    (``WINDOW``). ``wait`` (commands) takes the lock first and waits for it. Without it (after
    a commit) the rows are read and their seals computed *before* the lock is taken, so the
    write lock is held only for one check and one INSERT; if another sealer moved the chain in
    the meantime, this one gives up (that one, or the next run, seals these rows).

    Raises ``ChainCut`` (and seals nothing) when the database no longer holds the newest head
    in the head file. Once the seals are committed, the new head is written to that file.
    """
    witnessed = witness.newest()
    try:
        if wait:
            with transaction.atomic():
                lock(wait=True)
                head, top = _head_and_top(witnessed)
                seals, new_head = _chain(head, _pending(None if scan_all else top - WINDOW, batch))
                _store(seals)
        else:
            head, top = _head_and_top(witnessed)
            seals, new_head = _chain(head, _pending(None if scan_all else top - WINDOW, batch))
            if not seals:
                return 0
            with transaction.atomic():
                if not lock(wait=False) or _head_and_top()[0] != head:
                    return 0
                _store(seals)
    except IntegrityError:
        # Another sealer got there first (only possible without the lock): nothing changed.
        logger.info("access log: another process sealed first")
        return 0
    if seals and new_head is not None:
        # Only once the seals are committed (at once outside a transaction): a head in the file
        # that the database never got would stop all sealing.
        transaction.on_commit(partial(record_head, new_head, witness.SEAL), robust=True)
    return len(seals)


def record_head(head: Head, kind: str = witness.SEAL) -> None:
    """Keep a copy of the chain head outside the database: a line in the head file and one in
    the application log. Call it only once the seals (or the anchor) are committed."""
    witness.append(kind, head.sequence, head.mac)
    logger.info("access log sealed through %s", head.short)


class _Pace:
    """When this process last sealed after a commit (``time.monotonic``)."""

    last = float("-inf")


def _seal_after_commit() -> None:
    # At most one run per ACCESS_LOG_SEAL_INTERVAL_MS in a process: under load a run seals the
    # rows of many requests at once (small batches) instead of adding a second commit to every
    # page view; when it is quiet, every commit seals at once.
    now = time.monotonic()
    if (now - _Pace.last) * 1000 < settings.ACCESS_LOG_SEAL_INTERVAL_MS:
        return
    _Pace.last = now
    try:
        seal_pending()
    except ChainCut as cut:
        _report(cut)


class _Refused:
    """When this process last logged that it refuses to seal (``time.monotonic``)."""

    last = float("-inf")


def _report(cut: ChainCut) -> None:
    # An error without personal data, at most once a minute per process: the page still works,
    # its rows wait unsealed, and the daily verify_access_log reports the cut.
    now = time.monotonic()
    if now - _Refused.last >= 60:
        _Refused.last = now
        logger.error("%s: not sealing; run verify_access_log", cut)


def seal_after_commit() -> None:
    """Seal the new entries once the current transaction commits (at once in autocommit).

    Registered once per transaction, however many rows it writes. A failure is logged and
    does not undo or hide the committed work: the rows are sealed by the next run.
    """
    pending = transaction.get_connection().run_on_commit
    if any(func is _seal_after_commit for _sids, func, _robust in pending):
        return
    transaction.on_commit(_seal_after_commit, robust=True)
