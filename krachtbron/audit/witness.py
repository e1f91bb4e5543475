"""The chain's head, kept outside the database: the witness against cutting the access log.

The seal chain proves that nothing *sealed* was changed. It cannot prove by itself that the
newest part is still there: someone who can write the database (without the key) can remove a
row together with every seal from its seal on, or the whole log, and the application would seal
what is left into a chain that is whole again (break-11, finding 1). So every seal run appends
the head it reached to a file outside the database, ``ACCESS_LOG_HEAD_FILE``, and

* before sealing, the sealer checks that the database still holds the newest head in that file
  (same number, same MAC), or a genuine anchor beyond it (a retention purge removed it): if not,
  it refuses to seal, so the application never seals over a cut (``sealing.seal_pending``);
* ``verify_access_log`` checks every head in the file against the database
  (``verify.check_witness``), so a removed tail, a wiped log or a re-sealed chain is reported.

One line per event, appended with a single ``write`` on a file opened with ``O_APPEND`` (several
processes of one server can append at the same time without mixing lines)::

    2026-12-01T09:30:00.123456Z seal 1234 5f3a…(64 hex digits)

``seal``: a seal run reached this head. ``anchor``: a retention purge put an anchor here.
``restore``: a backup was restored and the chain now ends here (``-`` as MAC for an empty
chain); heads written *before* it with a higher number were lost with the restore and are no
longer expected. The file holds numbers and MACs only: no personal data.

The file must live where the database administrator cannot write (the application server's
own disk, or shipped to a log host); the application's account must be able to append to it.
"""

import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

logger = logging.getLogger("krachtbron.audit.witness")

SEAL, ANCHOR, RESTORE = "seal", "anchor", "restore"
KINDS = (SEAL, ANCHOR, RESTORE)
#: The MAC written for a restore of an empty chain.
NO_MAC = "-"
_LINE = re.compile(r"^(\S+) (seal|anchor|restore) ([0-9]{1,18}) ([0-9a-f]{64}|-)$")
#: The sealer reads only this much of the end of the file (about 90 lines): the newest head is
#: there, since lines of processes writing at the same moment are at most a few lines apart.
TAIL_BYTES = 8192


@dataclass(frozen=True)
class Witnessed:
    """One line of the head file: what happened, at which seal number, with which MAC."""

    kind: str
    sequence: int
    mac: str
    line: int = 0  # line number in the file (1 = first), 0 when read from the tail only


@dataclass(frozen=True)
class Unreadable:
    """A line that is not in the format above (reported by verify_access_log)."""

    line: int


def head_file() -> Path:
    return Path(settings.ACCESS_LOG_HEAD_FILE)


def parse(text: str, line: int = 0) -> Witnessed | None:
    match = _LINE.match(text.strip())
    if match is None:
        return None
    _at, kind, sequence, mac = match.groups()
    return Witnessed(kind, int(sequence), mac, line)


def append(kind: str, sequence: int, mac: str, path: Path | None = None) -> bool:
    """Append one line; True when written. A failure is logged (no personal data), never raised:
    the seals are in the database already, only the copy outside it is missing."""
    if kind not in KINDS:
        raise ValueError(f"Unknown head-file event {kind!r}")
    path = path or head_file()
    at = datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    data = f"{at} {kind} {int(sequence)} {mac or NO_MAC}\n".encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(handle, data)  # one write of < 200 bytes: appended as a whole
        finally:
            os.close(handle)
    except OSError as error:
        logger.error(
            "access log: cannot append to the head file (%s): %s",
            path,
            type(error).__name__,
        )
        return False
    return True


def read(path: Path | None = None) -> Iterator[Witnessed | Unreadable]:
    """Every line of the file, in order; nothing when it does not exist."""
    path = path or head_file()
    try:
        handle = path.open(encoding="ascii", errors="replace")
    except (FileNotFoundError, NotADirectoryError):
        return
    with handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            found = parse(text, number)
            yield found if found is not None else Unreadable(number)


def newest(path: Path | None = None) -> Witnessed | None:
    """The head the database must still hold: the highest number written since the last
    restore, read from the end of the file only (this runs before every seal run)."""
    path = path or head_file()
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - TAIL_BYTES))
            tail = handle.read().decode("ascii", errors="replace")
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        # Not readable (permissions): seal on, say so; verify_access_log reports it as well.
        logger.error("access log: cannot read the head file (%s): %s", path, type(error).__name__)
        return None
    lines = tail.splitlines()
    if size > TAIL_BYTES and lines:
        lines = lines[1:]  # the first line may be cut in half
    found = [w for w in (parse(text) for text in lines) if w is not None]
    restores = [i for i, w in enumerate(found) if w.kind == RESTORE]
    if restores:
        found = found[restores[-1] :]
    best = max(found, key=lambda w: w.sequence, default=None)
    if best is None or best.mac == NO_MAC:
        return None
    return best
