"""Group figures built from cells, computed in the database; suppression that survives subtraction.

A *cell* is one team in one period unit (a quarter; for organisation rounds: one round). One
aggregation query per instrument returns, per cell, the answer counts per item and value and the
sums of the respondents' section means (the engine's rules: ``krachtbron.instruments.aggregate``).
No answer set is ever loaded into Python; a test checks the result against ``aggregate``.

Suppression (SECURITY.md 10): a cell with fewer than ``MIN_GROUP_SIZE`` respondents (or distinct
persons) never counts on its own. The small cells of one period unit are pooled into "overige
teams"; the pool is used (only in figures over all teams, never for a team) when it reaches the
minimum itself, and dropped otherwise. Every figure shown anywhere is therefore a union of whole
publishable cells, each of at least 5 respondents, so subtracting one figure from another (team
from total, one quarter from all quarters, a filter from no filter) can never isolate a smaller
group. Filters (team, quarter, instrument) only choose which whole cells to add up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from math import ceil
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Case, F, IntegerField, Max, Q, QuerySet, When

from krachtbron.instruments import SCALE_VALUES, SECTION_MIN_ANSWERED_SHARE, Instrument

#: Marks the pooled "overige teams" cell of a period unit.
OTHER_TEAMS = -1

CellKey = tuple[int | None, int]


@dataclass
class Cell:
    team_id: int | None
    unit: int  # quarter key, or round id for organisation rounds
    quarter: int
    respondents: int = 0
    persons: int = 0
    # item id -> answers per value 0..4
    items: dict[str, list[int]] = field(default_factory=dict)
    section_sums: list[float] = field(default_factory=list)
    section_counts: list[int] = field(default_factory=list)

    @property
    def size(self) -> int:
        """The group size that counts for suppression: respondents and distinct persons."""
        return min(self.respondents, self.persons)

    def add(self, other: Cell) -> None:
        self.respondents += other.respondents
        self.persons += other.persons
        for item_id, counts in other.items.items():
            mine = self.items.setdefault(item_id, [0] * len(SCALE_VALUES))
            for i, count in enumerate(counts):
                mine[i] += count
        if not self.section_sums:
            self.section_sums = [0.0] * len(other.section_sums)
            self.section_counts = [0] * len(other.section_counts)
        for i, (total, count) in enumerate(
            zip(other.section_sums, other.section_counts, strict=True)
        ):
            self.section_sums[i] += total
            self.section_counts[i] += count


@dataclass(frozen=True)
class CellSource:
    """Where one instrument's answers live and how a response maps to a cell.

    ``responses`` and ``answers`` are the two tables; ``response_filter`` selects the responses
    that count (completed, this instrument and version); ``unit``/``quarter``/``person`` are
    expressions on the response. Each callable takes a lookup prefix (``""`` here).
    """

    responses: QuerySet[Any]
    answers: QuerySet[Any]
    response_filter: Callable[[str], Q]
    unit: Callable[[str], Any]
    quarter: Callable[[str], Any]
    person: Callable[[str], Any]
    response_path: str = "response"
    team_field: str = "team_id"


def _section_minimum(items: int) -> int:
    return ceil(SECTION_MIN_ANSWERED_SHARE * items)


def fetch_cells(
    source: CellSource,
    instrument: Instrument,
    team_ids: Iterable[int] | None = None,
    extra: Q | None = None,
) -> dict[CellKey, Cell]:
    """All cells of one instrument (optionally only some teams, or ``extra`` conditions on the
    responses) in ONE aggregation query, whatever the number of teams and periods.

    The query pivots the answers per response (one row per respondent: the value of each item,
    only answered items, so every row is a respondent), joins the responses for team, period and
    person, and groups per cell (team, unit): respondents, distinct persons, answers per item and
    value, and the sum and count of the respondents' section means. One pass over the answers is
    several times faster than grouping them by item and value and again by response.
    """
    item_ids = list(instrument.item_ids)
    responses = source.responses.filter(source.response_filter(""))
    if team_ids is not None:
        responses = responses.filter(**{f"{source.team_field}__in": list(team_ids)})
    if extra is not None:
        responses = responses.filter(extra)
    # No filter on item_id here: it would make the database leave the answers' response order
    # (and sort 1.3 million rows); answers to other items are ignored by the pivot and the WHERE.
    answers = source.answers.filter(value__isnull=False)
    if team_ids is not None or extra is not None:
        # A narrow selection: read only the answers of the selected responses.
        answers = answers.filter(**{f"{source.response_path}__in": responses.values("pk")})
    pivot = (
        answers.order_by()
        .values(cell_response=F(f"{source.response_path}_id"))
        .annotate(
            **{
                f"i{index}": Max(
                    Case(When(item_id=item_id, then=F("value")), output_field=IntegerField())
                )
                for index, item_id in enumerate(item_ids)
            }
        )
    )
    keyed = responses.order_by().values(
        cell_id=F("pk"),
        cell_team=F(source.team_field),
        cell_unit=source.unit(""),
        cell_quarter=source.quarter(""),
        cell_person=source.person(""),
    )
    pivot_sql, pivot_params = pivot.query.sql_with_params()
    keyed_sql, keyed_params = keyed.query.sql_with_params()
    qn = connection.ops.quote_name
    column = {item_id: f"p.{qn(f'i{index}')}" for index, item_id in enumerate(item_ids)}
    outer = [
        f"r.{qn('cell_team')}",
        f"r.{qn('cell_unit')}",
        f"MIN(r.{qn('cell_quarter')})",
        "COUNT(*)",
        f"COUNT(DISTINCT r.{qn('cell_person')})",
    ]
    for item_id in item_ids:
        outer.extend(
            f"SUM(CASE WHEN {column[item_id]} = {value} THEN 1 ELSE 0 END)"
            for value in SCALE_VALUES
        )
    for section in instrument.sections:
        cols = [column[i] for i in section.item_ids]
        answered = " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in cols)
        total = " + ".join(f"COALESCE({c}, 0)" for c in cols)
        enough = f"({answered}) >= {_section_minimum(len(cols))}"
        outer.append(f"SUM(CASE WHEN {enough} THEN ({total}) * 1.0 / ({answered}) END)")
        outer.append(f"SUM(CASE WHEN {enough} THEN 1 ELSE 0 END)")
    sql = (
        f"SELECT {', '.join(outer)} FROM ({pivot_sql}) p "  # noqa: S608 - our own names
        f"JOIN ({keyed_sql}) r ON r.{qn('cell_id')} = p.{qn('cell_response')} "
        f"WHERE {' OR '.join(f'{c} IS NOT NULL' for c in column.values())} "
        f"GROUP BY r.{qn('cell_team')}, r.{qn('cell_unit')}"
    )
    cells: dict[CellKey, Cell] = {}
    values = len(SCALE_VALUES)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*pivot_params, *keyed_params])
        for row in cursor.fetchall():
            team_id, unit, quarter, respondents, persons = row[:5]
            counts = [int(v or 0) for v in row[5 : 5 + values * len(item_ids)]]
            sections = row[5 + values * len(item_ids) :]
            cells[(team_id, unit)] = Cell(
                team_id=team_id,
                unit=unit,
                quarter=int(quarter),
                respondents=int(respondents),
                persons=int(persons),
                items={
                    item_id: counts[index * values : (index + 1) * values]
                    for index, item_id in enumerate(item_ids)
                },
                section_sums=[float(v or 0) for v in sections[0::2]],
                section_counts=[int(v or 0) for v in sections[1::2]],
            )
    return cells


def publishable(cells: dict[CellKey, Cell], min_group_size: int | None = None) -> list[Cell]:
    """The cells that may count: those of at least the minimum, plus per unit the pool of the
    small ones when the pool itself reaches the minimum (team ``OTHER_TEAMS``)."""
    minimum = max(min_group_size or 0, settings.MIN_GROUP_SIZE)
    result: list[Cell] = []
    pools: dict[int, Cell] = {}
    for cell in cells.values():
        if cell.size >= minimum and cell.team_id is not None:
            result.append(cell)
        else:
            pool = pools.setdefault(cell.unit, Cell(OTHER_TEAMS, cell.unit, cell.quarter))
            pool.add(cell)
    result.extend(pool for pool in pools.values() if pool.size >= minimum)
    return result


def merge(cells: Iterable[Cell]) -> Cell | None:
    """The sum of some whole cells; None when there are none (nothing may be shown)."""
    total: Cell | None = None
    for cell in cells:
        if total is None:
            total = Cell(cell.team_id, cell.unit, cell.quarter)
        total.add(cell)
    return total


@dataclass
class ItemFigure:
    id: str
    number: int
    text: str
    section_id: str
    answered: int | None
    distribution: list[int] | None
    mean: float | None


@dataclass
class SectionFigure:
    id: str
    title: str
    dimension: str | None
    respondents: int | None
    mean: float | None


@dataclass
class Figures:
    """The engine's group figures (same names as ``krachtbron.instruments.Aggregate``)."""

    suppressed: bool
    n: int | None
    totals_per_category: dict[int, int] | None
    items: list[ItemFigure]
    sections: list[SectionFigure]


