"""Group figures built from cells, computed in the database.

A *cell* is one team in one period unit (a quarter; for organisation rounds: one round). One
aggregation query per instrument returns, per cell, the answer counts per item and value, the
sums of the respondents' section means (the engine's rules: ``krachtbron.instruments.aggregate``)
and, for every one of these figures, how many distinct persons are behind it. No answer set is
ever loaded into Python; a test checks the result against ``aggregate``.

What may be shown is decided in one place, ``suppression``: per sub-figure, before any cells are
added up. Cells of closed periods are computed once and stored (``published``); pages read the
stored cells. ``figures`` turns a sum of stored cells into the numbers of a page and shows no
number behind which fewer than ``MIN_GROUP_SIZE`` respondents stand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from math import ceil, lcm
from operator import add
from typing import Any

from django.db import connection
from django.db.models import Case, F, IntegerField, Max, Q, When

from krachtbron.insight.models import PublishedCell
from krachtbron.instruments import SCALE_VALUES, SECTION_MIN_ANSWERED_SHARE, Instrument
from krachtbron.lib.answer_sources import CellSource
from krachtbron.lib.suppression import enough

#: Marks the pooled "overige teams" cell of a period unit.
OTHER_TEAMS = PublishedCell.POOL

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
    # Exact sums of the respondents' section means (whole-number totals over answered items,
    # summed in the database as integers: see ``section_scale``), so every database and the
    # engine round the same exact mean.
    section_sums: list[Fraction] = field(default_factory=list)
    section_counts: list[int] = field(default_factory=list)
    # Distinct persons behind each item and each section figure (fresh cells only; stored
    # cells hold only figures that passed suppression, so they need no person counts).
    item_persons: dict[str, int] = field(default_factory=dict)
    section_persons: list[int] = field(default_factory=list)

    def add(self, other: Cell) -> None:
        """Add a whole other cell (figures only: person counts are not additive)."""
        self.respondents += other.respondents
        self.persons += other.persons
        for item_id, counts in other.items.items():
            mine = self.items.setdefault(item_id, [0] * len(SCALE_VALUES))
            for i, count in enumerate(counts):
                mine[i] += count
        if not self.section_sums:
            self.section_sums = [Fraction(0)] * len(other.section_sums)
            self.section_counts = [0] * len(other.section_counts)
        for i, (total, count) in enumerate(
            zip(other.section_sums, other.section_counts, strict=True)
        ):
            self.section_sums[i] += total
            self.section_counts[i] += count


def _section_minimum(items: int) -> int:
    return ceil(SECTION_MIN_ANSWERED_SHARE * items)


def section_scale(items: int) -> int:
    """The unit (1/scale) in which the database sums a section's means exactly: a multiple of
    every number of answered items a section mean may have, so total * (scale / answered) is a
    whole number. A float sum (SQLite) drifted below an exact half: 1.45 showed as 1,4 on
    SQLite and 1,5 on PostgreSQL (tester of issue 12, finding 2)."""
    return lcm(*range(_section_minimum(items), items + 1))


def fetch_cells(
    source: CellSource,
    instrument: Instrument,
    team_ids: Iterable[int] | None = None,
    extra: Q | None = None,
    pools: Mapping[int, Iterable[int | None]] | None = None,
) -> dict[CellKey, Cell]:
    """All cells of one instrument (optionally only some teams, or ``extra`` conditions on the
    responses) in ONE aggregation query, whatever the number of teams and periods.

    The query pivots the answers per response (one row per respondent: the value of each item,
    only answered items, so every row is a respondent), joins the responses for team, period and
    person, and groups per cell (team, unit): respondents, distinct persons, answers per item and
    value, the sum and count of the respondents' section means, and the distinct persons behind
    every item and section. One pass over the answers is several times faster than grouping
    them by item and value and again by response.

    ``pools`` (unit -> team ids, ``None`` for responses without a team) asks instead for one
    cell per unit over exactly those teams, keyed ``(OTHER_TEAMS, unit)``: the pool of a
    unit's small teams, with its own exact count of distinct persons (a person who answered in
    two small teams counts once).
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
    team, unit, person = (f"r.{qn(name)}" for name in ("cell_team", "cell_unit", "cell_person"))
    outer = [
        str(OTHER_TEAMS) if pools is not None else team,
        unit,
        f"MIN(r.{qn('cell_quarter')})",
        "COUNT(*)",
        f"COUNT(DISTINCT {person})",
    ]
    for item_id in item_ids:
        outer.extend(
            f"SUM(CASE WHEN {column[item_id]} = {value} THEN 1 ELSE 0 END)"
            for value in SCALE_VALUES
        )
    outer.extend(
        f"COUNT(DISTINCT CASE WHEN {column[item_id]} IS NOT NULL THEN {person} END)"
        for item_id in item_ids
    )
    scales: list[int] = []
    for section in instrument.sections:
        cols = [column[i] for i in section.item_ids]
        answered = " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in cols)
        total = " + ".join(f"COALESCE({c}, 0)" for c in cols)
        enough_answered = f"({answered}) >= {_section_minimum(len(cols))}"
        scale = section_scale(len(cols))
        scales.append(scale)
        # Whole numbers only: scale is a multiple of every possible ``answered``.
        outer.append(
            f"SUM(CASE WHEN {enough_answered} THEN ({total}) * ({scale} / ({answered})) END)"
        )
        outer.append(f"SUM(CASE WHEN {enough_answered} THEN 1 ELSE 0 END)")
        outer.append(f"COUNT(DISTINCT CASE WHEN {enough_answered} THEN {person} END)")
    where = [f"({' OR '.join(f'{c} IS NOT NULL' for c in column.values())})"]
    where_params: list[Any] = []
    if pools is not None:
        if not pools:
            return {}
        pairs = []
        for pool_unit, pool_teams in pools.items():
            named = sorted(t for t in pool_teams if t is not None)
            either = [f"{team} IN ({', '.join(['%s'] * len(named))})"] if named else []
            if None in pool_teams:
                either.append(f"{team} IS NULL")
            pairs.append(f"({unit} = %s AND ({' OR '.join(either)}))")
            where_params.extend([pool_unit, *named])
        where.append(f"({' OR '.join(pairs)})")
    group = unit if pools is not None else f"{team}, {unit}"
    sql = (
        f"SELECT {', '.join(outer)} FROM ({pivot_sql}) p "  # noqa: S608 - our own names
        f"JOIN ({keyed_sql}) r ON r.{qn('cell_id')} = p.{qn('cell_response')} "
        f"WHERE {' AND '.join(where)} GROUP BY {group}"
    )
    cells: dict[CellKey, Cell] = {}
    values = len(SCALE_VALUES)
    items = len(item_ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*pivot_params, *keyed_params, *where_params])
        for row in cursor.fetchall():
            team_id, unit_key, quarter, respondents, persons = row[:5]
            counts = [int(v or 0) for v in row[5 : 5 + values * items]]
            item_persons = [int(v or 0) for v in row[5 + values * items : 5 + (values + 1) * items]]
            sections = row[5 + (values + 1) * items :]
            cells[(team_id, unit_key)] = Cell(
                team_id=team_id,
                unit=unit_key,
                quarter=int(quarter),
                respondents=int(respondents),
                persons=int(persons),
                items={
                    item_id: counts[index * values : (index + 1) * values]
                    for index, item_id in enumerate(item_ids)
                },
                section_sums=[
                    Fraction(int(v or 0), scale)
                    for v, scale in zip(sections[0::3], scales, strict=True)
                ],
                section_counts=[int(v or 0) for v in sections[1::3]],
                item_persons=dict(zip(item_ids, item_persons, strict=True)),
                section_persons=[int(v or 0) for v in sections[2::3]],
            )
    return cells


