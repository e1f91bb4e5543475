"""Files made in the background and downloaded once (issue 16; docs/adr/0014, "PDF's").

A heavy PDF (the copy of the file, AVG art. 15) is not rendered while the browser waits. The
POST checks and logs what is asked (before anything is rendered, SECURITY.md 26) and calls
``queue`` in the same transaction: a ``PreparedFile`` row and its task. The person who asked
gets a page that says "Je kopie wordt gemaakt" and, once the worker made it, a Download button.

* **One registry**, kind → how to make it (``register_kind``): what can be made in the
  background is a ``Kind``, never a special case in a view. The family copy is the first
  (``families.copy_pdf``); a second heavy PDF registers the same way.
* **Sealed while it waits** (AES-256-GCM, ``lib.aead``, the key outside the database, bound to
  the row's id), and only until it is downloaded or at most ``KEEP`` (one hour) after it was
  asked for: ``download`` erases it, a task queued for ``expires_at`` erases it, and the daily
  upkeep (``erase_expired``) deletes every row past its hour as a safety net.
* **Retries.** The task claims the row (queued → making, attempts + 1) with one conditional
  UPDATE, so a second task for the same row finds nothing to claim. Making a file again is
  harmless (nothing leaves the building), so an error is retried after ``RETRY_SECONDS`` × 1, 5
  up to ``MAX_ATTEMPTS``; then the row is "mislukt" and the page says so ("Dat lukte niet").
  A worker killed mid-render leaves the row "making" (and django-tasks leaves its task RUNNING
  for ever): after ``STALE`` the next look at the status page, or the daily round, queues it
  again (``revive_stale``), within the same ``MAX_ATTEMPTS``.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django_tasks import task

from krachtbron.accounts.models import User
from krachtbron.audit.log import Who, log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.models import Family, FamilyMember, PreparedFile
from krachtbron.lib.aead import open_bytes, seal_bytes

logger = logging.getLogger(__name__)

Status = PreparedFile.Status

#: How long a made file waits for its download at most, counted from the request.
KEEP = timedelta(hours=1)
#: How often a file is tried before it is "mislukt" (the first try included).
MAX_ATTEMPTS = 3
#: The back-off before a retry: RETRY_SECONDS × 1, × 5.
RETRY_SECONDS = 5
#: A row "making" for longer than this lost its worker (a full copy renders in seconds).
STALE = timedelta(minutes=5)


@dataclass(frozen=True)
class Kind:
    """What can be made in the background: ``make(prepared)`` returns the file's bytes (it
    runs in the worker, in ``prepared.language``); ``filename`` is the download's fixed name
    (``lib.download``); ``log_type`` the access log's code for its download."""

    key: str
    make: Callable[[PreparedFile], bytes]
    filename: str
    log_type: str
    content_type: str = "application/pdf"


_KINDS: dict[str, Kind] = {}


def register_kind(
    key: str, make: Callable[[PreparedFile], bytes], *, filename: str, log_type: str
) -> None:
    """Add a kind of file that is made in the background (call it in ``AppConfig.ready``)."""
    _KINDS[key] = Kind(key, make, filename, log_type)


def kind_of(prepared: PreparedFile) -> Kind:
    """The registered ``Kind`` of ``prepared``; KeyError for a kind nobody registered."""
    return _KINDS[prepared.kind]


def queue(
    kind: str,
    family: Family,
    owner: User | FamilyMember,
    params: dict[str, Any],
    *,
    language: str | None = None,
    now: datetime | None = None,
) -> PreparedFile:
    """Store a request to make a file of ``kind`` for ``owner`` and queue its task, in one
    transaction (call it inside the transaction that writes the request's log row).
    ``params``: ids and choices only (JSON). The file is made in ``language`` (a code of
    ``settings.LANGUAGES``), by default the current language."""
    if kind not in _KINDS:
        raise KeyError(f"No file kind {kind!r} is registered.")
    now = now or timezone.now()
    with transaction.atomic():
        prepared = PreparedFile.objects.create(
            kind=kind,
            family=family,
            owner_user=owner if isinstance(owner, User) else None,
            owner_member=owner if isinstance(owner, FamilyMember) else None,
            params=params,
            language=language or translation.get_language() or "nl",
            created_at=now,
            expires_at=now + KEEP,
        )
        make_file.enqueue(prepared.pk)
        erase_file.using(run_after=prepared.expires_at).enqueue(prepared.pk)
    return prepared


def _associated(prepared_id: int) -> bytes:
    return f"krachtbron-prepared:{prepared_id}".encode()


def _claim(prepared_id: int, now: datetime) -> PreparedFile | None:
    claimed = PreparedFile.objects.filter(
        pk=prepared_id, status=Status.QUEUED, expires_at__gt=now
    ).update(status=Status.MAKING, attempts=F("attempts") + 1, claimed_at=now)
    return PreparedFile.objects.get(pk=prepared_id) if claimed else None


