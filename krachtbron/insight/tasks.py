"""Publishing the cells of closed periods in the background (django-tasks, database backend;
docs/adr/0014-background-tasks.md, docs/anonimiteit.md "Opgeslagen cellen").

A page never computes group figures: it reads the stored cells (``published.published_cells``,
``outcomes.published``). The cells of a closed period are computed once, by the task
``publish_periods``, which

* closes the rounds whose last day has passed (``reflection.actions.close_round``: a round's
  cells are published in the transaction that closes it, so a closed round is never without
  its figures), publishes closed rounds that have none yet (rounds closed before cells were
  stored),
* publishes every quarter that is over, for every instrument counted per quarter, and for
  every outcome source (the follow-up check-ins).

It is queued by the daily upkeep (``sending.tasks.daily_upkeep``, through
``sending.tasks.on_daily``), by ``manage.py publish_closed_periods --queue``, and by the first
page that finds a closed quarter without its cells (``request_publication``). The work is
idempotent: a period has at most one ``PublishedPeriod`` row (a unique constraint), so a
second run, or two workers at once, store nothing twice. A worker killed mid-run leaves its
django-tasks row RUNNING for ever and its transaction rolled back; the next page read or the
next daily run queues the task again, because only a *waiting* (READY) task stops a new one
from being queued.
"""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def publish_everything() -> dict[str, int]:
    """Close expired rounds and publish every closed period that has no cells yet; returns the
    counts. What the task and ``manage.py publish_closed_periods`` run."""
    from krachtbron.insight import outcomes
    from krachtbron.insight.published import publish_closed_quarters, publish_closed_rounds
    from krachtbron.instruments import get_instrument
    from krachtbron.lib.answer_sources import (
        PeriodKind,
        registered_instruments,
        registered_outcomes,
    )
    from krachtbron.reflection import actions
    from krachtbron.reflection.models import ReflectionRound, RoundStatus

    today = timezone.localdate()
    closed = 0
    for round_ in ReflectionRound.objects.filter(status=RoundStatus.OPEN, ends_on__lt=today):
        actions.close_round(round_)
        closed += 1
    done = {"rounds_closed": closed, "rounds": publish_closed_rounds()}
    for instrument_id in registered_instruments(period=PeriodKind.QUARTER):
        done[instrument_id] = publish_closed_quarters(get_instrument(instrument_id))
    for source in registered_outcomes():
        done[source.source_id] = outcomes.publish_closed_quarters(source)
    return done


@task()
def publish_periods() -> dict[str, int]:
    """Publish the cells of every closed period that has none yet (``publish_everything``)."""
    done = publish_everything()
    logger.info("published periods: %s", done)
    return done


def request_publication() -> bool:
    """Queue ``publish_periods`` unless one is already waiting; True when it queued one. Cheap
    and safe to call from a page read: one query, and one insert when nothing waits. A task
    that is RUNNING does not count: it may belong to a killed worker (it would then never
    finish), and a second run stores nothing twice."""
    waiting = DBTaskResult.objects.filter(task_path=publish_periods.module_path, status="READY")
    if waiting.exists():
        return False
    publish_periods.enqueue()
    return True
