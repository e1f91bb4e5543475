"""Business rules of sending: queue a message, claim it, record what happened.

Never twice, never lost (docs/adr/0014-background-tasks.md):

* ``queue`` (``queue_email`` for e-mail) writes the delivery, its access-log row and the task
  in one transaction (the task queue is a table in the same database), so a delivery is never
  without its task.
* ``claim`` moves a delivery from "queued" to "sending" in one ``UPDATE … WHERE status =
  'queued'`` before anything talks to the mail server; a second task for the same delivery (a
  double click, a retry that came twice) finds nothing to claim and stops.
* After the send, ``mark_sent``; after an error where the server answered (nothing accepted),
  ``after_error`` queues a retry with back-off or, after ``SEND_MAX_ATTEMPTS``, "mislukt".
  When the outcome is unknown (the connection broke mid-send, the worker was killed), the row
  stays "sending" and shows as "niet bevestigd": it is never re-sent automatically.
* ``send_again`` is the adviser's "opnieuw versturen" for "mislukt" and "niet bevestigd".
"""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.models import FamilyMember
from krachtbron.sending import secret
from krachtbron.sending.conf import retry_delay, setting
from krachtbron.sending.models import Channel, Delivery, Purpose, Status, send_again_possible

SYSTEM = "sending"  # the system process that sends (audit/actors.py)


def _enqueue(delivery_id: int, run_after: datetime | None = None) -> None:
    from krachtbron.sending.tasks import send_delivery  # tasks import this module

    task = send_delivery if run_after is None else send_delivery.using(run_after=run_after)
    task.enqueue(delivery_id)


def queue_email(
    user: User,
    member: FamilyMember,
    *,
    purpose: Purpose,
    subject_id: int,
    address: str,
    link: str,
    expires_at: datetime,
    language: str,
    remind: bool = False,
    code: str = "",
) -> Delivery:
    """Queue an e-mail with ``link`` to ``address`` (already validated) for ``member``.
    ``code``: the link's typed code as shown (``lib.typed_code.shown_code``), sealed with it.

    ``purpose``/``subject_id``: what it is about (a questionnaire invitation's id, a portal
    link's id); ``expires_at``: when the link stops working. ``language``: a code of
    settings.LANGUAGES. ``remind``: keep the address for reminders (reminders.py). Returns the
    delivery, "queued".
    """
    return queue(
        user,
        member,
        channel=Channel.EMAIL,
        purpose=purpose,
        subject_id=subject_id,
        to=address,
        link=link,
        expires_at=expires_at,
        language=language,
        remind=remind,
        code=code,
    )


def queue(
    user: User,
    member: FamilyMember,
    *,
    channel: Channel,
    purpose: Purpose,
    subject_id: int,
    to: str,
    link: str,
    expires_at: datetime,
    language: str,
    remind: bool = False,
    code: str = "",
) -> Delivery:
    """Queue a message on ``channel`` with ``link`` to ``to`` for ``member``: an e-mail address
    (validated) or a mobile number in E.164 (phone.py). Otherwise as ``queue_email``."""
    return _queue(
        user,
        user,
        member,
        channel=channel,
        purpose=purpose,
        subject_id=subject_id,
        to=to,
        link=link,
        code=code,
        expires_at=expires_at,
        language=language,
        remind=remind,
    )


def queue_share(
    member: FamilyMember,
    *,
    network_person_id: int,
    share_id: int,
    channel: Channel,
    to: str,
    link: str,
    expires_at: datetime,
    language: str,
) -> Delivery:
    """Queue a share message: ``member`` (the family member who shares, in Mijn Krachtbron)
    sends the link of share ``share_id`` to the person ``network_person_id`` from the family's
    map, at ``to`` (validated, as ``queue``), in the share's ``language``. The member is the
    actor in the log; ``created_by`` stays empty (no staff user). Never with reminders
    (docs/versturen.md). Returns the delivery, "queued"."""
    return _queue(
        Actor.family_member(member),
        None,
        member,
        channel=channel,
        purpose=Purpose.SHARE,
        subject_id=share_id,
        to=to,
        link=link,
        code="",
        expires_at=expires_at,
        language=language,
        remind=False,
        network_person_id=network_person_id,
    )


