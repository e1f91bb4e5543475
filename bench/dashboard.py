"""The organisation dashboard, read from stored cells, against the single aggregate query over
all answers (issue 18 item 3).

For SQLite and for PostgreSQL (a throw-away durable server via scripts/with-postgres.sh), each in
its own process: generate a large organisation (``generate_organisation``: 27 teams, 5 years,
~100,000 family questionnaires, ~1.3 million item answers; the answers are written with COPY on
PostgreSQL and one prepared INSERT on SQLite, so setup takes seconds, not minutes), publish the
closed periods once as the background task does (``insight.tasks.publish_everything``; timed:
``publish_ms``), then, in interleaved rounds (noise hits both sides),

* the beheerder's organisation dashboard (all teams, all quarters, the family questionnaire)
  **through the HTTP server** (gunicorn with the production config, as deployed): middleware,
  the stored cells, charts and template. Every response is checked: status 200 and the real
  page (the per-team table and "n = … respondenten"); anything else fails the benchmark; and
* one hand-written SQL statement that computes the same figures from all answers (per team and
  quarter: the respondents, the answers per item and value and the sums of the section means),
  written as fast as we know how: one pass over the answers, pivoted per response. This is
  what a dashboard would cost without stored cells.

Prints ``BENCH dashboard.sqlite_ratio`` and ``BENCH dashboard.postgres_ratio`` (dashboard time ÷
raw query time per round: median [min–max]; the target is at most 0.1), the publication's cost
as a ratio to the raw query (``publish_ratio``, once per closed period, in the background), the
times in ms and the setup time in s. Set BENCH_DASHBOARD_RESPONSES for a smaller organisation.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.common import (
    PYTHON,
    ROOT,
    gunicorn,
    prepare,
    report,
    report_spread,
    server_env,
    setup_django,
    signed_in_session,
)

ROUNDS = 5  # interleaved rounds: dashboard, then the raw query
PER_ROUND = 3  # timings per side per round (their median counts)
RESPONSES = int(os.environ.get("BENCH_DASHBOARD_RESPONSES", "100000"))


def _raw_sql() -> tuple[str, list[Any]]:
    """One statement: the dashboard's numbers for the family questionnaire, all teams."""
    from django.conf import settings
    from django.db import connection

    from krachtbron.instruments import get_instrument
    from krachtbron.lib.quarters import quarter_start, recent_quarters
    from krachtbron.questionnaires.models import Answer, Response

    instrument = get_instrument("kracht-gezinnen")
    responses, answers = Response._meta.db_table, Answer._meta.db_table
    # The same quarter boundaries as the dashboard (timezone-correct, newest first).
    quarters = recent_quarters(settings.RETENTION_YEARS)
    params: list[Any] = []
    whens = []
    for q in quarters[:-1]:
        whens.append(f"WHEN r.completed_at >= %s THEN {q}")
        params.append(connection.ops.adapt_datetimefield_value(quarter_start(q)))
    quarter_sql = f"CASE {' '.join(whens)} ELSE {quarters[-1]} END"
    answered_any = " OR ".join(f"p.i{k} IS NOT NULL" for k in range(len(instrument.item_ids)))
    section_outer = []
    for section in instrument.sections:
        cols = [f"p.i{instrument.item_ids.index(i)}" for i in section.item_ids]
        answered = " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in cols)
        total = " + ".join(f"COALESCE({c}, 0)" for c in cols)
        enough = f"({answered}) >= {(len(cols) + 1) // 2}"
        section_outer.append(
            f"SUM(CASE WHEN {enough} THEN ({total}) * 1.0 / ({answered}) END), "
            f"SUM(CASE WHEN {enough} THEN 1 ELSE 0 END)"
        )
    pivot = ", ".join(
        f"MAX(CASE WHEN item_id = '{item_id}' THEN value END) AS i{index}"
        for index, item_id in enumerate(instrument.item_ids)
    )
    counts = ", ".join(
        f"SUM(CASE WHEN p.i{index} = {value} THEN 1 ELSE 0 END)"
        for index in range(len(instrument.item_ids))
        for value in range(5)
    )
    sql = f"""
        SELECT r.team_id, {quarter_sql} AS q, COUNT(*), COUNT(DISTINCT r.member_id), {counts},
            {", ".join(section_outer)}
        FROM (
            SELECT response_id, {pivot} FROM {answers}
            WHERE value IS NOT NULL GROUP BY response_id
        ) p JOIN {responses} r ON r.id = p.response_id
        WHERE ({answered_any}) AND r.instrument_id = %s AND r.instrument_version = %s
            AND r.completed_at IS NOT NULL
        GROUP BY r.team_id, q
    """  # noqa: S608 - only our own table names, item ids and numbers
    return sql, [*params, instrument.id, instrument.version]


