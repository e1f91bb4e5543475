"""``unpublished_quarters``: the one answer to "which closed quarters are not published yet",
for the instruments' figures and the follow-up's."""

import pytest

from krachtbron.insight.models import PublishedPeriod
from krachtbron.insight.published import last_closed_quarter, unpublished_quarters
from krachtbron.lib.answer_sources import PeriodKind
from krachtbron.lib.quarters import next_quarter, previous_quarter, quarters_between


def _never() -> int:
    raise AssertionError("first() is asked only when nothing is published")


@pytest.mark.django_db
def test_nothing_published_starts_at_the_first_quarter_with_data():
    last = last_closed_quarter()
    first = previous_quarter(previous_quarter(last))
    assert unpublished_quarters("x", "1", lambda: first) == quarters_between(first, last)
    assert unpublished_quarters("x", "1", lambda: None) == []  # no data at all


@pytest.mark.django_db
def test_only_the_quarters_after_the_newest_published_one_are_new():
    last = last_closed_quarter()
    older = previous_quarter(previous_quarter(last))
    PublishedPeriod.objects.create(
        instrument_id="x", instrument_version="1", kind=PeriodKind.QUARTER, unit=older
    )
    assert unpublished_quarters("x", "1", _never) == quarters_between(next_quarter(older), last)
    # Another version, or another source, has its own periods.
    assert unpublished_quarters("x", "2", lambda: last) == [last]
    assert unpublished_quarters("y", "1", lambda: last) == [last]
    PublishedPeriod.objects.create(
        instrument_id="x", instrument_version="1", kind=PeriodKind.QUARTER, unit=last
    )
    assert unpublished_quarters("x", "1", _never) == []
