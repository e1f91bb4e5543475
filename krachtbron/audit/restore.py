"""After a backup was restored: the chain now ends at the backup's head, on purpose.

Everything sealed after the backup was made is gone with the restore, so the heads written to
the head file since then are no longer in the database; without a word about it the sealer would
refuse to seal (as it must when rows were cut off behind its back). ``mark_restored`` says it:
a ``restore`` line with the restored head in this server's head file, and a row in the log.
``manage.py restore`` calls it; on every other application server with its own head file, run
``manage.py access_log_restored`` once.
"""

from dataclasses import dataclass

from django.db import transaction

from krachtbron.audit import witness
from krachtbron.audit.log import log_admin_change
from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessLogSeal
from krachtbron.audit.sealing import Head, current_head, seal_pending
from krachtbron.audit.verify import Break, verify_chain


class RestoredChainBroken(Exception):
    """The restored chain itself does not verify, or there was no restore; nothing was written.
    ``args[0]``: Dutch."""


@dataclass(frozen=True)
class Restored:
    head: Head | None  # the restored head (None: an empty log)
    sealed: int  # rows sealed after it (the restore's own row, rows the backup had unsealed)


def mark_restored(*, log: bool = True) -> Restored:
    """After ``loaddata`` (``log``, the server that restores): write the restored head, the
    database's head now, to the head file; then a row saying so, and seal.

    Without ``log`` (the other servers, later): write the head that row names.

    Refuses (RestoredChainBroken) when the chain is broken (that is not a restore to accept),
    or, without ``log``, when the log names no restore. Call it outside a transaction.
    """
    report = verify_chain(head_files=[])  # the chain itself; the head file is what changes
    broken: Break | None = report.broken
    if broken is not None:
        raise RestoredChainBroken(broken.message)
    head = current_head() if log else _restored_head()
    witness.append(
        witness.RESTORE, head.sequence if head else 0, head.mac if head else witness.NO_MAC
    )
    if log:
        with transaction.atomic():
            log_admin_change(
                None,
                None,
                {"sealed_through": [None, head.sequence if head else 0]},
                object_type="backup_restore",
                kind=AccessKind.CREATE,
            )
    sealed = 0
    while done := seal_pending(scan_all=True, batch=5000, wait=True):
        sealed += done
    return Restored(head, sealed)


def _restored_head() -> Head | None:
    """The head the newest restore row names (what ``restore`` wrote on its own server)."""
    row = (
        AccessLogEntry.objects.filter(object_type="backup_restore")
        .order_by("-at", "-id")
        .values_list("extra", flat=True)
        .first()
    )
    if row is None:
        raise RestoredChainBroken("De toegangslog noemt geen teruggezette back-up.")
    sequence = int(row["sealed_through"][1])
    if sequence == 0:
        return None
    mac = AccessLogSeal.objects.filter(sequence=sequence).values_list("mac", flat=True).first()
    if mac is None:
        raise RestoredChainBroken(
            f"Zegel {sequence}, waar de back-up eindigde, staat niet meer in de database."
        )
    return Head(sequence, mac)
