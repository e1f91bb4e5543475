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

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.expressions import Combinable
from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from krachtbron.families.models import Family

#: The families a signal looks at: ids, or a queryset of families (used as a subquery).
FamilySet = Union[Collection[int], "QuerySet[Family, Any]"]  # noqa: UP007 (a string in the union)
#: A rule as a condition on ``Family``: a ``Q`` or an expression such as ``Exists(...)``.
Condition = Q | Combinable
#: (family id, adviser id or None for every adviser of the family).
Hits = set[tuple[int, int | None]]


@dataclass(frozen=True)
class Signal:
    """One reason a family needs attention. ``key`` goes in the caseload's URL (``?aandacht=``,
    never anything about the family), ``label`` is the filter's option and the team page's
    column, ``badge`` the short text on the family's card (or None), ``urgency`` orders the signals
    (1 = most urgent) for the "most urgent first" sort."""

    key: str
    label: str | Promise
    #: None when the card already says it through a card note (``caseload.register_card_note``):
    #: the card shows one of the two, never both (the talk flags: "1 onderwerp om te bespreken").
    badge: str | Promise | None
    urgency: int
    #: The rule as a condition on ``Family`` at ``now`` for one adviser (id), when SQL can say
    #: it: the caseload asks every such signal in one query (``signals_by_family``).
    condition: Callable[[datetime, int | None], Condition] | None = None
    #: The rule as hits for any families; needed when there is no condition, or when the
    #: condition depends on the adviser (then for every adviser of the families at once).
    find: Callable[[Any, datetime], Hits] | None = None

    def hits(self, families: FamilySet, now: datetime) -> Hits:
        """This signal's hits among ``families`` (one query, or ``find``'s fixed number)."""
        if self.find is not None:
            return self.find(families, now)
        assert self.condition is not None, f"signal {self.key} has no condition and no find"
        from krachtbron.families.models import Family

        matches = Family.objects.filter(Q(pk__in=families), self.condition(now, None))
        return {(pk, None) for pk in matches.values_list("pk", flat=True)}


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
    are left out. Every signal with a condition in one query (a boolean column each), the
    others through their ``find``: a fixed number of queries."""

    signals = all_signals()
    asked = [s for s in signals if s.condition is not None]
    keys: dict[int, set[str]] = defaultdict(set)
    if asked:
        for pk, *flags in _signal_rows(families, asked, now, adviser_id):
            keys[pk].update(s.key for s, flag in zip(asked, flags, strict=True) if flag)
    for signal in signals:
        if signal.condition is None and signal.find is not None:
            for family_id in _for_adviser(signal.find(families, now), adviser_id):
                keys[family_id].add(signal.key)
    found = {pk: [s for s in signals if s.key in mine] for pk, mine in keys.items() if mine}
    return found


def _signal_rows(
    families: FamilySet, asked: list[Signal], now: datetime, adviser_id: int
) -> list[tuple[Any, ...]]:
    """(family id, a flag per signal in ``asked``) for the families: for a list of ids (the
    caseload page) through the query compiled once per process (``attention_sql``), else, or
    when that cannot be compiled, through the ORM."""
    from krachtbron.families import attention_sql
    from krachtbron.families.models import Family

    if not hasattr(families, "query"):  # ids, not a queryset
        ids = [int(pk) for pk in families]
        conditions = [s.condition for s in asked if s.condition is not None]
        fast = attention_sql.compiled(tuple(s.key for s in asked), conditions)
        if fast is not None:
            return fast.run(ids, now, adviser_id) if ids else []
    columns = {
        f"signal_{number}": ExpressionWrapper(s.condition(now, adviser_id), BooleanField())  # type: ignore[misc]
        for number, s in enumerate(asked)
    }
    rows = Family.objects.filter(Q(pk__in=families)).annotate(**columns)
    return list(rows.values_list("pk", *columns))


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
        hits = signal.hits(families, now)
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
