"""One rounding rule (half up) for every mean: chart label, table cell, CSV cell, JSON.

Issue 12: the dashboard chart said 2,3 beside a table that said 2,4, and the CSV said 2.35: the
chart cut the mean off, the table rounded it, the CSV kept two decimals.
"""

import re
from decimal import Decimal
from fractions import Fraction

from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from krachtbron.insight.dashboards import fmt
from krachtbron.instruments import round_half_up
from krachtbron.instruments.ids import FAMILIES
from krachtbron.lib.charts import hbar_chart
from krachtbron.lib.csvfile import cell
from krachtbron.lib.numbers import csv_decimal, shown_mean


def _half_up(value: Fraction, places: int = 1) -> str:
    """The oracle: exact arithmetic on the fraction, half away from zero."""
    scaled = abs(value) * 10**places
    whole = int(scaled + Fraction(1, 2))
    sign = "-" if value < 0 and whole else ""
    return f"{sign}{whole // 10**places},{whole % 10**places:0{places}d}"


def _chart_label(value: float) -> str:
    svg = str(hbar_chart([("Sociale dimensie", value)], title="t"))
    return re.findall(r">([^<>]*)</text>", svg)[-1]


def _table_cell(value: float) -> str:
    return Template("{{ value|mean }}").render(Context({"value": value}))


# Means Krachtbron computes: a sum of answers (0-4) over a count of answers or respondents.
means = st.builds(
    lambda n, share: Fraction(round(share * 4 * n), n),
    st.integers(min_value=1, max_value=2000),
    st.floats(min_value=0, max_value=1),
)


@given(means)
def test_chart_label_table_cell_and_csv_cell_show_the_same_number(mean):
    value = float(mean)
    expected = _half_up(mean)
    with translation.override("nl"):
        assert _chart_label(value) == expected
        assert _table_cell(value) == expected
        assert fmt(value) == expected
    assert cell(value) == expected  # a CSV has the decimal comma in every language
    assert csv_decimal(value) == expected
    with translation.override("en"):
        assert _chart_label(value) == expected.replace(",", ".")
        assert _table_cell(value) == expected.replace(",", ".")


@given(st.integers(min_value=-4000, max_value=4000), st.integers(min_value=1, max_value=1000))
def test_changes_round_the_same_way_and_never_show_minus_zero(numerator, denominator):
    change = Fraction(numerator, denominator)
    with translation.override("nl"):
        # The oracle writes -0.04 as 0,0: a change too small to show has no sign.
        assert shown_mean(float(change)) == _half_up(change)


def test_the_examples_of_the_issue():
    with translation.override("nl"):
        # 47/20 = 2.35: the chart cut it off to 2,3; the table said 2,4.
        assert _chart_label(2.35) == _table_cell(2.35) == cell(2.35) == "2,4"
        assert shown_mean(2.25) == "2,3"  # half up, not half to even
        assert shown_mean(None) == "–" and cell(None) == ""
    # JSON keeps two decimals, by the same rule: round() would say 2.67 for 2.675.
    assert round_half_up(2.675, 2) == Decimal("2.68")
    assert round(2.675, 2) == 2.67


def test_the_engine_rounds_json_means_half_up():
    from krachtbron.instruments import aggregate, get_instrument

    gezinnen = get_instrument(FAMILIES)
    # g01 over 8 respondents: 17/8 = 2.125 exactly; round() would give 2.12 (half to even).
    answers = [{"g01": v} for v in (4, 4, 3, 2, 2, 1, 1, 0)]
    result = aggregate(gezinnen, answers).to_dict()
    g01 = next(item for item in result["items"] if item["id"] == "g01")
    assert g01["mean"] == 2.13
