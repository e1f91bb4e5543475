"""One rounding rule on the exact mean (tester of issue 12, finding 2).

Five respondents whose section means are 11/3, 1/4, 6/3, 4/3 and 0/4 have the exact group mean
29/20 = 1.45, which half up is 1,5. The float sum of those means divided by 5 is
1.4499999999999997: the engine said 1,4, the command line's JSON 1.45. The engine now averages
exact fractions of the whole-number totals; the database does the same (insight/cells.py,
test_exact_means.py there).
"""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from krachtbron.instruments import aggregate, compare, get_instrument, round_half_up

GEZINNEN = get_instrument("kracht-gezinnen")
# "situatie" has four items (g01-g04); each set answers at least half of them.
SETS = [
    {"g01": 4, "g02": 4, "g03": 3},  # 11/3
    {"g01": 1, "g02": 0, "g03": 0, "g04": 0},  # 1/4
    {"g01": 2, "g02": 2, "g03": 2},  # 6/3
    {"g01": 2, "g02": 1, "g03": 1},  # 4/3
    {"g01": 0, "g02": 0, "g03": 0, "g04": 0},  # 0/4
]
EXACT = sum((Fraction(sum(s.values()), len(s)) for s in SETS), Fraction(0)) / len(
    SETS
)  # 29/20 = 1.45


def _situatie_mean():
    result = aggregate(GEZINNEN, SETS)
    return next(s for s in result.sections if s.id == "situatie").mean


def test_the_example_is_an_exact_half():
    assert Fraction(29, 20) == EXACT


def test_a_group_mean_of_exactly_1_45_rounds_to_1_5():
    assert round_half_up(_situatie_mean(), 1) == Decimal("1.5")


def test_the_json_mean_rounds_to_the_same_one_decimal():
    sections = aggregate(GEZINNEN, SETS).to_dict()["sections"]
    section = next(s for s in sections if s["id"] == "situatie")
    # JSON keeps two decimals (1.45); the screen's one decimal must be that value rounded half up.
    assert section["mean"] == 1.45
    assert round_half_up(section["mean"], 1) == round_half_up(_situatie_mean(), 1)


def test_a_change_between_two_exact_means_is_exact_too():
    # 5/4 - 2/3 ... the section change 0,25 must round like the exact 0.25 would.
    before = {"g01": 1, "g02": 1, "g03": 1}  # 1
    after = {"g01": 2, "g02": 1, "g03": 1, "g04": 1}  # 5/4
    section = next(s for s in compare(GEZINNEN, before, after).sections if s.id == "situatie")
    assert section.change == 0.25 and round_half_up(section.change, 1) == Decimal("0.3")


SCORES = st.lists(st.integers(0, 4) | st.none(), min_size=4, max_size=4)


@given(st.lists(SCORES, min_size=5, max_size=30))
def test_the_group_mean_is_the_float_nearest_the_exact_mean(rows):
    sets = [dict(zip(("g01", "g02", "g03", "g04"), row, strict=True)) for row in rows]
    means = [
        Fraction(sum(v for v in row if v is not None), sum(v is not None for v in row))
        for row in rows
        if 2 * sum(v is not None for v in row) >= 4
    ]
    section = next(s for s in aggregate(GEZINNEN, sets).sections if s.id == "situatie")
    if len(means) >= 5:
        assert section.mean == float(sum(means, Fraction(0)) / len(means))
