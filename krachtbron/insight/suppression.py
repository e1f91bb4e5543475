"""The one suppression rule (``lib.suppression.enough``) applied to the cells of group figures.

Sub-figures that fail are removed from a cell *before* cells are stored or added up
(``suppress``); the small cells of a period are pooled ("overige teams") and the pool counts only
when it reaches the minimum itself (``small_teams``, ``publishable``). Every dashboard, CSV, team
page and round page reads cells that went through these (stored by ``published``). Why this makes
differencing safe: ``krachtbron/lib/suppression.py`` and docs/anonimiteit.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction
from typing import TYPE_CHECKING

from krachtbron.lib.suppression import enough

if TYPE_CHECKING:
    from krachtbron.insight.cells import Cell, CellKey


def suppress(cell: Cell) -> Cell | None:
    """The publishable part of one cell: None when the cell itself is too small; otherwise the
    cell without the items and sections that too few of its respondents answered."""
    if not enough(cell.respondents, cell.persons):
        return None
    items = {
        item_id: list(counts)
        for item_id, counts in cell.items.items()
        if enough(sum(counts), cell.item_persons.get(item_id, sum(counts)))
    }
    sums, counts = [], []
    for index, count in enumerate(cell.section_counts):
        persons = cell.section_persons[index] if index < len(cell.section_persons) else count
        keep = enough(count, persons)
        sums.append(cell.section_sums[index] if keep else Fraction(0))
        counts.append(count if keep else 0)
    return replace(
        cell,
        items=items,
        section_sums=sums,
        section_counts=counts,
        item_persons={},
        section_persons=[],
    )


def small_teams(cells: Mapping[CellKey, Cell]) -> dict[int, set[int | None]]:
    """Per period unit, the teams whose cell is too small to count on its own (``None``: the
    responses without a team). These form the unit's pool."""
    result: dict[int, set[int | None]] = {}
    for cell in cells.values():
        if cell.team_id is None or not enough(cell.respondents, cell.persons):
            result.setdefault(cell.unit, set()).add(cell.team_id)
    return result


def publishable(cells: Mapping[CellKey, Cell], pools: Mapping[CellKey, Cell]) -> list[Cell]:
    """What may be stored and shown of one set of cells: each team cell of at least the
    minimum, and each unit's pool (computed over exactly ``small_teams``) that reaches the
    minimum itself, all after ``suppress``."""
    result = []
    for cell in cells.values():
        if cell.team_id is not None and (kept := suppress(cell)) is not None:
            result.append(kept)
    for pool in pools.values():
        if (kept := suppress(pool)) is not None:
            result.append(kept)
    return result
