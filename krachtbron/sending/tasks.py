"""Background tasks (django-tasks, database backend; docs/adr/0014-background-tasks.md).

``send_delivery`` sends one message. It gets only the delivery's id: the task table keeps its
arguments, and the address and link must not stay there. What happens to a message is decided
in actions.py. ``daily_upkeep`` is the daily retention work (it lives here, above families in
the layers, because it also erases the addresses of messages never sent).
"""

import contextlib
import logging
import smtplib
from datetime import datetime, timedelta
from typing import Any

from django.core.mail import get_connection
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from krachtbron.sending import actions, mail, reminders, secret, stops
from krachtbron.sending.conf import setting

logger = logging.getLogger(__name__)


def _code(error: BaseException) -> str:
    """A short code for an error: its class, and the SMTP reply code if the server gave one.
    Never the server's text, which may quote the address."""
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [value[0] for value in error.recipients.values()]
        code = codes[0] if codes else None
    return f"{type(error).__name__} {code}" if code else type(error).__name__


def _refusal(error: smtplib.SMTPException) -> int | None:
    """The SMTP reply code when the server refused (so it did not take the message)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [value[0] for value in error.recipients.values()]
        return min(codes) if codes else 550
    if isinstance(error, smtplib.SMTPResponseException):
        return int(error.smtp_code)
    return None


def _close(connection: Any) -> None:
    """Say goodbye to the server; a failure here changes nothing about what was sent."""
    with contextlib.suppress(smtplib.SMTPException, OSError):
        connection.close()


@task()
def send_delivery(delivery_id: int) -> str:
    """Send one delivery: claim it, talk to the mail server, record the outcome.

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
    address, link = secret.unseal(delivery.pk, delivery.sealed)
    stops.remember(delivery)  # so the message's "geen berichten meer" link finds it back
    code = secret.sealed_code(delivery.pk, delivery.sealed)
    message = mail.build_message(delivery, address, link, code=code)
    connection = get_connection(fail_silently=False, timeout=setting("SEND_SMTP_TIMEOUT"))
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:  # nothing sent: safe to try again
        logger.warning("delivery %s: cannot reach the mail server (%s)", delivery.pk, _code(error))
        actions.after_error(delivery, _code(error), permanent=False)
        return "retry" if delivery.attempts < setting("SEND_MAX_ATTEMPTS") else "failed"
    try:
        connection.send_messages([message])
    except smtplib.SMTPException as error:
        refused = _refusal(error)
        if refused is None:  # disconnected mid-send: the server may have it
            actions.mark_unknown(delivery, _code(error))
            return "unknown"
        logger.warning("delivery %s: refused (%s)", delivery.pk, _code(error))
        status = actions.after_error(delivery, _code(error), permanent=refused >= 500)
        return "retry" if status == "queued" else "failed"
    except OSError as error:  # a timeout or reset while sending: unknown as well
        actions.mark_unknown(delivery, _code(error))
        return "unknown"
    finally:
        _close(connection)
    actions.mark_sent(delivery)
    return "sent"


@task()
def daily_upkeep() -> dict[str, int]:
    """Once a day: destroy family files past their retention period (families.retention, as
    the command `purge_expired` does), erase the address and link of messages that were
    never sent (``SEND_KEEP_DAYS``), forget the form keys of the day before
    (``lib.idempotency.forget_old_keys``), queue the reminders that are due and erase the
    addresses kept for reminders that are no longer needed (reminders.py); then schedule
    tomorrow's run. Returns the counts."""
    from krachtbron.families.retention import purge_expired
    from krachtbron.lib.idempotency import forget_old_keys

    done = {
        "files": purge_expired(),
        "addresses": actions.erase_stale(),
        "form_keys": forget_old_keys(),
    }
    done.update(reminders.remind_and_erase())
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
