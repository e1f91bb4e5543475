"""Onze mensen's decisions under real races (testing/parallel.py): exactly one outcome, and
every request gets a normal answer (a redirect with a message), never an error page."""

import pytest

from krachtbron.portal.tests import mensen_races
from krachtbron.testing.parallel import run_scenario

pytestmark = pytest.mark.django_db(transaction=True)
MODULE = "krachtbron.portal.tests.mensen_races"


def test_decisions_at_the_same_moment_end_in_exactly_one_outcome(tmp_path):
    both = run_scenario(MODULE, "decisions_at_once", tmp_path)
    # Two advisers confirm at once: the person goes on the map once.
    result = both["confirm"]
    assert result["errors"] == []
    assert result["answers"] == [[302, 302]] * mensen_races.ROUNDS
    assert result["statuses"] == ["bevestigd"] * mensen_races.ROUNDS
    assert result["persons"] == [1] * mensen_races.ROUNDS
    # The member withdraws while the adviser confirms.
    result = both["withdraw"]
    assert result["errors"] == []
    assert result["answers"] == [[302, 302]] * mensen_races.ROUNDS
    # Confirmed with the person on the map, or withdrawn with nobody: never both, never neither.
    for status, persons in result["outcomes"]:
        assert (status, persons) in (("bevestigd", 1), ("ingetrokken", 0)), result["outcomes"]
