"""Sending 1,000 invitations through the task queue, against sending them straight.

A real SMTP server (aiosmtpd on 127.0.0.1, krachtbron/testing/smtp.py) and SQLite (WAL), then
the same on a throw-away durable PostgreSQL (this module runs itself again with ``--postgres``
through ``scripts/with-postgres.sh --durable``: ``reach.pg.*``). Per round, interleaved so both
see the same load of this shared machine:

* straight: the same 1,000 messages (mail.build_message), each sent as ``EmailMessage.send()``
  sends one (its own connection), from this process: the floor;
* queued: 1,000 invitations through ``sending.actions.queue_email`` (the delivery, its sealed
  address and link, the access-log row and the task row, one transaction each), sent by
  ``WORKERS`` (2, one per core here) real ``manage.py db_worker`` processes already waiting;
  the clock stops when the last delivery is "verstuurd".

Prints ``BENCH reach[.pg].send_ratio`` = queued messages/s ÷ straight messages/s (target ≥ 0.5),
the median of ``ROUNDS`` interleaved rounds (``bench.common.interleaved``) with the lowest and
highest in brackets, and both rates (``queued_per_s``, ``straight_per_s``). A round counts only
if the SMTP server accepted exactly 1,000 messages for it; otherwise the benchmark fails
(``BenchError``).
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.common import (
    PYTHON,
    ROOT,
    BenchError,
    Pair,
    interleaved,
    prepare,
    report,
    report_spread,
    server_env,
    setup_django,
)

MESSAGES = int(os.environ.get("BENCH_REACH_MESSAGES", "1000"))
ROUNDS = 3
WORKERS = int(os.environ.get("BENCH_REACH_WORKERS", "2"))


def _straight(org: Any, smtp: Any) -> float:
    """Messages/s sending the same messages straight to the SMTP server."""
    from django.utils import timezone

    from krachtbron.sending import mail
    from krachtbron.sending.models import Delivery, Purpose

    template = Delivery(
        family=org.family,
        member=org.member,
        purpose=Purpose.QUESTIONNAIRE,
        subject_id=1,
        language="nl",
        link_expires_at=timezone.now() + timedelta(days=14),
    )
    before = len(smtp.messages)
    start = time.perf_counter()
    for number in range(MESSAGES):
        link = f"http://127.0.0.1:8000/v/{number:043d}"
        mail.build_message(template, f"ouder{number}@example.org", link).send()
    elapsed = time.perf_counter() - start
    if len(smtp.messages) - before != MESSAGES:
        raise BenchError(f"the SMTP server accepted {len(smtp.messages) - before} of {MESSAGES}")
    return MESSAGES / elapsed


def _queued(org: Any, smtp: Any) -> float:
    """Messages/s through the queue: from the first queue_email to the last one sent."""
    from django.utils import timezone

    from krachtbron.sending import actions
    from krachtbron.sending.models import Delivery, Purpose, Status

    before = len(smtp.messages)
    start = time.perf_counter()
    first = Delivery.objects.order_by("-id").values_list("id", flat=True).first() or 0
    for number in range(MESSAGES):
        actions.queue_email(
            org.adviser,
            org.member,
            purpose=Purpose.QUESTIONNAIRE,
            subject_id=1,
            address=f"ouder{number}@example.org",
            link=f"http://127.0.0.1:8000/v/{number:043d}",
            expires_at=timezone.now() + timedelta(days=14),
            language="nl",
        )
    if os.environ.get("BENCH_REACH_VERBOSE"):
        print(f"# queued {MESSAGES} in {time.perf_counter() - start:.2f} s", flush=True)
    mine = Delivery.objects.filter(id__gt=first)
    deadline = time.monotonic() + 600
    while mine.filter(status=Status.SENT).count() < MESSAGES:
        if time.monotonic() > deadline:
            raise BenchError("the workers did not send every message in time")
        if mine.filter(status=Status.FAILED).exists():
            raise BenchError("a message failed (BENCH_REACH_VERBOSE=1 shows the workers' log)")
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    if len(smtp.messages) - before != MESSAGES:
        raise BenchError(f"the SMTP server accepted {len(smtp.messages) - before} of {MESSAGES}")
    return MESSAGES / elapsed


def main(database_url: str = "") -> None:
    """Measure on SQLite, or on the PostgreSQL at ``database_url`` (``reach.pg.*``)."""
    from krachtbron.testing.smtp import SmtpServer

    prefix = "reach.pg" if database_url else "reach"
    smtp = SmtpServer().start()
    workers: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory() as tmp:
        env = server_env(Path(tmp), database_url)
        env.update(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp.port),
        )
        try:
            prepare(env)
            setup_django(env)
            from krachtbron.testing.personas import make_org

            org = make_org()
            command = [PYTHON, "manage.py", "db_worker", "--no-reload", "--interval", "0.05"]
            # A line per task (6,000 a run) would bury the figures: only with BENCH_REACH_VERBOSE.
            command += [] if os.environ.get("BENCH_REACH_VERBOSE") else ["--verbosity", "0"]
            workers = [
                subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
                for _ in range(WORKERS)
            ]
            time.sleep(3)  # the workers start (Django set-up) before the clock runs
            straight_rates: list[float] = []
            queued_rates: list[float] = []

            def straight() -> float:
                straight_rates.append(_straight(org, smtp))
                return straight_rates[-1]

            def queued() -> float:
                queued_rates.append(_queued(org, smtp))
                return queued_rates[-1]

            interleaved(prefix, [Pair("send_ratio", queued, straight)], ROUNDS)
            report_spread(f"{prefix}.queued_per_s", queued_rates)
            report_spread(f"{prefix}.straight_per_s", straight_rates)
            report(f"{prefix}.messages", MESSAGES)
        finally:
            for worker in workers:
                worker.send_signal(signal.SIGTERM)
            for worker in workers:
                try:
                    worker.wait(30)
                except subprocess.TimeoutExpired:
                    worker.kill()
            smtp.stop()


if __name__ == "__main__":
    if "--postgres" in sys.argv:
        main(os.environ["DATABASE_URL"])
        sys.exit(0)
    else:
        main()
        # The same on PostgreSQL, in a process of its own (Django is set up for one database).
        wrapper = [str(ROOT / "scripts" / "with-postgres.sh"), "--durable"]
        postgres = [*wrapper, PYTHON, "-m", "bench.reach", "--postgres"]
        sys.exit(subprocess.run(postgres, cwd=ROOT, check=False).returncode)  # noqa: S603
