"""Time in the access log: stored in UTC, shown and filtered in Amsterdam time.

Whoever reads the log (a family, an adviser, the privacy officer) thinks in local days. A day is
turned into its UTC bounds here, once, with the zone's rules for that very date, so a period is
right on the nights the clocks change too.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from krachtbron.audit.models import AccessLogEntry

#: The zone every access-log page shows and filters in (stated on the page).
LOG_ZONE = ZoneInfo("Europe/Amsterdam")
LOG_ZONE_NAME = "Europe/Amsterdam"


def day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` in Amsterdam, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=LOG_ZONE)


def in_period(
    entries: QuerySet[AccessLogEntry], start: date | None, end: date | None
) -> QuerySet[AccessLogEntry]:
    """Rows written on Amsterdam days ``start`` up to and including ``end`` (either may be None)."""
    if start is not None:
        entries = entries.filter(at__gte=day_start(start))
    if end is not None:
        entries = entries.filter(at__lt=day_start(end + timedelta(days=1)))
    return entries
