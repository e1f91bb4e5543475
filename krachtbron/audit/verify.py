"""Checking the access log's seal chain (``manage.py verify_access_log``).

The check starts at the newest anchor (left by a retention purge; it must carry a genuine
proof) or at the first seal, recomputes every seal's MAC from the entry it covers and the
previous MAC, and stops at the first broken link, saying what it most likely is:

* a seal number is missing: seals (and their entries) were removed;
* a seal's entry is gone: the entry was removed;
* a seal does not match, but the next one does: the entry was changed (or swapped with another);
* a seal does not match and neither does the next: the seal itself was changed or moved.

Separately it counts entries older than a few minutes that no seal covers (sealing stopped, or
someone inserted rows behind the application's back), and checks every head written to the head
file outside the database (``krachtbron.audit.witness``): each must still be in the chain with
the same MAC, so a cut-off tail, a wiped log or a chain re-sealed after a removal is reported
(``check_witness``). A head copied from the application log can be checked too (``--head``).
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from hmac import compare_digest
from pathlib import Path
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from krachtbron.audit import witness
from krachtbron.audit.models import AccessLogEntry, AccessLogSeal, SealKind
from krachtbron.audit.sealing import GENESIS, Head, anchor_proof, entry_mac, entry_values

#: Entries younger than this may still be waiting for their seal.
GRACE = timedelta(minutes=5)
CHUNK = 2000


@dataclass(frozen=True)
class Break:
    """The first broken link: which seal, which entry, and what it most likely means."""

    code: str  # seal_missing, entry_missing, entry_changed, seal_changed, anchor_forged
    sequence: int
    entry_id: int | None
    message: str


@dataclass
class Report:
    entries: int = 0
    first: int | None = None  # first seal number checked
    head: Head | None = None
    anchor: AccessLogSeal | None = None
    broken: Break | None = None
    unsealed: list[int] = field(default_factory=list)  # ids of old entries without a seal
    head_problem: str = ""  # the head given with --head
    witnessed: int = 0  # heads from the head file(s) found in the chain
    witness_files: list[Path] = field(default_factory=list)
    witness_problem: str = ""  # the first head of the head file(s) the chain does not hold

    @property
    def ok(self) -> bool:
        return (
            self.broken is None
            and not self.unsealed
            and not self.head_problem
            and not self.witness_problem
        )


def _links(start: int) -> Iterator[tuple[AccessLogSeal, dict[str, Any] | None]]:
    """Every seal from ``start`` on, in chain order, with the entry it covers (None if gone)."""
    after = start - 1
    while True:
        seals = list(AccessLogSeal.objects.filter(sequence__gt=after).order_by("sequence")[:CHUNK])
        if not seals:
            return
        ids = [s.entry_id for s in seals if s.entry_id is not None]
        entries = {
            values["id"]: values
            for values in entry_values(AccessLogEntry.objects.filter(pk__in=ids))
        }
        for seal in seals:
            yield seal, entries.get(seal.entry_id) if seal.entry_id is not None else None
        after = seals[-1].sequence


def _check_anchor(anchor: AccessLogSeal) -> Break | None:
    expected = anchor_proof(anchor.sequence, anchor.mac, anchor.detail)
    if compare_digest(expected, anchor.proof):
        return None
    return Break(
        "anchor_forged",
        anchor.sequence,
        None,
        _("Anker %(n)d is niet echt: het is gemaakt of gewijzigd zonder de sleutel.")
        % {"n": anchor.sequence},
    )


def _matches(previous: str, seal: AccessLogSeal, entry: dict[str, Any] | None) -> bool:
    if seal.kind != SealKind.ENTRY or entry is None:
        return False
    return compare_digest(entry_mac(previous, seal.sequence, entry), seal.mac)


def _walk(report: Report, previous: str, expected: int) -> None:
    links = _links(expected)
    link = next(links, None)
    while link is not None:
        seal, entry = link
        following = next(links, None)
        if seal.sequence != expected:
            last = seal.sequence - 1
            report.broken = Break(
                "seal_missing",
                expected,
                None,
                _(
                    "Zegel %(first)d tot en met %(last)d ontbreekt: die zegels en hun regels zijn "
                    "verwijderd."
                )
                % {"first": expected, "last": last},
            )
            return
        if seal.kind == SealKind.ENTRY and entry is None:
            report.broken = Break(
                "entry_missing",
                seal.sequence,
                seal.entry_id,
                _("Regel %(entry)d (zegel %(n)d) ontbreekt: de regel is verwijderd.")
                % {"entry": seal.entry_id, "n": seal.sequence},
            )
            return
        if not _matches(previous, seal, entry):
            next_fits = following is not None and _matches(seal.mac, *following)
            if next_fits:
                code = "entry_changed"
                message = _(
                    "Regel %(entry)d past niet bij zegel %(n)d: de regel is gewijzigd of "
                    "verwisseld met een andere regel."
                )
            else:
                code = "seal_changed"
                message = _(
                    "Zegel %(n)d klopt niet (regel %(entry)s): de zegel is gewijzigd, "
                    "verplaatst of vervangen."
                )
            report.broken = Break(
                code,
                seal.sequence,
                seal.entry_id,
                message
                % {
                    "entry": seal.entry_id if seal.entry_id is not None else "–",
                    "n": seal.sequence,
                },
            )
            return
        previous = seal.mac
        report.head = Head(seal.sequence, seal.mac)
        expected += 1
        link = following


def verify_chain(
    *,
    grace: timedelta = GRACE,
    expect_head: tuple[int, str] | None = None,
    now: datetime | None = None,
    head_files: Iterable[Path] | None = None,
) -> Report:
    """Check the whole chain from the newest anchor; see the module docstring.

    ``expect_head``: a head copied from the application log, as (sequence, MAC prefix).
    ``head_files``: the head files to check the chain against (default: this server's
    ``ACCESS_LOG_HEAD_FILE``).
    """
    now = now or timezone.now()
    report = Report(entries=AccessLogEntry.objects.count())
    anchor = AccessLogSeal.objects.filter(kind=SealKind.ANCHOR).order_by("-sequence").first()
    report.anchor = anchor
    if anchor is not None:
        report.broken = _check_anchor(anchor)
        previous, expected = anchor.mac, anchor.sequence + 1
        report.head = Head(anchor.sequence, anchor.mac)
    else:
        previous, expected = GENESIS, 1
    report.first = expected
    if report.broken is None:
        _walk(report, previous, expected)
    sealed = AccessLogSeal.objects.filter(entry_id=OuterRef("pk"))
    report.unsealed = list(
        AccessLogEntry.objects.filter(at__lt=now - grace)
        .filter(~Exists(sealed))
        .order_by("pk")
        .values_list("pk", flat=True)[:100]
    )
    if expect_head is not None:
        report.head_problem = _check_head(report, *expect_head)
    files = list(head_files) if head_files is not None else [witness.head_file()]
    check_witness(report, files)
    return report


#: Heads looked up in the database at a time.
WITNESS_BATCH = 1000


def check_witness(report: Report, files: list[Path]) -> None:
    """Check every head in ``files`` against the chain; sets ``report.witness_problem`` to the
    first one the database no longer holds (or holds with another MAC), in Dutch.

    A head below the newest anchor was removed by a retention purge (the anchor stands in for
    it); a head written before a ``restore`` line with a lower number was lost with that
    restore. Without any head at all while the chain has seals, nothing outside the database
    vouches for the chain's end: that is a problem too.
    """
    report.witness_files = files
    try:
        _check_files(report, files)
    except OSError as error:
        report.witness_problem = _("Het kopbestand is niet te lezen: %(error)s.") % {
            "error": f"{type(error).__name__}: {error.filename}"
        }


def _check_files(report: Report, files: list[Path]) -> None:
    anchor_at = report.anchor.sequence if report.anchor is not None else 0
    present = False
    for path in files:
        # First pass: the restores (few). A restore voids the heads written before it that lie
        # beyond the restored head.
        restores = [
            (line.line, line.sequence)
            for line in witness.read(path)
            if isinstance(line, witness.Witnessed) and line.kind == witness.RESTORE
        ]
        batch: list[witness.Witnessed] = []
        for line in witness.read(path):
            if isinstance(line, witness.Unreadable):
                report.witness_problem = _(
                    "Regel %(line)d van het kopbestand %(file)s is niet te lezen."
                ) % {"line": line.line, "file": path}
                return
            present = True
            voided = any(at > line.line and sequence < line.sequence for at, sequence in restores)
            if voided or line.mac == witness.NO_MAC or line.sequence < anchor_at:
                continue  # lost with a restore, or purged (the checked anchor stands in)
            batch.append(line)
            if len(batch) >= WITNESS_BATCH:
                if not _check_batch(report, batch, path):
                    return
                batch = []
        if batch and not _check_batch(report, batch, path):
            return
    if not present and report.head is not None:
        report.witness_problem = _(
            "Er is geen kop van de keten buiten de database (kopbestand %(file)s ontbreekt of "
            "is leeg), terwijl de keten tot zegel %(n)d loopt: of de log aan het eind is "
            "ingekort of gewist, is zo niet te zien."
        ) % {"file": ", ".join(str(p) for p in files), "n": report.head.sequence}


def _check_batch(report: Report, batch: list[witness.Witnessed], path: Path) -> bool:
    """Compare heads with the database's seals; False (and the problem set) at the first miss."""
    macs = dict(
        AccessLogSeal.objects.filter(sequence__in={w.sequence for w in batch}).values_list(
            "sequence", "mac"
        )
    )
    for head in batch:
        found = macs.get(head.sequence)
        if found is not None and compare_digest(found, head.mac):
            report.witnessed += 1
            continue
        newest_anchor = (
            AccessLogSeal.objects.filter(kind=SealKind.ANCHOR)
            .order_by("-sequence")
            .values_list("sequence", flat=True)
            .first()
        )
        if found is None and newest_anchor is not None and head.sequence < newest_anchor:
            continue  # a purge ran while this check did; the anchor is checked next time
        report.witness_problem = _witness_message(head, found, path)
        return False
    return True


