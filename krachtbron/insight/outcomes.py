"""Group figures of outcome sources (``lib.answer_sources.OutcomeSource``): the follow-up
check-ins' share of families whose agreements still work and mean 0-10, at 1, 3 and 6 months,
per team and closed quarter (issue 15 item 4).

The same rules as every other group figure (``published``, ``suppression``, docs/anonimiteit.md):

* only **closed quarters**, each **published once** (``PublishedPeriod``/``PublishedCell``, under
  the source's id and version) and never recomputed: one more answer, a late answer or a file
  destroyed later changes no published number;
* a cell (team × quarter) counts only with at least the minimum of answers *and* families
  (``lib.suppression.enough``); within it a group (a month) only with that many behind it, and
  its share and its mean each only with that many answers behind them;
* the teams too small on their own are pooled per quarter ("overige teams"), computed over
  exactly their answers, and the pool counts only when it reaches the minimum itself;
* "alle teams" is the sum of the cells that passed, so every total minus the named groups is
  either nothing or at least the minimum.

Everything is counted in the database (``Count``/``Sum`` per team, quarter and group); no
answer is loaded into Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from krachtbron.insight.models import PublishedCell, PublishedPeriod
from krachtbron.insight.published import store_periods, unpublished_quarters
from krachtbron.lib.answer_sources import OutcomeSource, PeriodKind
from krachtbron.lib.quarters import quarter_label
from krachtbron.lib.suppression import enough

POOL = PublishedCell.POOL


@dataclass
class GroupFigures:
    """One group (a month) in one cell: answers, distinct families, the yes-count of the
    share and its answers, the sum of scores and their answers."""

    n: int = 0
    persons: int = 0
    ok_yes: int = 0
    ok_n: int = 0
    score_sum: int = 0
    score_n: int = 0

    def add(self, other: GroupFigures) -> None:
        self.n += other.n
        self.ok_yes += other.ok_yes
        self.ok_n += other.ok_n
        self.score_sum += other.score_sum
        self.score_n += other.score_n

    def stored(self) -> list[int]:
        return [self.n, self.ok_yes, self.ok_n, self.score_sum, self.score_n]

    @classmethod
    def from_stored(cls, values: list[int]) -> GroupFigures:
        n, ok_yes, ok_n, score_sum, score_n = (int(v) for v in values)
        return cls(n=n, ok_yes=ok_yes, ok_n=ok_n, score_sum=score_sum, score_n=score_n)

    @property
    def share(self) -> float | None:
        """The share (0-1) of yes, when enough answers stand behind it."""
        return self.ok_yes / self.ok_n if enough(self.ok_n) else None

    @property
    def mean(self) -> float | None:
        return self.score_sum / self.score_n if enough(self.score_n) else None


@dataclass
class OutcomeCell:
    team_id: int | None  # None: the pool of small teams
    quarter: int
    respondents: int = 0
    persons: int = 0
    groups: dict[int, GroupFigures] = field(default_factory=dict)

    def add(self, other: OutcomeCell) -> None:
        """Add a whole other (suppressed) cell: figures only, person counts are not additive."""
        self.respondents += other.respondents
        for group, figures in other.groups.items():
            self.groups.setdefault(group, GroupFigures()).add(figures)


Key = tuple[int | None, int]


def _aggregate(rows: QuerySet[Any], by_team: bool) -> dict[Key, OutcomeCell]:
    """Cells of ``rows``: per (team, quarter), or per quarter only (a pool) when not
    ``by_team``. Two grouped queries: the cells, and their groups."""
    keys = ["o_team", "o_quarter"] if by_team else ["o_quarter"]
    persons = Count("o_person", distinct=True)
    cells: dict[Key, OutcomeCell] = {}
    for row in rows.values(*keys).annotate(n=Count("pk"), persons=persons):
        team = row["o_team"] if by_team else None
        cells[(team, row["o_quarter"])] = OutcomeCell(
            team, row["o_quarter"], respondents=row["n"], persons=row["persons"]
        )
    grouped = rows.values(*keys, "o_group").annotate(
        n=Count("pk"),
        persons=persons,
        ok_yes=Sum("o_ok"),
        ok_n=Count("o_ok"),
        score_sum=Sum("o_score"),
        score_n=Count("o_score"),
    )
    for row in grouped:
        team = row["o_team"] if by_team else None
        cells[(team, row["o_quarter"])].groups[int(row["o_group"])] = GroupFigures(
            n=row["n"],
            persons=row["persons"],
            ok_yes=int(row["ok_yes"] or 0),
            ok_n=row["ok_n"],
            score_sum=int(row["score_sum"] or 0),
            score_n=row["score_n"],
        )
    return cells


def fetch(
    source: OutcomeSource,
    first: int,
    last: int,
    pools: Mapping[int, Iterable[int]] | None = None,
) -> dict[Key, OutcomeCell]:
    """The fresh cells of quarters ``first``..``last``; with ``pools`` (quarter -> team ids)
    one pooled cell per quarter over exactly those teams' answers."""
    rows = source.rows(first, last)
    if pools is None:
        return _aggregate(rows, by_team=True)
    if not pools:
        return {}
    which = Q()
    for quarter, teams in pools.items():
        which |= Q(o_quarter=quarter, o_team__in=sorted(teams))
    return _aggregate(rows.filter(which), by_team=False)


