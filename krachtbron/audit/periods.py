"""Time in the access log: stored in UTC, shown and filtered in Amsterdam time.

Whoever reads the log (a family, an adviser, the privacy officer) thinks in local days. A day is
turned into its UTC bounds here, once, with the zone's rules for that very date, so a period is
right on the nights the clocks change too.
"""

from datetime import date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

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