def merge(cells: Iterable[Cell]) -> Cell | None:
    """The sum of some whole (already suppressed) cells; None when there are none.

    The same sum as ``Cell.add`` one by one, but the exact section sums are added as whole
    numerators over a common denominator and made a ``Fraction`` once at the end: adding
    fractions one by one costs a gcd per addition, and a dashboard adds hundreds of cells."""
    total: Cell | None = None
    numerators: list[int] = []
    denominators: list[int] = []
    for cell in cells:
        if total is None:
            total = Cell(cell.team_id, cell.unit, cell.quarter)
            numerators = [0] * len(cell.section_sums)
            denominators = [1] * len(cell.section_sums)
            total.section_counts = [0] * len(cell.section_counts)
        total.respondents += cell.respondents
        total.persons += cell.persons
        items = total.items
        for item_id, counts in cell.items.items():
            mine = items.get(item_id)
            items[item_id] = list(counts) if mine is None else list(map(add, mine, counts))
        for i, (value, count) in enumerate(
            zip(cell.section_sums, cell.section_counts, strict=True)
        ):
            denominator = value.denominator
            if denominators[i] % denominator:
                common = lcm(denominators[i], denominator)
                numerators[i] *= common // denominators[i]
                denominators[i] = common
            numerators[i] += value.numerator * (denominators[i] // denominator)
            total.section_counts[i] += count
    if total is not None:
        total.section_sums = [Fraction(n, d) for n, d in zip(numerators, denominators, strict=True)]
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
    """The numbers of a page from a sum of suppressed cells. Every figure is None unless at
    least the minimum of respondents stands behind it (``suppression.enough``): the whole
    group, each item's distribution and mean, each section's mean."""
    suppressed = cell is None or not enough(cell.respondents, cell.persons)
    items = []
    totals: dict[int, int] | None = None if suppressed else dict.fromkeys(SCALE_VALUES, 0)
    for number, item in enumerate(instrument.items, start=1):
        counts = None
        if not suppressed and cell is not None:
            found = cell.items.get(item.id)
            counts = found if found is not None and enough(sum(found)) else None
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
        if not suppressed and cell is not None and index < len(cell.section_counts):
            count = cell.section_counts[index]
            if enough(count):
                respondents = count
                section_mean = float(Fraction(cell.section_sums[index]) / count)
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