def share_sends_since(member_id: int, since: datetime) -> int:
    """How many share messages ``member_id`` queued since ``since`` (their hourly limit)."""
    return Delivery.objects.filter(
        purpose=Purpose.SHARE, member_id=member_id, reminder=0, created_at__gte=since
    ).count()


def _queue(
    actor: User | Actor,
    created_by: User | None,
    member: FamilyMember,
    *,
    channel: Channel,
    purpose: Purpose,
    subject_id: int,
    to: str,
    link: str,
    code: str,
    expires_at: datetime,
    language: str,
    remind: bool,
    network_person_id: int | None = None,
) -> Delivery:
    """The delivery, its sealed address and link, its log row and its task, in one
    transaction (see the module doc)."""
    now = timezone.now()
    with transaction.atomic():
        delivery = Delivery.objects.create(
            family_id=member.family_id,
            member=member,
            purpose=purpose,
            subject_id=subject_id,
            channel=channel,
            language=language,
            link_expires_at=expires_at,
            created_by=created_by,
            created_at=now,
            remind=remind,
            network_person_id=network_person_id,
        )
        delivery.sealed = secret.seal(delivery.pk, to, link, code)
        Delivery.objects.filter(pk=delivery.pk).update(sealed=delivery.sealed)
        log_access(
            actor,
            member.family,
            AccessKind.SEND,
            delivery,
            extra={"channel": channel, "purpose": purpose, "step": "queued"},
        )
        _enqueue(delivery.pk)
    return delivery


