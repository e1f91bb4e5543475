"""PDFs made once per content and downloaded from a sealed store (issue 18; docs/adr/0017).

A long PDF ('Ons krachtenplan' of a big family: 11 pages, 0.6–0.7 s of WeasyPrint layout) is
rendered once for what it shows, kept sealed, and handed out again while the file did not
change. The page that offers the download asks a worker to make it (``ask``), so the family or
adviser who then clicks gets the stored file; a download that finds nothing renders it while
the browser waits, as before, and stores it (``pdf``).

* **Correct by construction.** A stored PDF is served only when the sha256 of the HTML that
  would be rendered now, together with the renderer's fingerprint (``fingerprint``: the
  stylesheets, WeasyPrint's and pydyf's versions, ``RENDERING``), equals the stored digest.
  Building the HTML costs milliseconds; the layout is what costs. So a change that no code
  path announces (an edit in the admin, a new day in a date) gives a miss, never an old file.
* **One registry**, kind → how to build its HTML (``register_kind``), as ``families.prepared``
  does for the files made once: the worker only gets the family's id and the ``variant``
  (canonical JSON of ids and choices, e.g. ``{"kind": "krachtenplan", "language": "ar",
  "voor": 12}``), and builds the HTML with the kind's function in the variant's language.
* **Sealed** (AES-256-GCM, ``lib.aead``, the key outside the database), bound to family,
  variant and digest: copied to another row it does not open.
* **Privacy: no old content kept.** Every change of the file (``families.actions.
  record_file_change``) deletes the family's stored PDFs in its own transaction
  (``forget_family``, one indexed DELETE); the daily round deletes what was made more than
  ``KEEP`` ago (``erase_expired``); the family's destruction takes them along (CASCADE). A PDF
  rendered while the file changed is not stored (``family.updated_at`` is compared first).
* **One row per (family, variant)**, replaced (an upsert: two renders at once do not crash).
  A row "making" is the worker's order: a page view asks only when no row is there (or the
  worker died: "making" longer than ``STALE``), so a page whose PDF is ready pays one SELECT.

Every download still writes its access-log row (PRINT) before the bytes leave: that is the
view's job, as before (SECURITY.md 17, 26); this module never logs.
"""

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib.metadata import version
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django_tasks import task

from krachtbron.families.models import Family, FamilyMember, StoredPdf
from krachtbron.lib.aead import SealError, open_bytes, seal_bytes
from krachtbron.lib.pdf import PDF_BASE_URL, render_pdf, static_file_for

logger = logging.getLogger(__name__)

Status = StoredPdf.Status

#: How long a stored PDF is kept at most, counted from when it was made (the daily round).
KEEP = timedelta(days=7)
#: A row "making" for longer than this lost its worker (a plan renders in about a second).
STALE = timedelta(minutes=5)
#: Raise when ``lib.pdf.render_pdf`` renders differently for the same HTML (its options):
#: every stored PDF then misses once and is made again.
RENDERING = "1"


#: Why the copy of the file (AVG art. 15) leaves the stored PDFs out (``families.apps``).
COPY_REASON = (
    "Een PDF van het plan die klaarligt om te downloaden: hij wacht versleuteld, hooguit een "
    "week. Is het dossier intussen veranderd, dan wordt hij gewist of nooit meer gegeven. Er "
    "staat alleen in wat het dossier zelf al zegt; dat hij gedownload is, staat in 'Wie keek mee'."
)


@dataclass(frozen=True)
class Kind:
    """A PDF that may be stored: ``html(family, params)`` builds the HTML to render, in the
    active language (the variant's), from the variant's ``params`` (ids and choices);
    ``static`` names the static files the HTML uses (``strengths/plan.css``), part of the
    fingerprint."""

    key: str
    html: Callable[[Family, dict[str, Any]], str]
    static: tuple[str, ...]


_KINDS: dict[str, Kind] = {}


def register_kind(
    key: str, html: Callable[[Family, dict[str, Any]], str], *, static: tuple[str, ...]
) -> None:
    """Add a kind of PDF that is stored (call it in ``AppConfig.ready``)."""
    _KINDS[key] = Kind(key, html, static)