def _median_seconds(action: Any, times: int = PER_ROUND) -> float:
    runs = []
    for _ in range(times):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def measure() -> dict[str, Any]:
    """In this process: generate the organisation, publish it, then time dashboard (over HTTP)
    and raw query in interleaved rounds."""
    with tempfile.TemporaryDirectory() as tmp:
        env = server_env(Path(tmp), os.environ.get("DATABASE_URL", ""))
        prepare(env)
        setup_django(env)
        from django.core.management import call_command
        from django.db import connection

        from krachtbron.accounts.models import Role
        from krachtbron.insight.models import PublishedCell
        from krachtbron.insight.tasks import publish_everything
        from krachtbron.questionnaires.models import Answer
        from krachtbron.testing.factories import UserFactory

        start = time.perf_counter()
        call_command("generate_organisation", responses=RESPONSES, stdout=open(os.devnull, "w"))  # noqa: SIM115
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        setup_s = time.perf_counter() - start
        answers = Answer.objects.count()
        # The background task's work, once per closed period (here: every closed quarter).
        start = time.perf_counter()
        publish_everything()
        publish_s = time.perf_counter() - start
        cells = PublishedCell.objects.count()
        beheerder = UserFactory.create(username="bench-beheerder", role=Role.BEHEERDER, team=None)
        cookie = f"krachtbron_session={signed_in_session(beheerder)}"
        sql, params = _raw_sql()

        def raw() -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                if len(cursor.fetchall()) < 27:
                    raise RuntimeError("the raw query found fewer groups than teams")

        with gunicorn(env) as base:

            def dashboard() -> None:
                request = urllib.request.Request(  # noqa: S310 - our own loopback server
                    f"{base}/dashboard/", headers={"Cookie": cookie}
                )
                with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                    body = response.read()
                    # urlopen follows redirects: a sign-in page must not look fast.
                    if response.status != 200 or response.url != f"{base}/dashboard/":
                        raise RuntimeError(f"dashboard answered {response.status} {response.url}")
                shown = re.search(rb"n = \d+ respondenten", body)
                if shown is None or b"Teams naast elkaar" not in body:
                    raise RuntimeError("the dashboard page has no figures per team")

            dashboard()  # warm up the server (templates, translations, instruments)
            raw()  # and the database's pages
            dashboard_times, raw_times, ratios = [], [], []
            for _round in range(ROUNDS):
                d = _median_seconds(dashboard)
                r = _median_seconds(raw)
                dashboard_times.append(d)
                raw_times.append(r)
                ratios.append(d / r)
        raw_s = statistics.median(raw_times)
        return {
            "ratios": ratios,
            "dashboard_ms": statistics.median(dashboard_times) * 1000,
            "raw_ms": raw_s * 1000,
            "publish_ms": publish_s * 1000,
            "publish_ratio": publish_s / raw_s,
            "setup_s": setup_s,
            "answers": answers,
            "cells": cells,
        }


def _child(extra: list[str]) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603
        [*extra, PYTHON, "-m", "bench.dashboard", "--child"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    last = [line for line in result.stdout.splitlines() if line.startswith("{")][-1]
    return dict(json.loads(last))


def run() -> dict[str, float]:
    figures: dict[str, float] = {}
    for name, prefix in (
        ("sqlite", []),
        ("postgres", [str(ROOT / "scripts" / "with-postgres.sh"), "--durable"]),
    ):
        measured = _child(prefix)
        report_spread(f"dashboard.{name}_ratio", measured["ratios"])
        figures[f"dashboard.{name}_ratio"] = statistics.median(measured["ratios"])
        for key in ("publish_ratio", "dashboard_ms", "raw_ms", "publish_ms", "setup_s"):
            figures[f"dashboard.{name}_{key}"] = measured[key]
            report(f"dashboard.{name}_{key}", measured[key])
        report(f"dashboard.{name}_answers", measured["answers"])
        report(f"dashboard.{name}_cells", measured["cells"])
    return figures


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(measure()), flush=True)
    else:
        run()