def figures(instrument: Instrument, cell: Cell | None) -> Figures:
    """Figures of a merged cell; every figure None when there is no publishable data."""
    suppressed = cell is None or cell.respondents == 0
    items = []
    totals: dict[int, int] | None = None if suppressed else dict.fromkeys(SCALE_VALUES, 0)
    for number, item in enumerate(instrument.items, start=1):
        counts = None
        if not suppressed and cell is not None:
            counts = cell.items.get(item.id, [0] * len(SCALE_VALUES))
        answered = sum(counts) if counts is not None else None
        mean = None
        if counts is not None and answered:
            mean = sum(v * c for v, c in zip(SCALE_VALUES, counts, strict=True)) / answered
        if counts is not None and totals is not None:
            for value, count in zip(SCALE_VALUES, counts, strict=True):
                totals[value] += count
        items.append(
            ItemFigure(item.id, number, item.text, item.section_id, answered, counts, mean)
        )
    sections = []
    for index, section in enumerate(instrument.sections):
        respondents: int | None = None
        section_mean: float | None = None
        if not suppressed and cell is not None:
            respondents = cell.section_counts[index] if cell.section_counts else 0
            total = cell.section_sums[index] if cell.section_sums else 0.0
            section_mean = total / respondents if respondents else None
        sections.append(
            SectionFigure(
                section.id,
                section.title,
                section.dimension.value if section.dimension else None,
                respondents,
                section_mean,
            )
        )
    return Figures(
        suppressed=suppressed,
        n=None if suppressed or cell is None else cell.respondents,
        totals_per_category=totals,
        items=items,
        sections=sections,
    )
