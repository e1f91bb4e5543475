"""Quarter labels and figures read as the interface language writes them."""

from django.utils import translation

from krachtbron.insight.dashboards import fmt
from krachtbron.lib.charts import hbar_chart
from krachtbron.lib.quarters import quarter_label


def test_a_quarter_label_follows_the_language():
    with translation.override("nl"):
        assert quarter_label(20253) == "2025 K3"
    with translation.override("en"):
        assert quarter_label(20253) == "Q3 2025"


def test_means_use_the_decimal_sign_of_the_language():
    with translation.override("nl"):
        assert fmt(2.25) in ("2,2", "2,3") and fmt(None) == "–"
        assert ">3,5<" in hbar_chart([("Sociaal", 3.5)], title="t")
    with translation.override("en"):
        assert fmt(3.5) == "3.5"
        assert ">3.5<" in hbar_chart([("Social", 3.5)], title="t")


def test_a_long_bar_label_is_shortened_to_fit():
    long = "Professionals about the organisation"
    chart = str(hbar_chart([(long, 2.0)], title="t"))
    assert long not in chart and "Professionals about the org…" in chart
