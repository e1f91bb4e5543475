"""A one-time code signs in exactly one session, also when several post it at the same moment.

Real races (SECURITY.md 1): threads with their own database connections, released together by a
barrier, many rounds; on PostgreSQL in-process, on SQLite against a WAL file in a subprocess.
"""

import pytest

from krachtbron.accounts.tests import race_scenarios
from krachtbron.testing.parallel import run_scenario

pytestmark = pytest.mark.django_db(transaction=True)
MODULE = "krachtbron.accounts.tests.race_scenarios"


def test_one_code_posted_by_several_sessions_at_once_signs_in_exactly_one(tmp_path):
    result = run_scenario(MODULE, "one_code_many_sessions", tmp_path)
    assert result["errors"] == []
    assert result["verified_per_round"] == [1] * race_scenarios.REPETITIONS


def test_one_code_confirming_the_app_in_several_sessions_at_once_signs_in_exactly_one(tmp_path):
    result = run_scenario(MODULE, "one_code_many_setups", tmp_path)
    assert result["errors"] == []
    assert result["verified_per_round"] == [1] * race_scenarios.REPETITIONS


def test_wrong_codes_at_the_same_moment_are_checked_one_at_a_time_by_the_throttle(tmp_path):
    """Four guesses at once: one is checked and counted, the throttle refuses the other three."""
    result = run_scenario(MODULE, "wrong_codes_at_once", tmp_path)
    assert result["errors"] == []
    assert result["checked"] == [1] * len(result["checked"])
    assert result["failure_counts"] == [1] * len(result["failure_counts"])


def test_opening_the_set_up_page_in_several_tabs_at_once_makes_one_device(tmp_path):
    result = run_scenario(MODULE, "pending_device_at_once", tmp_path)
    assert result["errors"] == []
    assert result["devices"] == [1] * len(result["devices"])


@pytest.mark.parametrize("scenario", ["same_team_name_at_once", "same_username_at_once"])
def test_the_same_name_saved_at_once_gives_the_forms_message_not_an_error(tmp_path, scenario):
    """Two beheerders (or two tabs) save the same team name or invite the same person at once:
    one row, the others see the form again with its message; no IntegrityError, no 500."""
    result = run_scenario(MODULE, scenario, tmp_path)
    assert result["errors"] == []
    assert result["rows"] == [1] * len(result["rows"])
    assert all(set(statuses) <= {200, 302} for statuses in result["statuses"])
