"""Anonymous figures of one team for the family questionnaire, for its teamleider.

Built from the same publishable cells as the dashboards (``krachtbron.reflection.cells``): a
cell is the team in one quarter, and only cells of at least ``MIN_GROUP_SIZE`` respondents (and
distinct persons) count. "All quarters" is the sum of those whole cells, a quarter is one of
them. So subtracting this page's figures from the dashboard's (or one quarter from all) can never
isolate a group under 5, which an all-time count over every response could (a quarter of 2 hidden
on the dashboard, but inside this page's total).

The cell query follows the engine's rules (``krachtbron.instruments.aggregate``); a test checks
both against each other.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from krachtbron.accounts.models import Team
from krachtbron.instruments import SCALE_VALUES, Instrument
from krachtbron.questionnaires.models import DEFAULT_INSTRUMENT
from krachtbron.reflection.cells import SectionFigure
from krachtbron.reflection.dashboards import build_dashboard, item_chart
from krachtbron.reflection.periods import quarter_label


@dataclass
class ItemFigure:
    number: int
    id: str
    text: str
    answered: int
    distribution: list[int]
    mean: float | None
    chart: Any


@dataclass
class TeamFigures:
    instrument: Instrument
    min_group_size: int
    suppressed: bool
    n: int | None
    items: list[ItemFigure]
    sections: list[SectionFigure]
    #: The quarters that count (newest first) as (key, label): the choices of the filter.
    quarters: list[tuple[int, str]]
    quarter: int | None


def team_figures(
    team: Team, *, instrument_id: str = DEFAULT_INSTRUMENT, quarter: int | None = None
) -> TeamFigures:
    """The team's figures over all publishable quarters, or over ``quarter`` when it is one.

    The dashboard of this one team already holds both: its total, and per quarter (its trend)
    the figures of that quarter's cell, suppressed when the cell is too small.
    """
    board = build_dashboard(instrument_id, [team], team=team)
    by_quarter = {
        g.key: g.figures for g in board.trend if g.key is not None and not g.figures.suppressed
    }
    if quarter not in by_quarter:
        quarter = None
    chosen = board.total if quarter is None else by_quarter[quarter]
    items = [
        ItemFigure(
            number=item.number,
            id=item.id,
            text=item.text,
            answered=item.answered or 0,
            distribution=item.distribution or [0] * len(SCALE_VALUES),
            mean=item.mean,
            chart=item_chart(board.instrument, item),
        )
        for item in ([] if chosen.suppressed else chosen.items)
    ]
    return TeamFigures(
        instrument=board.instrument,
        min_group_size=settings.MIN_GROUP_SIZE,
        suppressed=chosen.suppressed,
        n=chosen.n,
        items=items,
        sections=[] if chosen.suppressed else chosen.sections,
        quarters=[(q, quarter_label(q)) for q in sorted(by_quarter, reverse=True)],
        quarter=quarter,
    )
