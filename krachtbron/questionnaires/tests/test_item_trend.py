"""Per-question trend in a member's results (issue 18 item 4): a small chart per question and
one table across all measurements, the time axis with month and year."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from krachtbron.questionnaires.results import item_trend, time_axis
from krachtbron.questionnaires.tests.factories import completed_response
from krachtbron.testing.factories import MemberFactory

AMS = ZoneInfo("Europe/Amsterdam")
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
        assert "maart 2025" in chart and "februari 2026" in chart and "<title>" in chart
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
