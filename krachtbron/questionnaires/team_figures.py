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
from krachtbron.lib.charts import distribution_bar
from krachtbron.lib.instrument_language import instrument_for_reader
from krachtbron.questionnaires.models import DEFAULT_INSTRUMENT
from krachtbron.reflection.cells import SectionFigure, fetch_cells, figures, merge, publishable
from krachtbron.reflection.dashboards import family_source
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
    """The team's figures over all publishable quarters, or over ``quarter`` when it is one."""
    instrument = instrument_for_reader(instrument_id)
    cells = [
        cell
        for cell in publishable(fetch_cells(family_source(instrument), instrument, [team.pk]))
        if cell.team_id == team.pk
    ]
    quarters = sorted({cell.quarter for cell in cells}, reverse=True)
    if quarter not in quarters:
        quarter = None
    chosen = figures(instrument, merge(c for c in cells if quarter in (None, c.quarter)))
    items = []
    if not chosen.suppressed:
        for item in chosen.items:
            distribution = item.distribution or [0] * len(SCALE_VALUES)
            items.append(
                ItemFigure(
                    number=item.number,
                    id=item.id,
                    text=item.text,
                    answered=item.answered or 0,
                    distribution=distribution,
                    mean=item.mean,
                    chart=distribution_bar(
                        distribution,
                        title=f"Vraag {item.number}: verdeling van de antwoorden",
                        desc=", ".join(
                            f"{instrument.scale_label(v)}: {c}"
                            for v, c in zip(SCALE_VALUES, distribution, strict=True)
                        ),
                    ),
                )
            )
    return TeamFigures(
        instrument=instrument,
        min_group_size=settings.MIN_GROUP_SIZE,
        suppressed=chosen.suppressed,
        n=chosen.n,
        items=items,
        sections=[] if chosen.suppressed else chosen.sections,
        quarters=[(q, quarter_label(q)) for q in quarters],
        quarter=quarter,
    )