def variant(kind: str, *, language: str, **params: int | str | None) -> str:
    """The canonical name of one variant of a kind's PDF: JSON with sorted keys, ids and
    choices only (``variant("krachtenplan", language="ar", voor=12)``)."""
    if kind not in _KINDS:
        raise KeyError(f"No stored PDF kind {kind!r} is registered.")
    return json.dumps({"kind": kind, "language": language, **params}, sort_keys=True)


@cache
def fingerprint(kind: str) -> bytes:
    """What the PDF depends on besides its HTML: the kind's static files (bytes), the
    renderer's versions and ``RENDERING``. Computed once per process (a deploy starts new
    processes; in production the static names are hashed, so the HTML changes too)."""
    digest = hashlib.sha256(f"{RENDERING} {version('weasyprint')} {version('pydyf')}".encode())
    for name in _KINDS[kind].static:
        # The file the renderer itself would fetch (``lib.pdf``'s fetcher); none: the name only
        # (the renderer then finds none either).
        path = static_file_for(f"{PDF_BASE_URL.rstrip('/')}{settings.STATIC_URL}{name}")
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path else b""))
    return digest.digest()


def params_of(variant_name: str) -> dict[str, Any]:
    """A variant's name (``variant``) read back: ``{"kind": ..., "language": ..., **params}``.
    Read once per download or worker run; ``html_of``, ``digest_of`` and the rendering take it.
    """
    params: dict[str, Any] = json.loads(variant_name)
    return params


def reader_of(family: Family, params: dict[str, Any]) -> FamilyMember | None:
    """The member a variant is made for (``params["voor"]``, a member's id), as every kind with
    one variant per reader reads it; None: for no one member (the whole family's plan, the
    adviser's download). ``FamilyMember.DoesNotExist`` when that member is gone from ``family``.
    """
    voor = params["voor"]
    return None if voor is None else family.members.get(pk=voor)


def html_of(family: Family, params: dict[str, Any]) -> str:
    """The HTML the variant's PDF is rendered from now (in the variant's language); ``params``
    from ``params_of``."""
    with translation.override(params["language"]):
        return _KINDS[params["kind"]].html(family, params)


def digest_of(params: dict[str, Any], html: str) -> str:
    """sha256 (hex) of the renderer's fingerprint (of the variant's kind) and the HTML."""
    return hashlib.sha256(fingerprint(params["kind"]) + html.encode()).hexdigest()


def _associated(family_id: int, variant_name: str, digest: str) -> bytes:
    return f"krachtbron-stored-pdf:{family_id}:{digest}:{variant_name}".encode()


def _render(params: dict[str, Any], html: str) -> bytes:
    with translation.override(params["language"]):
        return render_pdf(html)


def pdf(family: Family, variant_name: str, html: str | None = None) -> bytes:
    """The variant's PDF as it is now: the stored one when its digest is that of ``html`` (the
    HTML to render now, built with ``html_of`` when None), else rendered now and stored.
    Call it after the download's log row is committed (SECURITY.md 26)."""
    seen = family.updated_at
    params = params_of(variant_name)
    html = html_of(family, params) if html is None else html
    digest = digest_of(params, html)
    sealed = (
        StoredPdf.objects.filter(
            family_id=family.pk, variant=variant_name, status=Status.READY, digest=digest
        )
        .values_list("sealed", flat=True)
        .first()
    )
    if sealed is not None:
        try:
            return open_bytes(sealed, _associated(family.pk, variant_name, digest))
        except SealError:  # another key (rotated) or damaged: render it again
            logger.warning("stored pdf of family %s does not open; rendered again", family.pk)
    body = _render(params, html)
    store(family.pk, variant_name, digest, body, seen=seen)
    return body


