"""Run the queued background tasks in this process, as the `db_worker` command does.

``run_tasks()`` runs django-tasks-db's own ``Worker`` in batch mode against the test database:
every task that is due runs, one after the other, then it returns. ``due_now()`` makes tasks
waiting for later (a retry's back-off) due at once, so a test need not wait.

One difference from the command: between tasks the worker closes "old" database connections
(``close_old_connections``). Inside a test, which runs in one transaction, that would close the
test's own connection (PostgreSQL), so here it is left out. The real command runs, killed and
all, in sending/tests/test_killed_worker.py.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult


@contextmanager
def _connection_kept() -> Iterator[None]:
    original = db_worker.close_old_connections
    db_worker.close_old_connections = lambda **kwargs: None
    try:
        yield
    finally:
        db_worker.close_old_connections = original


def run_tasks(*, later_too: bool = False, rounds: int = 1) -> None:
    """Run every task that is due (``later_too``: also those waiting for a later time), and
    repeat ``rounds`` times (a retry queues a new task)."""
    for _round in range(rounds):
        if later_too:
            due_now()
        with _connection_kept():
            db_worker.Worker(
                queue_names=["default"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id="test-worker",
                excluded_queue_names=[],
            ).run()


def due_now() -> int:
    """Make every waiting task due now; returns how many."""
    return DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def publish_closed_periods() -> None:
    """Publish the cells of every closed period as production does: queue the background task
    (as a page or the daily upkeep does, ``insight.tasks.request_publication``) and run it in
    the real worker. Pages read only stored cells, so a test calls this after writing the
    answers of a closed period and before reading its figures."""
    from krachtbron.insight.tasks import request_publication

    request_publication()
    run_tasks()
