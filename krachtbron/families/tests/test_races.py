"""Create forms under real races: threads with their own DB connections, released together.

On PostgreSQL in-process, on SQLite against a WAL file in a subprocess (testing/parallel.py).
"""

import pytest

from krachtbron.families.tests import race_scenarios
from krachtbron.testing.parallel import run_scenario

pytestmark = pytest.mark.django_db(transaction=True)
MODULE = "krachtbron.families.tests.race_scenarios"


def test_one_form_posted_several_times_at_once_stores_one_person(tmp_path):
    result = run_scenario(MODULE, "same_key_at_once", tmp_path)
    assert result["errors"] == []
    assert result["rows"] == [1] * race_scenarios.ROUNDS
    # Every answer leads to the same place: the map with the one new person.
    assert all(
        len(outcome) == 1 and outcome[0].startswith("redirect") for outcome in result["outcomes"]
    )


def test_the_same_dossier_number_saved_at_once_gives_the_forms_message_not_an_error(tmp_path):
    result = run_scenario(MODULE, "same_reference_at_once", tmp_path)
    assert result["errors"] == []  # no IntegrityError, no 500
    assert result["rows"] == [1] * race_scenarios.ROUNDS
    expected = ["200 taken"] * (race_scenarios.THREADS - 1) + ["created"]
    assert result["outcomes"] == [expected] * race_scenarios.ROUNDS
