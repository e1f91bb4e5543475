"""The exact group mean 1.45 is shown and written as 1,5 (tester of issue 12, finding 2; the
engine side is instruments/tests/test_exact_means.py)."""

from krachtbron.instruments import aggregate
from krachtbron.instruments.tests.test_exact_means import GEZINNEN, SETS
from krachtbron.lib.numbers import csv_decimal, shown_mean


def _situatie_mean():
    result = aggregate(GEZINNEN, SETS)
    return next(s for s in result.sections if s.id == "situatie").mean


def test_a_group_mean_of_exactly_1_45_is_shown_as_1_5():
    assert shown_mean(_situatie_mean()) == "1,5"


def test_a_group_mean_of_exactly_1_45_is_written_to_csv_as_1_5():
    assert csv_decimal(_situatie_mean()) == "1,5"


def test_the_json_and_the_screen_tell_the_same_rounded_mean():
    sections = aggregate(GEZINNEN, SETS).to_dict()["sections"]
    section = next(s for s in sections if s["id"] == "situatie")
    # JSON keeps two decimals (1.45); the screen's one decimal must be that value rounded half up.
    assert section["mean"] == 1.45
    assert shown_mean(section["mean"]) == shown_mean(_situatie_mean())
