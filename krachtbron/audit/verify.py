"""Checking the access log's seal chain (``manage.py verify_access_log``).

The check starts at the newest anchor (left by a retention purge; it must carry a genuine
proof) or at the first seal, recomputes every seal's MAC from the entry it covers and the
previous MAC, and stops at the first broken link, saying what it most likely is:

* a seal number is missing: seals (and their entries) were removed;
* a seal's entry is gone: the entry was removed;
* a seal does not match, but the next one does: the entry was changed (or swapped with another);
* a seal does not match and neither does the next: the seal itself was changed or moved.

Separately it counts entries older than a few minutes that no seal covers (sealing stopped, or
someone inserted rows behind the application's back), and, given a head copied from the
application log, whether the chain still reaches it (tail truncation).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from hmac import compare_digest
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

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
    head_problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.unsealed and not self.head_problem


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
) -> Report:
    """Check the whole chain from the newest anchor; see the module docstring.

    ``expect_head``: a head copied from the application log, as (sequence, MAC prefix).
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
    return report


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
