"""Background tasks (django-tasks, database backend; docs/adr/0014-background-tasks.md).

``send_delivery`` sends one message. It gets only the delivery's id: the task table keeps its
arguments, and the address and link must not stay there. What happens to a message is decided
in actions.py. ``daily_upkeep`` is the daily retention work (it lives here, above families in
the layers, because it also erases the addresses of messages never sent).
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from krachtbron.sending import actions, reminders, secret, sms, smtp, stops
from krachtbron.sending.models import Channel, Delivery
from krachtbron.sending.outcome import Outcome, Result

logger = logging.getLogger(__name__)

#: Daily work of apps above this one (they may not be imported here): name -> callable, run by
#: ``daily_upkeep`` after its own work (``on_daily``). ``insight`` queues the publication of
#: the periods that closed by the calendar.
_daily: dict[str, Callable[[], int | bool]] = {}


def on_daily(name: str, work: Callable[[], int | bool]) -> None:
    """Let ``daily_upkeep`` run ``work()`` once a day; its result is counted under ``name``."""
    _daily[name] = work


def _send(delivery: Delivery, to: str, link: str, code: str) -> Result:
    """Hand ``delivery`` to its channel's sender (outcome.py), once. ``code``: the link's
    typed code as shown ("" for none), said in an e-mail; a text message has the link only."""
    if delivery.channel == Channel.SMS:
        return sms.send(delivery, to, link)
    return smtp.send(delivery, to, link, code)


@task()
def send_delivery(delivery_id: int) -> str:
    """Send one delivery: claim it, hand it to its channel's sender, record the outcome with
    the same status rules for every channel (outcome.py, actions.py).

    Returns what happened ("sent", "retry", "failed", "unknown", "not claimed", or, checked
    just before sending, "stopped" (the member wants no messages) or "closed" (a reminder whose
    link is no longer waiting), reminders.py).
    """
    delivery = actions.claim(delivery_id)
    if delivery is None:
        return "not claimed"
    why = reminders.blocked(delivery, timezone.now())
    if why is not None:
        reminders.cancel(delivery, why)
        return why
    if delivery.sealed is None:  # erased meanwhile: nothing to send with
        actions.after_error(delivery, "erased", permanent=True)
        return "failed"
    to, link = secret.unseal(delivery.pk, delivery.sealed)
    stops.remember(delivery)  # so the message's "geen berichten meer" link finds it back
    code = secret.sealed_code(delivery.pk, delivery.sealed)
    result = _send(delivery, to, link, code)
    if result.outcome is Outcome.ACCEPTED:
        actions.mark_sent(delivery)
        return "sent"
    if result.outcome is Outcome.UNKNOWN:  # the server may have it: never sent again by itself
        actions.mark_unknown(delivery, result.code)
        return "unknown"
    logger.warning("delivery %s: not sent (%s)", delivery.pk, result.code)
    status = actions.after_error(delivery, result.code, permanent=result.outcome is Outcome.NEVER)
    return "retry" if status == "queued" else "failed"


@task()
def daily_upkeep() -> dict[str, int]:
    """Once a day: destroy family files past their retention period (families.retention, as
    the command `purge_expired` does), erase the address and link of messages that were never
    sent (``SEND_KEEP_DAYS``), forget the form keys of the day before
    (``lib.idempotency.forget_old_keys``) and the expired input kept at a session's end
    (``lib.kept_forms.forget_expired``: a user who never signs in again leaves none), end what
    the family opened to others once its own access ended
    (``families.closing.end_what_access_opened``: shares) and then erase the address and link
    of share messages whose share ended, tidy the files made for download
    (``families.prepared.tidy``) and delete the stored PDFs past their week
    (``families.stored_pdf.erase_expired``), queue the reminders that are due and erase the
    addresses kept for reminders that are no longer needed (reminders.py), run the work
    registered by the apps above (``on_daily``: queue the publication of closed periods); then
    schedule tomorrow's run.
    Returns the counts."""
    from krachtbron.families import prepared, stored_pdf
    from krachtbron.families.closing import end_what_access_opened
    from krachtbron.families.retention import purge_expired
    from krachtbron.lib.idempotency import forget_old_keys
    from krachtbron.lib.kept_forms import forget_expired

    done = {
        "files": purge_expired(),
        "addresses": actions.erase_stale(),
        "form_keys": forget_old_keys(),
        "kept_forms": forget_expired(),
        "ended_after_access": end_what_access_opened(),  # before: its messages are erased next
        "share_addresses": actions.erase_ended_shares(),
        "prepared_files": prepared.tidy(),
        "stored_pdfs": stored_pdf.erase_expired(),
    }
    done.update(reminders.remind_and_erase())
    for name, work in _daily.items():
        done[name] = int(work())
    schedule_daily(include_running=False)
    return done


def next_daily_run(now: datetime | None = None) -> datetime:
    """The next 03:00 in the site's time zone (a quiet hour), after ``now``."""
    local = timezone.localtime(now or timezone.now())
    run = local.replace(hour=3, minute=0, second=0, microsecond=0)
    return run if run > local else run + timedelta(days=1)


def schedule_daily(*, include_running: bool = True) -> bool:
    """Queue ``daily_upkeep`` for the next 03:00 unless one is already waiting (or, with
    ``include_running``, running). Safe to call as often as you like: `make run` and the
    command `schedule_daily` do, and each run queues the next. True when it queued one."""
    waiting = ["READY", "RUNNING"] if include_running else ["READY"]
    if DBTaskResult.objects.filter(task_path=daily_upkeep.module_path, status__in=waiting).exists():
        return False
    daily_upkeep.using(run_after=next_daily_run()).enqueue()
    return True
