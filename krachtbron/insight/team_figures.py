"""Anonymous figures of one team for the family questionnaire, for its teamleider.

Built from the same published cells as the dashboards (``krachtbron.insight.published``): a
cell is the team in one closed quarter, stored once after the one suppression rule
(``krachtbron.insight.suppression``): the cell counts only with at least ``MIN_GROUP_SIZE``
respondents (and distinct persons), and within it every item and section only with that many
respondents behind it. "All quarters" is the sum of those whole cells, a quarter is one of them;
the current quarter is not shown until it is over. So subtracting this page's figures from the
dashboard's (or one quarter from all) can never isolate a group under 5, and one more
questionnaire changes nothing on the page.

The cell query follows the engine's rules (``krachtbron.instruments.aggregate``); a test checks
both against each other.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from krachtbron.accounts.models import Team
from krachtbron.insight.cells import SectionFigure
from krachtbron.insight.dashboards import build_dashboard, item_chart
from krachtbron.instruments import Instrument
from krachtbron.instruments.ids import FAMILIES
from krachtbron.lib.quarters import quarter_label


@dataclass
class ItemFigure:
    """One question; ``answered``, ``distribution`` and ``chart`` are None when too few
    respondents answered it (suppressed)."""

    number: int
    id: str
    text: str
    answered: int | None
    distribution: list[int] | None
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
    team: Team, *, instrument_id: str = FAMILIES, quarter: int | None = None
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
            answered=item.answered,
            distribution=item.distribution,
            mean=item.mean,
            chart=item_chart(board.instrument, item) if item.distribution is not None else None,
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
