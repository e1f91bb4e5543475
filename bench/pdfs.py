"""How long the PDFs take for a big file, as times a one-page PDF rendered in the same rounds.

The family of bench/portal.py (8 opvoeders, 30 goals with a year of numbers, a full strength
profile and months of scalings) with a network of 200 persons (bench/pages.py), 2,000
access-log rows about it and a completed begin questionnaire per member. Rendered in this
process through Django (the test client, the whole request), on SQLite, or with ``--postgres``
on the PostgreSQL at DATABASE_URL (``bench.__main__`` runs both, the PostgreSQL one through
``scripts/with-postgres.sh --durable``), in ``ROUNDS`` interleaved rounds against the floor:
``/bench/pdf/``, one page through the same renderer (``lib.pdf.render_pdf``). Prints
``median [lowest–highest]`` of:

* BENCH pdfs[.pg].plan_times_floor: 'Ons krachtenplan' (``strengths:plan_pdf``, a request) ÷
  the one-page PDF (target ≤ 8), as the adviser gets it (``families.stored_pdf``, ADR 0017):
  each round first changes a goal's text through its action (which empties the store), looks
  at the plan page (which asks the worker), runs the django-tasks worker in this process until
  it has nothing left (as ``db_worker`` does), and then times the download; the PDF must be
  the stored one (its row unchanged) and hold the new text (``pdftotext``), so a stale or a
  rendered file fails the benchmark;
* BENCH pdfs[.pg].plan_render_times_floor: the same download with nothing stored (the cold
  render, as a first download before the worker is done; no target, it must not get worse);
* BENCH pdfs[.pg].copy_times_floor: the copy of the file (``families.copy_pdf.make_copy_pdf``),
  made in the background;
* BENCH pdfs[.pg].invitation_times_floor: a printed invitation letter (``questionnaires:pdf``);
* and the seconds of each (``pdfs[.pg].*_seconds``, medians).

Every answer must be a PDF (``%PDF``, status 200), the plan one with the map on it.
docs/adr/0014-background-tasks.md ("PDF's") has the figures and the decision they support.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import (
    BenchError,
    Pair,
    interleaved,
    prepare,
    report,
    server_env,
    setup_django,
    signed_in_session,
)

ROUNDS = 3
LOG_ROWS = 2000


def _rate(name: str, make: Callable[[], tuple[int, bytes]], times: list[float]) -> float:
    """One rendering per call: its rate (1/s); a wrong answer fails the benchmark."""
    start = time.perf_counter()
    status, body = make()
    elapsed = time.perf_counter() - start
    if status != 200 or not body.startswith(b"%PDF"):
        raise BenchError(f"{name}: answered {status} {body[:80]!r}")
    times.append(elapsed)
    return 1 / elapsed


def _pdf_text(body: bytes) -> str:
    """The PDF's text without white space (``pdftotext``, poppler)."""
    done = subprocess.run(  # noqa: S603 - a fixed program, the PDF on stdin
        ["pdftotext", "-", "-"],  # noqa: S607
        input=body,
        capture_output=True,
        check=True,
    )
    return "".join(done.stdout.decode().split())


class _Changes:
    """Real changes of the bench family, one per round, and what the worker made of them."""

    def __init__(self, family: Any, adviser: Any, client: Any, page_url: str) -> None:
        from krachtbron.families.models import Goal

        self.family, self.adviser, self.client, self.page_url = family, adviser, client, page_url
        self.goal = Goal.objects.filter(family=family, visibility="gezin").order_by("pk")[0]
        self.round = 0

    def made_ready(self) -> tuple[str, tuple[Any, ...] | None]:
        """Change a goal's text through its action, look at the plan page (it asks the worker),
        run the worker until nothing is left; returns the new text and the stored row."""
        from krachtbron.families.actions import update_goal
        from krachtbron.testing.tasks import run_tasks

        self.round += 1
        text = f"Benchdoel{self.round}wekelijksnaardemarkt"
        self.goal.refresh_from_db()
        update_goal(self.adviser, self.goal, self.goal.version, text=text)
        if self.stored_row() is not None:
            raise BenchError("plan: the change did not empty the store")
        if self.client.get(self.page_url).status_code != 200:
            raise BenchError("plan: the plan page did not answer")
        run_tasks()  # django-tasks-db's own Worker, in batch mode: every due task, then back
        row = self.stored_row()
        if row is None or row[0] != "ready":
            raise BenchError("plan: the worker did not make the stored PDF")
        return text, row

    def check(self, body: bytes, text: str, row: tuple[Any, ...] | None) -> None:
        """The download was the stored PDF (its row unchanged: a render stores anew) and it
        holds the changed text (checked after the timing)."""
        if self.stored_row() != row:
            raise BenchError("plan: the download rendered the PDF, it was not stored")
        if text not in _pdf_text(body):
            raise BenchError(f"plan: the PDF does not hold the changed text {text!r}")

    def stored_row(self) -> tuple[Any, ...] | None:
        from krachtbron.families.models import StoredPdf

        return (
            StoredPdf.objects.filter(family=self.family)
            .values_list("status", "created_at", "digest")
            .first()
        )

    def forget(self) -> None:
        from krachtbron.families.models import StoredPdf

        StoredPdf.objects.filter(family=self.family).delete()


