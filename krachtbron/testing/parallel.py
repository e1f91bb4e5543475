"""Run real races: several threads, each with its own database connection, released together.

On PostgreSQL a test runs its scenario in-process against the test database (it needs
``transactional_db``: the threads must see the committed rows). SQLite's in-memory test database
cannot hold several connections, so on SQLite the scenario runs in a subprocess against a fresh
SQLite *file* in WAL mode with IMMEDIATE transactions, the way Krachtbron really runs (a copy of
a file migrated once per test process, krachtbron/testing/migrated.py):

    SQLITE_PATH=/tmp/x.sqlite3 python -m <module> NAME

A scenario module defines ``SCENARIOS = {name: function}`` (each returns a JSON-able dict) and
ends with ``if __name__ == "__main__": scenario_main(SCENARIOS)``.
"""

import importlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

Scenario = Callable[[], dict[str, Any]]


def run_parallel(count: int, work: Callable[[int], Any]) -> tuple[list[Any], list[str]]:
    """Run work(i) in `count` threads that start together; each closes its own connection.

    Returns the results (in completion order) and the repr of every exception raised.
    """
    from django.db import connection

    barrier = threading.Barrier(count)
    results: list[Any] = []
    errors: list[str] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results.append(work(index))
        except Exception as exc:  # noqa: BLE001 - reported to the test
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def run_scenario(module: str, name: str, tmp_path: Path) -> dict[str, Any]:
    """Run SCENARIOS[name] of `module`: in-process on PostgreSQL, in a subprocess on SQLite."""
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "postgresql":
        scenarios: dict[str, Scenario] = importlib.import_module(module).SCENARIOS
        return scenarios[name]()
    from krachtbron.testing.migrated import MIGRATED, migrated_sqlite

    env = {
        **os.environ,
        "SQLITE_PATH": str(migrated_sqlite(tmp_path / f"{name}.sqlite3")),
        MIGRATED: "1",
        "DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "krachtbron.settings",
    }
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", module, name],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"scenario {name} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def scenario_main(scenarios: dict[str, Scenario]) -> None:
    """Entry point of a scenario module run as a subprocess: migrate the file (unless it is a
    migrated copy, testing/migrated.py), run, print JSON."""
    import django
    from django.core.management import call_command

    from krachtbron.testing.migrated import MIGRATED

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krachtbron.settings")
    django.setup()
    if os.environ.get(MIGRATED) != "1":
        call_command("migrate", verbosity=0)
    print(json.dumps(scenarios[sys.argv[1]]()))  # noqa: T201 - read by run_scenario
