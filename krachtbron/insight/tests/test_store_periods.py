"""``store_periods``: the one writer of published periods and their cells, for the instruments'
figures (``insight.published``) and the follow-up's (``insight.outcomes``): all or nothing."""

import pytest

from krachtbron.insight.models import PublishedCell, PublishedPeriod
from krachtbron.insight.published import last_closed_quarter, store_periods
from krachtbron.lib.answer_sources import PeriodKind
from krachtbron.lib.quarters import previous_quarter

pytestmark = pytest.mark.django_db


def _cell(quarter: int, team_key: int) -> PublishedCell:
    return PublishedCell(team_key=team_key, quarter=quarter, respondents=6, persons=6, items={})


def test_every_unit_gets_its_period_and_each_cell_the_period_of_its_unit():
    last = last_closed_quarter()
    before = previous_quarter(last)
    cells = [(before, _cell(before, 7)), (last, _cell(last, 7)), (last, _cell(last, -1))]

    assert store_periods("x", "1", PeriodKind.QUARTER, [before, last], cells)

    periods = PublishedPeriod.objects.filter(instrument_id="x", instrument_version="1")
    assert sorted(periods.values_list("unit", flat=True)) == [before, last]
    stored = PublishedCell.objects.values_list("period__unit", "quarter", "team_key")
    assert sorted(stored) == sorted([(before, before, 7), (last, last, 7), (last, last, -1)])


def test_a_period_another_process_published_first_writes_nothing():
    last = last_closed_quarter()
    before = previous_quarter(last)
    assert store_periods("x", "1", PeriodKind.QUARTER, [before], [(before, _cell(before, 7))])

    again = [(before, _cell(before, 8)), (last, _cell(last, 8))]
    assert not store_periods("x", "1", PeriodKind.QUARTER, [before, last], again)

    assert list(PublishedPeriod.objects.values_list("unit", flat=True)) == [before]
    assert list(PublishedCell.objects.values_list("team_key", flat=True)) == [7]
