""" "Aandacht nodig": the signals on the caseload and the team page (issue 16, docs/aandacht.md).

The rules themselves live in one module above every app they read (``krachtbron/attention/
rules.py``); they register here in ``AppConfig.ready()``, as ``closing`` and ``file_tabs`` do
(docs/adr/0012-layers.md), so the caseload (this app) can use them without importing the apps
above it.

A signal's ``find(families, now)`` gets the families to look at (a list of ids or a queryset of
``Family`` used as a subquery) and returns its *hits*: pairs ``(family id, adviser id)``, where
the adviser id is ``None`` when the signal holds for every adviser of the family (a begin
measurement that is overdue) and an id when it holds for one adviser only (a result that this
adviser has not read). Each ``find`` runs a fixed number of queries whatever the number of
families, so the caseload and the team page stay constant in queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Union

from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from krachtbron.families.models import Family

#: The families a signal looks at: ids, or a queryset of families (used as a subquery).
FamilySet = Union[Collection[int], "QuerySet[Family, Any]"]  # noqa: UP007 (a string in the union)
#: (family id, adviser id or None for every adviser of the family).
Hits = set[tuple[int, int | None]]


@dataclass(frozen=True)
class Signal:
    """One reason a family needs attention. ``key`` goes in the caseload's URL (``?aandacht=``,
    never anything about the family), ``label`` is the filter's option and the team page's
    column, ``badge`` the short text on the family's card, ``urgency`` orders the signals
    (1 = most urgent) for the "most urgent first" sort."""

    key: str
    label: str | Promise
    badge: str | Promise
    urgency: int
    find: Callable[[Any, datetime], Hits]


_SIGNALS: dict[str, Signal] = {}


def register_signal(signal: Signal) -> None:
    _SIGNALS[signal.key] = signal


def all_signals() -> list[Signal]:
    """Every registered signal, most urgent first."""
    return sorted(_SIGNALS.values(), key=lambda s: (s.urgency, s.key))


def get_signal(key: str) -> Signal | None:
    return _SIGNALS.get(key)


def signals_by_family(
    families: FamilySet, now: datetime, adviser_id: int
) -> dict[int, list[Signal]]:
    """{family id: its signals for this adviser, most urgent first}; families without a signal
    are left out. One ``find`` per signal: a fixed number of queries."""
    found: dict[int, list[Signal]] = defaultdict(list)
    for signal in all_signals():
        for family_id in sorted(_for_adviser(signal.find(families, now), adviser_id)):
            found[family_id].append(signal)
    return dict(found)


def _for_adviser(hits: Hits, adviser_id: int) -> set[int]:
    return {family_id for family_id, who in hits if who is None or who == adviser_id}


def counts_per_adviser(
    families: FamilySet, assignments: Iterable[tuple[int, int]], now: datetime
) -> dict[int, dict[str, int]]:
    """The team page's counts: {adviser id: {signal key: number of that adviser's families with
    the signal}} for the (family id, adviser id) ``assignments`` given. Every signal has a count,
    0 included. Only numbers leave this function, never which families."""
    pairs = list(assignments)
    counts: dict[int, dict[str, int]] = {
        adviser_id: {s.key: 0 for s in all_signals()} for _, adviser_id in pairs
    }
    for signal in all_signals():
        hits = signal.find(families, now)
        for family_id, adviser_id in pairs:
            if (family_id, None) in hits or (family_id, adviser_id) in hits:
                counts[adviser_id][signal.key] += 1
    return counts


def urgency_key(signals: list[Signal]) -> tuple[int, int]:
    """Sort key for "most urgent first": the most urgent signal, then more signals first;
    families without a signal last."""
    if not signals:
        return (1_000, 0)
    return (min(s.urgency for s in signals), -len(signals))
