"""Reminders: a link sent by message that is still unopened or unfinished gets at most two
reminders through the same channel (docs/versturen.md, "Herinneringen"; ADR 14).

How it goes:

* When the adviser ticks "herinneringen" on the send form, the first message keeps its sealed
  address and link after sending, until ``keep_until``: the day after the last possible
  reminder, or the link's expiry if that is sooner (``keep_until_for``).
* The daily task (``daily_upkeep``, 03:00) calls ``remind_and_erase``: for each kept message
  whose subject is still waiting (subjects.py: not submitted or used, not withdrawn, replaced
  or expired) and whose member did not stop messages, the next reminder is queued once its
  day has come (``SEND_REMIND_AFTER_DAYS`` after the first message, counted in days on the
  calendar), as a new ``Delivery`` (``reminder`` 1 or 2, ``reminder_of`` the first), sent by
  the usual task at ``SEND_REMIND_HOUR`` at the earliest. Everything else that is kept is
  erased: past ``keep_until``, no longer waiting, stopped, or after the last reminder.
* Never twice: the database allows one row per (first message, reminder number); a second run
  or a second worker at the same moment gets an IntegrityError for that row and skips it.
* The send task checks again just before sending (``blocked``): a stop, or a link that is no
  longer waiting, ends the reminder without sending it.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone

from krachtbron.sending import secret, stops
from krachtbron.sending.actions import log_system_step
from krachtbron.sending.conf import remind_after_days, setting
from krachtbron.sending.models import Delivery, MessageStop, Purpose, Status
from krachtbron.sending.subjects import still_waiting


def keep_until_for(delivery: Delivery, now: datetime) -> datetime | None:
    """Until when a first message sent at ``now`` keeps its address and link for reminders;
    None when it keeps nothing (no reminders chosen or configured, or a reminder itself)."""
    days = remind_after_days()
    if not delivery.remind or delivery.reminder or not days:
        return None
    until = min(now + timedelta(days=days[-1] + 1), delivery.link_expires_at)
    return until if until > now else None


def send_after(now: datetime) -> datetime | None:
    """When a reminder queued at ``now`` may go: today's ``SEND_REMIND_HOUR`` (site time) if
    that is still to come, else None (at once)."""
    local = timezone.localtime(now)
    hour = local.replace(hour=setting("SEND_REMIND_HOUR"), minute=0, second=0, microsecond=0)
    return hour if hour > local else None


def _is_due(first: Delivery, number: int, today: date, days: tuple[int, ...]) -> bool:
    """Reminder ``number`` of ``first`` is due ``today`` (calendar days in site time), and the
    previous reminder was not queued today."""
    sent_on = timezone.localdate(first.sent_at)
    if today < sent_on + timedelta(days=days[number - 1]):
        return False
    last = getattr(first, "last_reminder_at", None)  # annotated in _kept()
    return last is None or timezone.localdate(last) < today


def _queue_one(first: Delivery, number: int, now: datetime, last: bool) -> bool:
    """Queue reminder ``number`` of ``first``; False when another run queued it already."""
    from krachtbron.sending.actions import _enqueue

    try:
        with transaction.atomic():
            reminder = Delivery.objects.create(
                family_id=first.family_id,
                member_id=first.member_id,
                purpose=first.purpose,
                subject_id=first.subject_id,
                channel=first.channel,
                language=first.language,
                link_expires_at=first.link_expires_at,
                reminder=number,
                reminder_of=first,
                created_at=now,
            )
            assert first.sealed is not None  # _kept() selects only kept addresses
            address, link = secret.unseal(first.pk, first.sealed)
            code = secret.sealed_code(first.pk, first.sealed)  # the reminder says it again
            Delivery.objects.filter(pk=reminder.pk).update(
                sealed=secret.seal(reminder.pk, address, link, code)
            )
            if last:  # nothing more to remind: the first message forgets the address
                Delivery.objects.filter(pk=first.pk).update(sealed=None, keep_until=None)
            reminder.family = first.family
            log_system_step(reminder, "reminder", attempt=False)
            _enqueue(reminder.pk, run_after=send_after(now))
    except IntegrityError:  # queued by another run at the same moment
        return False
    return True


def _kept(now: datetime) -> Iterable[Delivery]:
    return (
        Delivery.objects.filter(reminder=0, status=Status.SENT, sealed__isnull=False)
        .select_related("family")
        .annotate(reminders_made=Count("reminders"), last_reminder_at=Max("reminders__created_at"))
        .order_by("id")
    )


def remind_and_erase(now: datetime | None = None) -> dict[str, int]:
    """The daily round: queue the reminders that are due and erase the addresses no longer
    needed. Returns {"reminders": queued, "erased": addresses erased}. Safe to run twice."""
    now = now or timezone.now()
    days = remind_after_days()
    kept = list(_kept(now))
    waiting: dict[str, set[int]] = {}
    for purpose in {first.purpose for first in kept}:
        ids = [first.subject_id for first in kept if first.purpose == purpose]
        waiting[purpose] = still_waiting(purpose, ids, now)
    stopped = set(
        MessageStop.objects.filter(member_id__in={d.member_id for d in kept}).values_list(
            "member_id", flat=True
        )
    )
    today = timezone.localdate(now)
    queued, erase = 0, []
    for first in kept:
        number = int(getattr(first, "reminders_made", 0)) + 1  # annotated in _kept()
        useful = (
            first.keep_until is not None
            and first.keep_until > now
            and first.link_expires_at > now
            and first.subject_id in waiting.get(first.purpose, set())
            and first.member_id not in stopped
            and number <= len(days)
        )
        if not useful:
            erase.append(first.pk)
        elif _is_due(first, number, today, days):
            queued += _queue_one(first, number, now, last=number == len(days))
    erased = Delivery.objects.filter(pk__in=erase).update(sealed=None, keep_until=None)
    return {"reminders": queued, "erased": erased}


def blocked(delivery: Delivery, now: datetime) -> str | None:
    """Why ``delivery`` must not be sent now, checked by the task just before sending:
    "stopped" (its recipient wants no messages, stops.py) or "closed" (a reminder whose link
    was used, withdrawn, replaced or expired meanwhile, or a share message whose share ended:
    a share can end without anyone withdrawing it, so its first message is checked too);
    None when it may go."""
    if stops.recipient_stopped(delivery):
        return "stopped"
    if (delivery.reminder or delivery.purpose == Purpose.SHARE) and (
        delivery.link_expires_at <= now
        or delivery.subject_id not in still_waiting(delivery.purpose, [delivery.subject_id], now)
    ):
        return "closed"
    return None


def cancel(delivery: Delivery, why: str) -> None:
    """End a claimed delivery without sending it (``why`` from ``blocked``): "gestopt op
    verzoek" or "niet meer versturen"; its address and link are erased. Logged."""
    status = Status.STOPPED if why == "stopped" else Status.WITHDRAWN
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(
            status=status, sealed=None, last_error=why
        )
        log_system_step(delivery, why, attempt=False)
