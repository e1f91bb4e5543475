"""Per-question trend in a member's results (issue 18 item 4): a small chart per question and
one table across all measurements, the time axis with month and year."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from krachtbron.questionnaires.results import chart_axis, item_trend, time_axis
from krachtbron.questionnaires.tests.factories import completed_response
from krachtbron.testing.factories import MemberFactory

AMS = ZoneInfo("Europe/Amsterdam")
# An x label of lib.charts.line_chart: <text x=… text-anchor="middle" …>line<tspan …>line…</text>
AXIS_LABEL = re.compile(r'<text x="([\d.]+)"[^>]*text-anchor="middle"[^>]*>(.*?)</text>', re.S)
CHAR_PX = 6.5  # a character's average width at the charts' font size 12 (Noto Sans: ~6.2)
WHEN = [datetime(2025, 3, 12, 10, tzinfo=AMS), datetime(2025, 11, 3, 10, tzinfo=AMS)]


@pytest.fixture
def three(org):
    """Three measurements of org.member over two years; question 2 skipped the second time."""
    first = completed_response(org.member, org.adviser, {"g01": 1, "g02": 0}, completed_at=WHEN[0])
    second = completed_response(
        org.member, org.adviser, {"g01": 2}, moment="tussentijds", completed_at=WHEN[1]
    )
    third = completed_response(
        org.member,
        org.adviser,
        {"g01": 4, "g02": 3},
        moment="afsluiting",
        completed_at=datetime(2026, 2, 20, 10, tzinfo=AMS),
    )
    return first, second, third


def test_the_results_show_every_question_over_every_measurement_with_years(org, as_user, three):
    first, _second, _third = three
    # Another member's answers are not this member's trend.
    completed_response(MemberFactory(family=org.family), org.adviser, {"g01": 0})
    page = as_user(org.adviser).get(reverse("questionnaires:response", args=[first.pk]))
    assert page.status_code == 200
    trend = page.context["item_trend"]
    assert trend.dates == ["maart 2025", "november 2025", "februari 2026"]
    assert len(trend.rows) == 13
    assert trend.rows[0].values == [1, 2, 4] and trend.rows[1].values == [0, None, 3]
    assert trend.rows[2].values == [None, None, None]
    body = page.content.decode()
    section = body[body.index('id="item-trend-title"') :]
    assert (
        "<caption" in section and '<th scope="col" class="num">Begin<br>maart 2025</th>' in section
    )
    assert '<th scope="row">1. ' in section
    # One small chart per question, with the years on its time axis, legible on a phone.
    charts = re.findall(r"<svg[^>]*>.*?</svg>", section, flags=re.S)
    assert len(charts) == 13
    for chart in charts:
        assert _axis(chart) == [["mrt", "2025"], ["nov", "2025"], ["feb", "2026"]]
        assert "<title>" in chart
        assert int(re.search(r'width="(\d+)"', chart).group(1)) <= 360


def test_the_time_axis_is_in_the_interface_language_and_never_repeats():
    march = [datetime(2025, 3, 2, tzinfo=AMS), datetime(2025, 3, 30, tzinfo=AMS)]
    with translation.override("nl"):
        assert time_axis(march) == ["2 maart 2025", "30 maart 2025"]
        assert time_axis(march[:1]) == ["maart 2025"]
    with translation.override("en"):
        assert time_axis(march[:1]) == ["March 2025"]


def test_one_measurement_has_no_trend(org, as_user):
    only = completed_response(org.member, org.adviser, {"g01": 3})
    assert item_trend(only) is None
    page = as_user(org.adviser).get(reverse("questionnaires:response", args=[only.pk]))
    assert "item-trend-title" not in page.content.decode()


def _axis(chart: str) -> list[list[str]]:
    """The lines of each x label of a line chart, without the bidi isolates."""
    return [
        [
            line.strip("\u2068\u2069")
            for line in re.split(r"<tspan[^>]*>", inner.replace("</tspan>", ""))
        ]
        for _x, inner in AXIS_LABEL.findall(chart)
    ]


def _overlaps(chart: str) -> list[tuple[str, str]]:
    """Neighbouring x labels that run into each other (each centred on its point)."""
    found = AXIS_LABEL.findall(chart)
    xs = [float(x) for x, _inner in found]
    widths = [CHAR_PX * max(len(line) for line in lines) for lines in _axis(chart)]
    return [
        (found[i][1], found[i + 1][1])
        for i in range(len(found) - 1)
        if (widths[i] + widths[i + 1]) / 2 + 4 > xs[i + 1] - xs[i]
    ]


@pytest.fixture
def six(org):
    """Six measurements of org.member, as the demo's Gezin with the longest history."""
    months = [(2025, 11, 18), (2026, 4, 15), (2026, 8, 1), (2026, 9, 30), (2026, 10, 28)]
    moments = ["begin", "tussentijds", "tussentijds", "tussentijds", "tussentijds"]
    made = [
        completed_response(
            org.member,
            org.adviser,
            {"g01": n % 5},
            moment=moment,
            completed_at=datetime(*day, 10, tzinfo=AMS),
        )
        for n, (day, moment) in enumerate(zip(months, moments, strict=True))
    ]
    made.append(
        completed_response(
            org.member,
            org.adviser,
            {"g01": 3},
            moment="afsluiting",
            completed_at=datetime(2026, 11, 21, 10, tzinfo=AMS),
        )
    )
    return made


def test_no_label_of_the_time_axis_runs_into_the_next(org, as_user, six):
    client = as_user(org.adviser)
    page = client.get(reverse("questionnaires:response", args=[six[-1].pk]))
    assert page.status_code == 200
    for row in page.context["item_trend"].rows:
        assert len(_axis(row.chart)) == 6 and _overlaps(row.chart) == []
    assert _axis(page.context["item_trend"].rows[0].chart)[3] == ["sep", "2026"]
    # The family tab's chart per section: the moment over its month and year.
    tab = client.get(reverse("questionnaires:family", args=[org.family.pk]))
    chart = next(trend.chart for trend in tab.context["trends"] if trend.chart)
    assert _axis(chart)[0] == ["Begin", "november 2025"] and _overlaps(chart) == []


def test_two_measurements_in_one_month_keep_their_day_on_the_axis():
    march = [datetime(2025, 3, 2, tzinfo=AMS), datetime(2025, 3, 30, tzinfo=AMS)]
    with translation.override("nl"):
        assert chart_axis(march) == ["2 mrt\n2025", "30 mrt\n2025"]
    with translation.override("en"):
        assert chart_axis(march[:1]) == ["March\n2025"]
