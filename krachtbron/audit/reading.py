"""Reading the access log: time (stored in UTC, shown and filtered in Amsterdam time) and the
rows about one family (its own rows and the list pages that showed it).

Whoever reads the log (a family, an adviser, the privacy officer) thinks in local days. A day is
turned into its UTC bounds here, once, with the zone's rules for that very date, so a period is
right on the nights the clocks change too.
"""

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from krachtbron.audit.models import AccessLogEntry

_Q = TypeVar("_Q", bound=QuerySet[AccessLogEntry])

#: The zone every access-log page shows and filters in (stated on the page).
LOG_ZONE = ZoneInfo("Europe/Amsterdam")
LOG_ZONE_NAME = "Europe/Amsterdam"


def day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` in Amsterdam, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=LOG_ZONE)


def in_period(entries: _Q, start: date | None, end: date | None) -> _Q:
    """Rows written on Amsterdam days ``start`` up to and including ``end`` (either may be None)."""
    if start is not None:
        entries = entries.filter(at__gte=day_start(start))
    if end is not None:
        entries = entries.filter(at__lt=day_start(end + timedelta(days=1)))
    return entries


def rows_about_family(entries: _Q, family_ids: Iterable[int]) -> _Q:
    """Rows about these families: their own rows, and list rows that name one of them
    (``log_access_list``). PostgreSQL answers the list part with JSON containment (a GIN index
    on ``extra``), SQLite with ``json_each``; both give the same rows (tested on both)."""
    ids = sorted({int(pk) for pk in family_ids})
    if not ids:
        return entries.none()
    named = Q()
    if connection.vendor == "postgresql":
        for pk in ids:
            named |= Q(extra__contains={"families": [pk]})
        in_lists = AccessLogEntry.objects.filter(named).values("pk")
        return entries.filter(Q(family_id__in=ids) | Q(pk__in=in_lists))
    table = AccessLogEntry._meta.db_table
    marks = ", ".join(["%s"] * len(ids))
    # Table name from the model; every value is a parameter.
    in_lists_sql = RawSQL(  # noqa: S611
        f"SELECT e.id FROM {table} e, json_each(e.extra, '$.families') f "  # noqa: S608
        f"WHERE json_type(e.extra, '$.families') = 'array' AND f.value IN ({marks})",
        ids,
    )
    return entries.filter(Q(family_id__in=ids) | Q(pk__in=in_lists_sql))


#: How a dossier number becomes the ids of the families that have it. The families app fills
#: it in (``AppConfig.ready``): this lower app never imports it.
_reference_lookups: list[Callable[[str], Iterable[int]]] = []


def register_reference_lookup(lookup: Callable[[str], Iterable[int]]) -> None:
    _reference_lookups.append(lookup)


def family_ids_for_reference(reference: str) -> set[int]:
    """The families with this dossier number: existing ones, and purged ones the log names."""
    ids = {
        pk
        for pk in AccessLogEntry.objects.filter(family_reference__iexact=reference)
        .exclude(family_id=None)
        .values_list("family_id", flat=True)
        .distinct()
        if pk is not None
    }
    for lookup in _reference_lookups:
        ids.update(lookup(reference))
    return ids
