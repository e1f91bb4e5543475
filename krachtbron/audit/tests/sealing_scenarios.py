"""Sealing under concurrency: many transactions writing log rows at once, each sealing after it
commits, from its own database connection.

On PostgreSQL the test runs this in-process against the test database; on SQLite in a subprocess
against a fresh SQLite file (an in-memory test database cannot hold several connections),
through ``krachtbron.testing.parallel.run_scenario``:

    SQLITE_PATH=/tmp/x.sqlite3 python -m krachtbron.audit.tests.sealing_scenarios parallel_sealing
"""

from typing import Any

from krachtbron.testing.parallel import scenario_main

THREADS = 4
ROWS = 15


def parallel_sealing() -> dict[str, Any]:
    """THREADS threads each write ROWS rows, one transaction per row, sealing after each."""
    from datetime import timedelta

    from django.db import transaction

    from krachtbron.audit.log import log_access
    from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessLogSeal
    from krachtbron.audit.sealing import seal_pending
    from krachtbron.audit.verify import verify_chain
    from krachtbron.questionnaires.tests.parallel_scenarios import run_parallel
    from krachtbron.testing.factories import FamilyFactory, TeamFactory, UserFactory

    team = TeamFactory()
    adviser = UserFactory(team=team)
    family = FamilyFactory(team=team, advisers=[adviser])

    def work() -> int:
        for _ in range(ROWS):
            with transaction.atomic():
                log_access(adviser, family, AccessKind.READ)
        return ROWS

    written, errors = run_parallel(THREADS, work)
    # Whatever a sealer skipped because another one was busy is left for the command.
    left_over = 0
    while sealed := seal_pending(scan_all=True, wait=True):
        left_over += sealed
    sealed_ids = list(AccessLogSeal.objects.values_list("entry_id", flat=True))
    return {
        "errors": errors,
        "written": sum(written),
        "entries": AccessLogEntry.objects.count(),
        "seals": len(sealed_ids),
        "distinct_sealed": len(set(sealed_ids)),
        "left_for_the_command": left_over,
        "chain_ok": verify_chain(grace=timedelta(0)).ok,
    }


SCENARIOS = {"parallel_sealing": parallel_sealing}


if __name__ == "__main__":
    scenario_main(SCENARIOS)