def store(
    family_id: int, variant_name: str, digest: str, body: bytes, *, seen: datetime | None
) -> bool:
    """Keep ``body`` (rendered from HTML with ``digest``) as the variant's PDF, replacing what
    was there (one upsert: two at once do not crash). ``seen``: the family's ``updated_at``
    when the HTML was built; when the file changed since, nothing is stored (it would be old
    content at once). Returns whether it was stored."""
    row = StoredPdf(
        family_id=family_id,
        variant=variant_name,
        status=Status.READY,
        digest=digest,
        sealed=seal_bytes(body, _associated(family_id, variant_name, digest)),
        created_at=timezone.now(),
    )
    with transaction.atomic():
        if seen is not None and not Family.objects.filter(pk=family_id, updated_at=seen).exists():
            return False
        StoredPdf.objects.bulk_create(
            [row],
            update_conflicts=True,
            unique_fields=["family", "variant"],
            update_fields=["status", "digest", "sealed", "created_at"],
        )
    return True


def ask(family: Family, variant_name: str, now: datetime | None = None) -> bool:
    """Ask the worker to make the variant's PDF, unless it is there or being made (the page
    that offers the download calls this; one SELECT when there is nothing to do). Asked again:
    a row "making" longer than ``STALE`` (its worker died) and a PDF made before today (a PDF
    says the day it was made: the plan's "gemaakt op"). Returns whether a task was queued."""
    now = now or timezone.now()
    found = (
        StoredPdf.objects.filter(family_id=family.pk, variant=variant_name)
        .values_list("status", "created_at")
        .first()
    )
    if found is not None and _needs_nothing(*found, now):
        return False
    with transaction.atomic():
        if found is None:
            try:
                with transaction.atomic():
                    StoredPdf.objects.create(
                        family_id=family.pk, variant=variant_name, created_at=now
                    )
            except IntegrityError:  # another request asked at the same moment
                return False
        elif not StoredPdf.objects.filter(
            family_id=family.pk, variant=variant_name, status=found[0], created_at=found[1]
        ).update(status=Status.MAKING, digest="", sealed=None, created_at=now):
            return False  # another request asked again first
        make_pdf.enqueue(family.pk, variant_name)
    return True


def _needs_nothing(status: str, created_at: datetime, now: datetime) -> bool:
    if status == Status.READY:
        return timezone.localdate(created_at) == timezone.localdate(now)
    return created_at > now - STALE


@task()
def make_pdf(family_id: int, variant_name: str) -> str:
    """Make a variant's PDF that a page asked for (``ask``) and store it. Returns "ready", or
    "gone" when the order is no longer there (the file changed, or another run or a download
    made it) or the family or the variant's member is gone. Safe to run twice or to be
    killed: the next page view asks again, a download renders it anyway. The arguments are
    ids and choices only."""
    order = StoredPdf.objects.filter(
        family_id=family_id, variant=variant_name, status=Status.MAKING
    ).first()
    family = Family.objects.filter(pk=family_id).first()
    if order is None or family is None:
        return "gone"
    params = params_of(variant_name)
    try:
        html = html_of(family, params)
    except ObjectDoesNotExist:  # the variant's member was removed
        StoredPdf.objects.filter(pk=order.pk, status=Status.MAKING).delete()
        return "gone"
    digest = digest_of(params, html)
    body = _render(params, html)
    sealed = seal_bytes(body, _associated(family_id, variant_name, digest))
    # Only the order this run read: a change of the file deleted it (and its content is old).
    made = StoredPdf.objects.filter(pk=order.pk, status=Status.MAKING).update(
        status=Status.READY, digest=digest, sealed=sealed, created_at=timezone.now()
    )
    return "ready" if made else "gone"


def forget_family(family_id: int) -> None:
    """Delete the family's stored PDFs (one indexed DELETE): called by every change of the
    file, in its transaction (``families.actions.record_file_change``).

    One plain DELETE, as ``touch_family``'s UPDATE: on the hot writes (a score, a goal) the
    ORM's delete (a collector, signals, a compiled query) cost more than the statement, while
    SQLite holds its one write lock (issue 18: ``portal.score_ratio`` 0.42 → 0.36 with it)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {StoredPdf._meta.db_table} WHERE family_id = %s",  # noqa: S608
            [family_id],
        )


def erase_expired(now: datetime | None = None) -> int:
    """Delete the stored PDFs made (or asked for) more than ``KEEP`` ago (the daily round,
    ``sending.tasks.daily_upkeep``). Returns how many rows went."""
    deleted, _counts = StoredPdf.objects.filter(
        created_at__lte=(now or timezone.now()) - KEEP
    ).delete()
    return deleted
