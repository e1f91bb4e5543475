"""The caseload's "Aandacht nodig" query, compiled once per process (issue 18).

``signals_by_family`` asks every signal that has a condition in one query: a boolean EXISTS
column per signal. Building and compiling those conditions with the ORM took far longer than
running the query (about 60 ms against 6 ms for a caseload page on this machine), and it was
done on every request. As ``questionnaires/fastpath.py`` does for the family's autosave, the
ORM compiles the query once, with stand-in values, and each request fills in its own:

* the page's family ids (the ``IN (...)`` list, as many placeholders as ids);
* the adviser's id;
* every moment the rules derive from ``now`` (``now - 14 days``, ``now + 2 days``...): the
  query is compiled for two stand-in moments, and a parameter that moved by exactly as much as
  the moment did is ``now`` plus a fixed difference.

Anything else that differs between the two compilations (a date instead of a moment, say) makes
this module give up: ``compiled`` returns None and the caller compiles with the ORM, as before.
The compiled form is kept per database kind, set of signals and the settings the rules read
(``ATTENTION_*``, ``SEND_*``, ``INVITATION_*``): a rule that reads another setting must add its
prefix to ``SETTING_PREFIXES``. ``tests/test_attention_sql.py`` checks the same answers both
ways.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q

SETTING_PREFIXES = ("ATTENTION_", "SEND_", "INVITATION_")
_SOME_FAMILY = -987_654_321
_SOME_ADVISER = -876_543_219
_MOMENTS = (
    datetime(2031, 2, 3, 4, 5, 6, 789_012, tzinfo=UTC),
    datetime(2032, 7, 9, 13, 17, 19, 123_456, tzinfo=UTC),
)


@dataclass(frozen=True)
class Compiled:
    head: str  # the SQL up to the ids' placeholders
    tail: str  # and after them
    roles: tuple[tuple[str, Any], ...]  # per parameter: ("value", v), ("adviser", None),
    # ("now", difference) or ("ids", None)

    def run(self, ids: Sequence[int], now: datetime, adviser_id: int) -> list[tuple[Any, ...]]:
        sql = self.head + ", ".join(["%s"] * len(ids)) + self.tail
        params: list[Any] = []
        adapt = connection.ops.adapt_datetimefield_value
        for role, value in self.roles:
            if role == "ids":
                params.extend(ids)
            elif role == "adviser":
                params.append(adviser_id)
            elif role == "now":
                params.append(adapt(now + value))
            else:
                params.append(value)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())


_CACHE: dict[tuple[Any, ...], Compiled | None] = {}


def _key(signal_keys: tuple[str, ...]) -> tuple[Any, ...]:
    read = tuple(
        (name, repr(getattr(settings, name)))
        for name in dir(settings)
        if name.startswith(SETTING_PREFIXES)
    )
    return (connection.vendor, settings.TIME_ZONE, signal_keys, read)


def compiled(
    signal_keys: tuple[str, ...], conditions: Sequence[Callable[[datetime, int | None], Any]]
) -> Compiled | None:
    """The compiled query for these signals' ``conditions`` (in this order), or None."""
    key = _key(signal_keys)
    if key not in _CACHE:
        _CACHE[key] = _compile(conditions)
    return _CACHE[key]


def _sql(
    conditions: Sequence[Callable[[datetime, int | None], Any]], moment: datetime
) -> tuple[str, tuple[Any, ...]]:
    from krachtbron.families.models import Family

    columns = {
        f"signal_{number}": ExpressionWrapper(condition(moment, _SOME_ADVISER), BooleanField())
        for number, condition in enumerate(conditions)
    }
    query = Family.objects.filter(Q(pk__in=[_SOME_FAMILY])).annotate(**columns)
    sql, params = query.order_by().values_list("pk", *columns).query.sql_with_params()
    return sql, tuple(params)


def _utc(value: Any) -> datetime | None:
    """A moment parameter as naive UTC (SQLite passes text, PostgreSQL a datetime)."""
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
    elif isinstance(value, datetime):
        parsed = value
    else:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def _compile(conditions: Sequence[Callable[[datetime, int | None], Any]]) -> Compiled | None:
    first, second = (_sql(conditions, moment) for moment in _MOMENTS)
    if first[0] != second[0] or len(first[1]) != len(second[1]):
        return None
    sql, roles = first[0], list[tuple[str, Any]]()
    moments = [m.astimezone(UTC).replace(tzinfo=None) for m in _MOMENTS]
    for a, b in zip(first[1], second[1], strict=True):
        if a == b == _SOME_FAMILY:
            roles.append(("ids", None))
        elif a == b == _SOME_ADVISER:
            roles.append(("adviser", None))
        elif a == b and _utc(a) is None:
            roles.append(("value", a))
        else:
            ua, ub = _utc(a), _utc(b)
            if ua is None or ub is None or ua - moments[0] != ub - moments[1]:
                return None
            roles.append(("now", ua - moments[0]))
    # The ids' single placeholder, "IN (%s)", becomes one per id.
    if [role for role, _value in roles].count("ids") != 1:
        return None
    index = [role for role, _value in roles].index("ids")
    position = -1
    for _n in range(index + 1):
        position = sql.index("%s", position + 1)
    if not sql[:position].endswith("IN (") or not sql[position + 2 :].startswith(")"):
        return None
    return Compiled(sql[:position], sql[position + 2 :], tuple(roles))
