"""Idempotent reminders under a real race (SECURITY.md 1): several threads, each with its own
database connection, run the daily round at the same moment, many rounds; one reminder each."""

import pytest

from krachtbron.sending.tests import race_scenarios
from krachtbron.testing.parallel import run_scenario

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_daily_round_run_by_several_workers_at_once_queues_each_reminder_once(tmp_path):
    result = run_scenario("krachtbron.sending.tests.race_scenarios", "reminders_at_once", tmp_path)
    assert result["errors"] == []
    assert result["rows"] == [1] * race_scenarios.REPETITIONS
    assert result["queued"] == [1] * race_scenarios.REPETITIONS
    # One send task per first message and one per reminder: no task without its row.
    assert result["tasks"] == 2 * race_scenarios.REPETITIONS