def suppress(cell: OutcomeCell) -> OutcomeCell | None:
    """The publishable part of a cell: None when it is too small; else only the groups with
    enough answers and families behind them (a group's share and mean are checked again when
    shown, ``GroupFigures.share``/``mean``)."""
    if not enough(cell.respondents, cell.persons):
        return None
    groups = {
        group: figures
        for group, figures in cell.groups.items()
        if enough(figures.n, figures.persons)
    }
    return OutcomeCell(cell.team_id, cell.quarter, cell.respondents, cell.persons, groups)


def compute(source: OutcomeSource, first: int, last: int) -> list[OutcomeCell]:
    """The publishable cells of quarters ``first``..``last``: teams of at least the minimum,
    and per quarter the pool of the others when it reaches the minimum itself."""
    cells = fetch(source, first, last)
    small: dict[int, set[int]] = {}
    for (team, quarter), cell in cells.items():
        if not enough(cell.respondents, cell.persons):
            small.setdefault(quarter, set()).add(team)  # type: ignore[arg-type]
    result = [kept for cell in cells.values() if (kept := suppress(cell)) is not None]
    if small:
        pools = fetch(source, first, last, pools=small)
        result += [kept for cell in pools.values() if (kept := suppress(cell)) is not None]
    return result


def publish_closed_quarters(source: OutcomeSource) -> int:
    """Publish every closed quarter of ``source`` not published yet, in order (one query when
    there is none); returns how many. Two first reads at once: the unique period row lets one
    store its cells."""
    units = unpublished_quarters(source.source_id, source.version, source.first_quarter)
    if not units:
        return 0
    rows = (
        (
            cell.quarter,
            PublishedCell(
                team_key=POOL if cell.team_id is None else cell.team_id,
                quarter=cell.quarter,
                respondents=cell.respondents,
                persons=cell.persons,
                items={str(group): figures.stored() for group, figures in cell.groups.items()},
            ),
        )
        for cell in compute(source, units[0], units[-1])
    )
    stored = store_periods(source.source_id, source.version, PeriodKind.QUARTER, units, rows)
    return len(units) if stored else 0


def published(source: OutcomeSource) -> dict[int, list[OutcomeCell]]:
    """The stored cells of ``source`` per published (closed) quarter, [] for a quarter without
    a cell that passed. Never computes: a closed quarter without cells queues the task that
    publishes it (``tasks``). Only what was published is ever returned."""
    if unpublished_quarters(source.source_id, source.version, source.first_quarter):
        from krachtbron.insight.tasks import request_publication  # the task imports this module

        request_publication()
    periods = PublishedPeriod.objects.filter(
        instrument_id=source.source_id,
        instrument_version=source.version,
        kind=PeriodKind.QUARTER,
    ).values_list("unit", flat=True)
    result: dict[int, list[OutcomeCell]] = {unit: [] for unit in periods}
    rows = PublishedCell.objects.filter(
        period__instrument_id=source.source_id,
        period__instrument_version=source.version,
        period__kind=PeriodKind.QUARTER,
    ).values("team_key", "quarter", "respondents", "persons", "items")
    for row in rows.order_by("quarter", "team_key"):
        cell = OutcomeCell(
            None if row["team_key"] == POOL else row["team_key"],
            row["quarter"],
            row["respondents"],
            row["persons"],
            {int(g): GroupFigures.from_stored(v) for g, v in row["items"].items()},
        )
        result.setdefault(row["quarter"], []).append(cell)
    return result


def total(cells: Iterable[OutcomeCell]) -> OutcomeCell | None:
    """ "Alle teams": the sum of whole published cells (None when there are none)."""
    result: OutcomeCell | None = None
    for cell in cells:
        if result is None:
            result = OutcomeCell(None, cell.quarter)
        result.add(cell)
    return result


# --- What a page shows ---------------------------------------------------------------------------


@dataclass
class GroupShown:
    """One month's figures in one row: ``n`` answers, the share in whole percent, the mean;
    None when fewer than the minimum stand behind it."""

    n: int | None
    share: int | None
    mean: float | None


@dataclass
class OutcomeRow:
    label: str
    kind: str  # "team", "pool" or "total"
    groups: list[GroupShown]

    @property
    def suppressed(self) -> bool:
        return all(g.n is None for g in self.groups)


@dataclass
class QuarterTable:
    quarter: int
    label: str
    rows: list[OutcomeRow]


def _shown(cell: OutcomeCell | None, groups: tuple[int, ...]) -> list[GroupShown]:
    result = []
    for group in groups:
        figures = cell.groups.get(group) if cell is not None else None
        if figures is None or not enough(figures.n):
            result.append(GroupShown(None, None, None))
            continue
        share = figures.share
        result.append(
            GroupShown(figures.n, None if share is None else round(share * 100), figures.mean)
        )
    return result


def outcome_tables(
    source: OutcomeSource, teams: list[tuple[int, str]], *, pool: bool
) -> list[QuarterTable]:
    """Per closed quarter (newest first): a row per team of ``teams`` ((id, name): the teams
    this reader may see), the pool of small teams when ``pool`` (a reader of all teams), and
    "alle teams" (the sum of every published cell of the quarter)."""
    from django.utils.translation import gettext as _

    tables = []
    for quarter, cells in sorted(published(source).items(), reverse=True):
        by_team = {cell.team_id: cell for cell in cells}
        rows = [
            OutcomeRow(name, "team", _shown(by_team.get(team_id), source.groups))
            for team_id, name in teams
        ]
        if pool:
            rows.append(
                OutcomeRow(_("Overige teams"), "pool", _shown(by_team.get(None), source.groups))
            )
        rows.append(OutcomeRow(_("Alle teams"), "total", _shown(total(cells), source.groups)))
        tables.append(QuarterTable(quarter, quarter_label(quarter), rows))
    return tables