def claim(delivery_id: int) -> Delivery | None:
    """Take a queued delivery for sending (one UPDATE): the delivery, or None when another
    task has it or it was sent or withdrawn. (When a retry is due, the queue decides: its task
    runs after ``next_attempt_at``.)"""
    now = timezone.now()
    claimed = Delivery.objects.filter(pk=delivery_id, status=Status.QUEUED).update(
        status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    return Delivery.objects.select_related("family", "member").get(pk=delivery_id)


def log_system_step(delivery: Delivery, step: str, *, attempt: bool = True) -> None:
    """An access-log row by the sender (``Actor.system``) for ``step`` of ``delivery``
    ("sent", "retry", "reminder"...): its channel, purpose and whether it is a reminder, and
    with ``attempt`` the number of the attempt. Never the address or the link."""
    extra: dict[str, Any] = {"channel": delivery.channel, "purpose": delivery.purpose, "step": step}
    if attempt:
        extra["attempt"] = delivery.attempts
    extra["reminder"] = delivery.reminder
    log_access(Actor.system(SYSTEM), delivery.family, AccessKind.SEND, delivery, extra=extra)


def mark_sent(delivery: Delivery) -> None:
    """The server accepted the message: "verstuurd"; the address and link are erased, or,
    when the adviser chose reminders, kept until ``keep_until`` (reminders.py)."""
    from krachtbron.sending.reminders import keep_until_for

    now = timezone.now()
    keep = keep_until_for(delivery, now)
    erase: dict[str, Any] = {} if keep else {"sealed": None}
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(
            status=Status.SENT, sent_at=now, last_error="", keep_until=keep, **erase
        )
        log_system_step(delivery, "sent")


def after_error(delivery: Delivery, error: str, *, permanent: bool) -> Status:
    """The server refused (nothing was accepted): retry later with back-off, or "mislukt"
    after ``SEND_MAX_ATTEMPTS`` tries or at once when ``permanent`` (a 5xx answer).
    ``error``: a short code for the adviser's page and the log (no server text, no address)."""
    now = timezone.now()
    retry = not permanent and delivery.attempts < setting("SEND_MAX_ATTEMPTS")
    with transaction.atomic():
        if retry:
            due = now + retry_delay(delivery.attempts)
            Delivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(
                status=Status.QUEUED, next_attempt_at=due, last_error=error[:64]
            )
            log_system_step(delivery, "retry")
            _enqueue(delivery.pk, run_after=due)
            return Status.QUEUED
        Delivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(
            status=Status.FAILED, failed_at=now, last_error=error[:64]
        )
        log_system_step(delivery, "failed")
        return Status.FAILED


def mark_unknown(delivery: Delivery, error: str) -> None:
    """The connection broke while sending: the server may have the message. The row stays
    "sending" (shown as "niet bevestigd" after the timeout); nothing is retried."""
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(last_error=error[:64])
        log_system_step(delivery, "unknown")


def send_again(user: User | Actor, delivery: Delivery) -> bool:
    """ "Opnieuw versturen" of a "mislukt" or "niet bevestigd" message whose address and link
    are still kept, by the adviser (``user``) or, for a share message, the family member who
    shares (``Actor.family_member``): queued again with fresh tries. False when that no longer
    applies (sent meanwhile, a second click, erased)."""
    with transaction.atomic():
        changed = Delivery.objects.filter(
            send_again_possible(timezone.now()), pk=delivery.pk
        ).update(status=Status.QUEUED, attempts=0, next_attempt_at=None, claimed_at=None)
        if changed:
            log_access(
                user,
                delivery.family,
                AccessKind.SEND,
                delivery,
                extra={"channel": delivery.channel, "purpose": delivery.purpose, "step": "again"},
            )
            _enqueue(delivery.pk)
    return bool(changed)


def withdraw_for(purpose: Purpose, subject_id: int) -> int:
    """The invitation or link was withdrawn or replaced: its messages that have not gone out
    are not sent any more, and their address and link are erased (also those kept for
    reminders). Returns how many messages will not be sent."""
    about = Delivery.objects.filter(purpose=purpose, subject_id=subject_id)
    withdrawn = about.filter(status__in=[Status.QUEUED, Status.FAILED]).update(
        status=Status.WITHDRAWN, sealed=None
    )
    about.filter(sealed__isnull=False).update(sealed=None, keep_until=None)
    return withdrawn


def erase_stale(now: datetime | None = None) -> int:
    """Erase the address and link of messages not sent within ``SEND_KEEP_DAYS`` (failed,
    unconfirmed or still waiting): the link has expired by then. Returns how many."""
    now = now or timezone.now()
    before = Delivery.stale_before(now, setting("SEND_KEEP_DAYS"))
    return Delivery.objects.filter(sealed__isnull=False, created_at__lt=before).update(sealed=None)


def erase_ended_shares(now: datetime | None = None) -> int:
    """Share messages whose share has ended (withdrawn, expired, the family's access ended;
    subjects.py) and that still hold an address: not sent any more (a waiting or failed one
    becomes "niet meer versturen") and the address and link erased. The daily round; a share
    message about to be sent is checked again by the task. Returns how many were erased."""
    from krachtbron.sending.subjects import still_waiting

    now = now or timezone.now()
    held = Delivery.objects.filter(purpose=Purpose.SHARE, sealed__isnull=False)
    ids = set(held.values_list("subject_id", flat=True))
    ended = ids - still_waiting(Purpose.SHARE, ids, now)
    gone = held.filter(subject_id__in=ended)
    gone.filter(status__in=[Status.QUEUED, Status.FAILED]).update(status=Status.WITHDRAWN)
    return gone.update(sealed=None)


def delivery_rows(purpose: Purpose, subject_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The messages about these invitations or links, newest first, by subject id: rows with
    the delivery, its ``state`` and whether the adviser may send it ``again`` (one query)."""
    now = timezone.now()
    rows: dict[int, list[dict[str, Any]]] = {pk: [] for pk in subject_ids}
    found = Delivery.objects.filter(purpose=purpose, subject_id__in=subject_ids).order_by(
        "-created_at", "-id"
    )
    for delivery in found:
        rows[delivery.subject_id].append(
            {
                "delivery": delivery,
                "state": delivery.state_at(now),
                "again": delivery.may_send_again(now),
            }
        )
    return rows