def _witness_message(head: witness.Witnessed, found: str | None, path: Path) -> str:
    if found is None:
        return _(
            "Zegel %(n)d uit het kopbestand (%(file)s, regel %(line)d) ontbreekt: de toegangslog "
            "is daarna ingekort of gewist."
        ) % {"n": head.sequence, "file": path, "line": head.line}
    return _(
        "Zegel %(n)d wijkt af van het kopbestand (%(file)s, regel %(line)d): de keten is na "
        "een verwijdering opnieuw verzegeld of vervangen."
    ) % {"n": head.sequence, "file": path, "line": head.line}


def _check_head(report: Report, sequence: int, prefix: str) -> str:
    """Does the chain still reach a head copied from the application log?"""
    anchor_at = report.anchor.sequence if report.anchor is not None else 0
    if sequence < anchor_at:
        return ""  # removed by a retention purge since; the anchor stands in for it
    mac = AccessLogSeal.objects.filter(sequence=sequence).values_list("mac", flat=True).first()
    if mac is None:
        return _(
            "Zegel %(n)d uit het applicatielog ontbreekt: de log is na die zegel ingekort."
        ) % {"n": sequence}
    if not prefix or not mac.startswith(prefix.lower()):
        return _("Zegel %(n)d wijkt af van de kopie in het applicatielog.") % {"n": sequence}
    return ""
