"""Published figures: group figures exist only for closed periods, and only as published.

* A **quarter** (family questionnaire, professionals) is published once it is over, in the
  background (``tasks.publish_periods``: queued by the daily upkeep and by the first page that
  finds it without cells), or by ``manage.py publish_closed_periods``. The current quarter is
  never shown, so reading a page before and after one more answer shows the same numbers.
* A **round** (organisation) is published when it closes, in the transaction that closes it
  (``actions.close_round``). An open round shows only its response rate.
* Publishing computes the cells from the answers (``cells.fetch_cells``), applies the one
  suppression rule (``suppression``) and stores what may be shown as ``PublishedCell`` rows
  under one ``PublishedPeriod``. After that the figures never change: a later erasure (a family
  file destroyed, a reflection deleted) does not reach anonymous statistics, and recomputing
  them would reveal the erased answers by difference (docs/anonimiteit.md).
* Two first reads at the same moment both compute; the unique period row lets exactly one of
  them store its cells, and the other uses those.

An answer counts in the quarter of its completion. An answer whose transaction commits after its
quarter was published (milliseconds around midnight at the turn of a quarter) is in no figure.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.db.models import Q

from krachtbron.insight.cells import OTHER_TEAMS, Cell, fetch_cells
from krachtbron.insight.models import PublishedCell, PublishedPeriod
from krachtbron.insight.suppression import publishable, small_teams
from krachtbron.instruments import Instrument, get_instrument
from krachtbron.lib.answer_sources import PeriodKind, answer_source, source_for
from krachtbron.lib.quarters import (
    current_quarter,
    next_quarter,
    previous_quarter,
    quarters_between,
)
from krachtbron.reflection.models import ReflectionRound, RoundStatus

logger = logging.getLogger(__name__)

#: Every section's ``section_scale`` divides this (sections of up to 12 items).
_OLD_SUM_DENOMINATOR = 27720


def exact_sum(stored: str | float | int) -> Fraction:
    """A stored sum of section means as the exact fraction it is. New cells store the fraction
    as text ("29/4"); cells published before that stored a float, which is snapped back to the
    nearest fraction with a denominator a section can have (its error is far below the
    distance between two such fractions)."""
    if isinstance(stored, str):
        numerator, slash, denominator = stored.partition("/")
        # Written by _store as str(Fraction): "n/d" in lowest terms, or "n" (parsing it by
        # hand is several times faster than Fraction's own parser, on every cell read).
        return Fraction(int(numerator), int(denominator) if slash else 1)
    if isinstance(stored, int):
        return Fraction(stored)
    return Fraction(repr(float(stored))).limit_denominator(_OLD_SUM_DENOMINATOR)


def last_closed_quarter() -> int:
    """The newest quarter that is over (Amsterdam time)."""
    return previous_quarter(current_quarter())


def kind_of(instrument: Instrument) -> PeriodKind:
    """A quarter or a round, as registered with the instrument's source (``sources``)."""
    return answer_source(instrument.id).period


def compute(instrument: Instrument, extra: Q) -> list[Cell]:
    """The publishable cells of the responses selected by ``extra``, fresh from the answers:
    one query for the cells, one more for the pools of small teams when there are any."""
    source = source_for(instrument)
    cells = fetch_cells(source, instrument, extra=extra)
    small = small_teams(cells)
    pools = fetch_cells(source, instrument, extra=extra, pools=small) if small else {}
    return publishable(cells, pools)


def store_periods(
    source_id: str,
    version: str,
    kind: PeriodKind,
    units: list[int],
    cells: Iterable[tuple[int, PublishedCell]],
) -> bool:
    """Write a period of ``kind`` for each of ``units`` (quarter keys or round ids) of the
    figures ``source_id`` at ``version``, and the ``cells`` as (unit, cell without its period),
    in one transaction. False (and nothing written) when another process published one of
    these periods first (the unique period row). Serves the instruments' figures and the
    follow-up's (``insight.outcomes``)."""
    try:
        with transaction.atomic():
            periods = PublishedPeriod.objects.bulk_create(
                PublishedPeriod(
                    instrument_id=source_id, instrument_version=version, kind=kind, unit=unit
                )
                for unit in units
            )
            by_unit = {period.unit: period for period in periods}
            PublishedCell.objects.bulk_create(
                _in_period(cell, by_unit[unit]) for unit, cell in cells if unit in by_unit
            )
    except IntegrityError:
        logger.info("periods of %s were published by another process", source_id)
        return False
    return True


def _in_period(cell: PublishedCell, period: PublishedPeriod) -> PublishedCell:
    cell.period = period
    return cell


