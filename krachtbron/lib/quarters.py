"""Quarters: the period unit of every group figure, in Amsterdam time.

A quarter is the sortable number ``year * 10 + q`` (20253 = 2025 Q3). Below the apps: a
reflection and a family questionnaire are stored with the quarter they count in, the published
figures (``insight``) are per quarter, the research export reads the same time zone.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from krachtbron.lib.digits import ascii_int


def quarter_key(year: int, quarter: int) -> int:
    """A quarter as one sortable number: 2025 Q3 -> 20253."""
    return year * 10 + quarter


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def quarter_of(moment: datetime | date) -> int:
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment, local_zone()).date()
    return quarter_key(moment.year, (moment.month - 1) // 3 + 1)


def current_quarter() -> int:
    return quarter_of(timezone.now())


def quarter_label(key: int) -> str:
    """20253 -> '2025 K3' (K = kwartaal); in English 'Q3 2025'."""
    return _("%(year)s K%(quarter)s") % {"year": key // 10, "quarter": key % 10}


def parse_quarter(text: str) -> int | None:
    """'2025-3' or '20253' -> 20253; None when it is not a quarter."""
    digits = text.replace("-", "")
    # ASCII digits only: "2025-²" passes str.isdigit() but not int() (lib/digits.py).
    if len(digits) != 5 or ascii_int(digits) is None:
        return None
    year, q = int(digits[:4]), int(digits[4])
    if not (2000 <= year <= 2100 and 1 <= q <= 4):
        return None
    return quarter_key(year, q)


def next_quarter(key: int) -> int:
    year, q = divmod(key, 10)
    return quarter_key(year + 1, 1) if q == 4 else quarter_key(year, q + 1)


def previous_quarter(key: int) -> int:
    year, q = divmod(key, 10)
    return quarter_key(year - 1, 4) if q == 1 else quarter_key(year, q - 1)


def quarters_between(first: int, last: int) -> list[int]:
    result = []
    key = first
    while key <= last:
        result.append(key)
        key = next_quarter(key)
    return result


def quarter_start(key: int) -> datetime:
    """The first moment of a quarter in Amsterdam time (timezone-aware)."""
    year, q = divmod(key, 10)
    return datetime.combine(date(year, 3 * (q - 1) + 1, 1), time.min, tzinfo=local_zone())


def recent_quarters(years: int) -> list[int]:
    """The current quarter and those of the ``years`` before it, newest first."""
    keys = [current_quarter()]
    while len(keys) < 4 * years + 1:
        keys.append(previous_quarter(keys[-1]))
    return keys