def run(database_url: str = "") -> dict[str, float]:
    prefix = "pdfs.pg" if database_url else "pdfs"
    with tempfile.TemporaryDirectory() as workdir:
        env = server_env(Path(workdir), database_url)
        prepare(env)
        setup_django(env)
        from django.conf import settings
        from django.test import Client
        from django.urls import reverse
        from django.utils import timezone

        from bench.pages import _network
        from bench.portal import _create_data
        from krachtbron.audit.log import log_access_many
        from krachtbron.audit.models import AccessKind
        from krachtbron.families.copy_pdf import make_copy_pdf
        from krachtbron.families.models import PreparedFile
        from krachtbron.questionnaires.tests.factories import ALL_ITEMS, completed_response, invite

        members = _create_data()
        member, adviser = members[0]
        family = member.family
        _network(family, adviser, snapshots=0)
        for _n in range(LOG_ROWS // 100):
            log_access_many(adviser, [family] * 100, AccessKind.READ, object_type="goals")
        for other, _adviser in members:
            completed_response(other, adviser, dict.fromkeys(ALL_ITEMS, 2))
        invitation, token = invite(member, adviser)
        if database_url:
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies[settings.SESSION_COOKIE_NAME] = signed_in_session(adviser)
        file = PreparedFile(
            kind="family_copy",
            family=family,
            owner_user=adviser,
            params={"requester": member.pk, "third_parties": True},
            language="nl",
            created_at=timezone.now(),
            expires_at=timezone.now(),
        )
        plan_url = reverse("strengths:plan_pdf", args=[family.pk])
        letter_url = reverse("questionnaires:pdf", args=[invitation.pk])

        def get(url: str) -> tuple[int, bytes]:
            response = client.get(url)
            return response.status_code, response.content

        def letter() -> tuple[int, bytes]:
            response = client.post(letter_url, {"token": token})
            return response.status_code, response.content

        plan = get(plan_url)[1]
        if b"%PDF" not in plan[:8] or len(plan) < 20_000:
            raise BenchError("the krachtenplan is not the big PDF")
        seconds: dict[str, list[float]] = {
            "floor": [],
            "plan": [],
            "plan_render": [],
            "copy": [],
            "invitation": [],
        }
        changes = _Changes(family, adviser, client, reverse("strengths:plan", args=[family.pk]))

        def stored_plan() -> float:
            text, row = changes.made_ready()
            answers: list[bytes] = []

            def download() -> tuple[int, bytes]:
                status, body = get(plan_url)
                answers.append(body)
                return status, body

            rate = _rate("plan", download, seconds["plan"])
            changes.check(answers[0], text, row)
            return rate

        def rendered_plan() -> float:
            changes.forget()
            return _rate("plan_render", lambda: get(plan_url), seconds["plan_render"])

        def floor() -> float:
            return _rate("floor", lambda: get("/bench/pdf/"), seconds["floor"])

        pairs = [
            Pair("plan_times_floor", stored_plan, floor, as_times=True),
            Pair("plan_render_times_floor", rendered_plan, floor, as_times=True),
            Pair(
                "copy_times_floor",
                lambda: _rate("copy", lambda: (200, make_copy_pdf(file)), seconds["copy"]),
                floor,
                as_times=True,
            ),
            Pair(
                "invitation_times_floor",
                lambda: _rate("invitation", letter, seconds["invitation"]),
                floor,
                as_times=True,
            ),
        ]
        get("/bench/pdf/")  # warm up the renderer (fonts)
        ratios = interleaved(prefix, pairs, ROUNDS)
    result = {f"{prefix}.{k}": statistics.median(v) for k, v in ratios.items()}
    for name, values in seconds.items():
        report(f"{prefix}.{name}_seconds", statistics.median(values))
        result[f"{prefix}.{name}_seconds"] = statistics.median(values)
    return result


if __name__ == "__main__":
    # `scripts/with-postgres.sh --durable .venv/bin/python -m bench.pdfs --postgres`
    run(os.environ["DATABASE_URL"] if "--postgres" in sys.argv else "")
    sys.exit(0)