@task()
def make_file(prepared_id: int) -> str:
    """Make one prepared file: claim it, make it with its kind's function, seal and store it.
    Returns "ready", "retry", "failed" or "not claimed" (made, being made, erased or past its
    hour). The arguments are the row's id only; an error is logged by its class, no data."""
    prepared = _claim(prepared_id, timezone.now())
    if prepared is None:
        return "not claimed"
    try:
        with translation.override(prepared.language):
            body = kind_of(prepared).make(prepared)
    except Exception as error:  # any error: try again, then say "mislukt" (never silent)
        logger.warning("prepared file %s: not made (%s)", prepared.pk, type(error).__name__)
        return _after_error(prepared)
    sealed = seal_bytes(body, _associated(prepared.pk))
    PreparedFile.objects.filter(pk=prepared.pk, status=Status.MAKING).update(
        status=Status.READY, sealed=sealed
    )
    return "ready"


def _after_error(prepared: PreparedFile) -> str:
    if prepared.attempts >= MAX_ATTEMPTS:
        PreparedFile.objects.filter(pk=prepared.pk, status=Status.MAKING).update(
            status=Status.FAILED
        )
        return "failed"
    _requeue(prepared.pk, prepared.attempts)
    return "retry"


def _requeue(prepared_id: int, attempts: int) -> None:
    """Back to the queue with a new task after the back-off (one conditional UPDATE)."""
    with transaction.atomic():
        moved = PreparedFile.objects.filter(pk=prepared_id, status=Status.MAKING).update(
            status=Status.QUEUED
        )
        if moved:
            wait = timedelta(seconds=RETRY_SECONDS * 5 ** max(attempts - 1, 0))
            make_file.using(run_after=timezone.now() + wait).enqueue(prepared_id)


def revive_stale(now: datetime | None = None, **which: Any) -> int:
    """Queue again the rows whose worker died mid-render ("making" longer than ``STALE``),
    or mark them "mislukt" after ``MAX_ATTEMPTS``; ``which`` narrows the rows (``pk=…``).
    Returns how many were queued again."""
    now = now or timezone.now()
    stale = PreparedFile.objects.filter(
        status=Status.MAKING, claimed_at__lt=now - STALE, expires_at__gt=now, **which
    )
    stale.filter(attempts__gte=MAX_ATTEMPTS).update(status=Status.FAILED)
    revived = 0
    for pk, attempts in stale.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", "attempts"):
        _requeue(pk, attempts)
        revived += 1
    return revived


def file_body(prepared: PreparedFile) -> bytes:
    """The made file's bytes (``SealError`` when they do not open)."""
    assert prepared.sealed is not None
    return open_bytes(prepared.sealed, _associated(prepared.pk))


def is_expired(prepared: PreparedFile, now: datetime | None = None) -> bool:
    return prepared.expires_at <= (now or timezone.now())


def take(prepared: PreparedFile) -> bytes | None:
    """The file for its download, erased from the database at the same time (one conditional
    UPDATE: of two clicks only one gets it). None when it is not (or no longer) there."""
    if prepared.status != Status.READY or prepared.sealed is None or is_expired(prepared):
        return None
    body = file_body(prepared)
    taken = PreparedFile.objects.filter(pk=prepared.pk, status=Status.READY).update(
        status=Status.DOWNLOADED, sealed=None
    )
    return body if taken else None


@task()
def erase_file(prepared_id: int) -> int:
    """At ``expires_at``: delete the row, whatever its state (1 when there was one)."""
    deleted, _counts = PreparedFile.objects.filter(
        pk=prepared_id, expires_at__lte=timezone.now()
    ).delete()
    return deleted


def erase_expired(now: datetime | None = None) -> int:
    """Delete every prepared file past its hour, and the made ones that were downloaded (the
    daily upkeep's safety net beside ``erase_file``). Returns how many rows went."""
    now = now or timezone.now()
    done = Q(expires_at__lte=now) | Q(status=Status.DOWNLOADED)
    deleted, _counts = PreparedFile.objects.filter(done).delete()
    return deleted


def tidy(now: datetime | None = None) -> int:
    """The daily round (``sending.tasks.daily_upkeep``): queue again what a dead worker left
    (``revive_stale``), then delete what is past its hour or downloaded (``erase_expired``).
    Returns how many rows were deleted."""
    revive_stale(now)
    return erase_expired(now)


def state_of(file: PreparedFile) -> str:
    """What the status page says: "waiting", "ready", "downloaded", "failed" or "erased"."""
    if file.status == Status.DOWNLOADED:
        return "downloaded"
    if is_expired(file):
        return "erased"
    if file.status == Status.READY:
        return "ready"
    if file.status == Status.FAILED:
        return "failed"
    return "waiting"


def download(actor: Who, family: Family, file: PreparedFile) -> bytes | None:
    """Take the file (``take``) and log its download (PRINT, the kind's ``log_type``) in one
    transaction; None when it is not there (nothing is logged then). A ``requester`` in the
    file's params is the member the file is about (``file_copy.log_row_members``)."""
    with transaction.atomic():
        body = take(file)
        if body is not None:
            log_access(
                actor,
                family,
                AccessKind.PRINT,
                object_type=kind_of(file).log_type,
                object_id=file.pk,
                extra={"format": "pdf", "requested_by_member": file.params.get("requester")},
            )
    return body
