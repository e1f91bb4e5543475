"""The organisation dashboard against the single raw SQL query that computes the same numbers.

For SQLite and for PostgreSQL (a throw-away durable server via scripts/with-postgres.sh), each in
its own process: generate a large organisation (``generate_organisation``: 27 teams, 5 years,
~100,000 family questionnaires, ~1.3 million item answers), then time

* the beheerder's organisation dashboard (all teams, all quarters, the family questionnaire):
  the whole request through Django (middleware, queries, charts, template). The first request
  publishes the figures of every closed quarter (computed from the answers once, after
  suppression, and stored: ``publish_ratio``); the later ones read what was stored (``ratio``);
  and
* one hand-written SQL statement that computes the same figures (per team and quarter: the
  respondents, the answers per item and value and the sums of the section means), written as
  fast as we know how: one pass over the answers, pivoted per response.

Prints ``BENCH dashboard.sqlite_ratio`` and ``BENCH dashboard.postgres_ratio`` (dashboard time ÷
raw query time, medians of several runs; the target is at most 2), the ``publish_ratio`` of the
first request (one run: it happens once per quarter), and the times in ms.
Set BENCH_DASHBOARD_RESPONSES to use a smaller organisation.
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
from pathlib import Path
from typing import Any

from bench.common import PYTHON, ROOT, prepare, report, server_env, setup_django, signed_in_session

RUNS = 5
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


def _median_seconds(action: Any) -> float:
    action()  # warm up caches (and the database's pages)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure() -> dict[str, float]:
    """In this process: generate the organisation, then time dashboard and raw query."""
    with tempfile.TemporaryDirectory() as tmp:
        env = server_env(Path(tmp), os.environ.get("DATABASE_URL", ""))
        prepare(env)
        setup_django(env)
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from krachtbron.accounts.models import Role
        from krachtbron.testing.factories import UserFactory

        call_command("generate_organisation", responses=RESPONSES, stdout=open(os.devnull, "w"))  # noqa: SIM115
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        beheerder = UserFactory.create(username="bench-beheerder", role=Role.BEHEERDER, team=None)
        client = Client()
        client.cookies["krachtbron_session"] = signed_in_session(beheerder)

        def dashboard() -> None:
            response = client.get("/dashboard/", HTTP_HOST="127.0.0.1")
            # The figures must be there (published closed quarters), not "too few".
            shown = re.search(rb"n = \d+ respondenten", response.content)
            if response.status_code != 200 or shown is None:
                raise RuntimeError(f"dashboard answered {response.status_code} without figures")

        sql, params = _raw_sql()

        def raw() -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                cursor.fetchall()

        # The first request publishes every closed quarter (computed once, then stored); the
        # requests after it read the stored figures. Warm up Django (templates, translations,
        # instruments) with another instrument's dashboard first, so only publishing is timed.
        client.get("/dashboard/", {"instrument": "kracht-professionals"}, HTTP_HOST="127.0.0.1")
        start = time.perf_counter()
        dashboard()
        publish_s = time.perf_counter() - start
        dashboard_s = _median_seconds(dashboard)
        raw_s = _median_seconds(raw)
        return {
            "dashboard_ms": dashboard_s * 1000,
            "publish_ms": publish_s * 1000,
            "raw_ms": raw_s * 1000,
            "ratio": dashboard_s / raw_s,
            "publish_ratio": publish_s / raw_s,
        }


def _child(extra: list[str]) -> dict[str, float]:
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
        figures[f"dashboard.{name}_ratio"] = measured["ratio"]
        figures[f"dashboard.{name}_publish_ratio"] = measured["publish_ratio"]
        figures[f"dashboard.{name}_dashboard_ms"] = measured["dashboard_ms"]
        figures[f"dashboard.{name}_publish_ms"] = measured["publish_ms"]
        figures[f"dashboard.{name}_raw_ms"] = measured["raw_ms"]
    for name, value in figures.items():
        report(name, value)
    return figures


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(measure()), flush=True)
    else:
        run()