def _store(instrument: Instrument, kind: PeriodKind, units: list[int], cells: list[Cell]) -> bool:
    """Write the periods and the instrument's cells (``store_periods``)."""
    rows = (
        (
            cell.unit,
            PublishedCell(
                team_key=OTHER_TEAMS if cell.team_id is None else cell.team_id,
                quarter=cell.quarter,
                respondents=cell.respondents,
                persons=cell.persons,
                items=cell.items,
                section_sums=[str(total) for total in cell.section_sums],
                section_counts=cell.section_counts,
            ),
        )
        for cell in cells
    )
    return store_periods(instrument.id, instrument.version, kind, units, rows)


def unpublished_quarters(
    source_id: str, version: str, first: Callable[[], int | None]
) -> list[int]:
    """The closed quarters (``lib.quarters`` keys, oldest first) of the figures ``source_id``
    at ``version`` that have no published period yet; ``[]`` when there are none. Quarters are
    published in order, so only the quarters after the newest published one can be new: one
    query, and ``first()`` (the first quarter with data, which may query) is asked only when
    nothing is published yet. Serves the instruments' figures and the follow-up's
    (``insight.outcomes``)."""
    last = last_closed_quarter()
    newest = (
        PublishedPeriod.objects.filter(
            instrument_id=source_id, instrument_version=version, kind=PeriodKind.QUARTER
        )
        .order_by("-unit")
        .values_list("unit", flat=True)
        .first()
    )
    start = next_quarter(newest) if newest is not None else first()
    if start is None or start > last:
        return []
    return quarters_between(start, last)


def publish_closed_quarters(instrument: Instrument) -> int:
    """Publish every quarter of ``instrument`` (this version) that is over and not published
    yet (``unpublished_quarters``); returns how many were published."""
    source = source_for(instrument)
    assert source.unit_range is not None and source.first_unit is not None
    units = unpublished_quarters(instrument.id, instrument.version, source.first_unit)
    if not units:
        return 0
    cells = compute(instrument, source.unit_range(units[0], units[-1]))
    # Every quarter gets its period row, also an empty one: it is closed and stays so.
    return len(units) if _store(instrument, PeriodKind.QUARTER, units, cells) else 0


def publish_round(round_: ReflectionRound) -> bool:
    """Publish the figures of a closed round (run inside ``close_round``'s transaction,
    through ``reflection.hooks``)."""
    instrument = get_instrument(round_.instrument_id, version=round_.instrument_version)
    cells = compute(instrument, Q(round_id=round_.pk))
    return _store(instrument, PeriodKind.ROUND, [round_.pk], cells)


def publish_closed_rounds() -> int:
    """Publish closed rounds that have no published figures yet (rounds closed before figures
    were stored); one query when there are none."""
    # The unit of a round's period is the round's id, whatever its instrument.
    published = PublishedPeriod.objects.filter(kind=PeriodKind.ROUND).values("unit")
    count = 0
    for round_ in ReflectionRound.objects.filter(status=RoundStatus.CLOSED).exclude(
        pk__in=published
    ):
        count += publish_round(round_)
    return count


def unpublished(instrument: Instrument, kind: PeriodKind) -> bool:
    """Whether a closed period of ``instrument`` (quarters: this version) has no cells yet:
    one query (two when nothing of it is published yet)."""
    if kind == PeriodKind.QUARTER:
        source = source_for(instrument)
        assert source.first_unit is not None
        return bool(unpublished_quarters(instrument.id, instrument.version, source.first_unit))
    published = PublishedPeriod.objects.filter(kind=PeriodKind.ROUND).values("unit")
    return (
        ReflectionRound.objects.filter(status=RoundStatus.CLOSED).exclude(pk__in=published).exists()
    )


def published_cells(
    instrument: Instrument, *, teams: Iterable[int] | None = None, round_id: int | None = None
) -> list[Cell]:
    """The stored cells of ``instrument`` (this version). Never computes: a closed period
    without cells yet queues the background task that publishes it (``tasks``) and shows
    nothing until that has run.

    ``teams`` limits them to some team keys (the pool is ``cells.OTHER_TEAMS``); ``round_id``
    to one round. Only stored cells are ever returned: what was published, after suppression.
    """
    kind = kind_of(instrument)
    if unpublished(instrument, kind):
        from krachtbron.insight.tasks import request_publication  # the task imports this module

        request_publication()
    rows = PublishedCell.objects.filter(
        period__instrument_id=instrument.id,
        period__instrument_version=instrument.version,
        period__kind=kind,
    )
    if teams is not None:
        rows = rows.filter(team_key__in=list(teams))
    if round_id is not None:
        rows = rows.filter(period__unit=round_id)
    return [
        Cell(
            team_id=row["team_key"],
            unit=row["period__unit"],
            quarter=row["quarter"],
            respondents=row["respondents"],
            persons=row["persons"],
            items={key: list(value) for key, value in row["items"].items()},
            section_sums=[exact_sum(v) for v in row["section_sums"]],
            section_counts=[int(v) for v in row["section_counts"]],
        )
        for row in rows.order_by().values(
            "team_key",
            "period__unit",
            "quarter",
            "respondents",
            "persons",
            "items",
            "section_sums",
            "section_counts",
        )
    ]
