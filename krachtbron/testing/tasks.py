"""Run the queued background tasks in this process, as the `db_worker` command does.

``run_tasks()`` runs django-tasks-db's own ``Worker`` in batch mode against the test database:
every task that is due runs, one after the other, then it returns. ``due_now()`` makes tasks
waiting for later (a retry's back-off) due at once, so a test need not wait.
"""

from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_tasks(*, later_too: bool = False, rounds: int = 1) -> None:
    """Run every task that is due (``later_too``: also those waiting for a later time), and
    repeat ``rounds`` times (a retry queues a new task)."""
    for _round in range(rounds):
        if later_too:
            due_now()
        Worker(
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
