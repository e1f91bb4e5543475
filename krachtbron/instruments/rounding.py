"""The one rounding rule for every mean Krachtbron shows or writes: half up, on the decimal value.

``round_half_up(2.35, 1)`` is 2.4 and ``round_half_up(2.25, 1)`` is 2.3, as people round by
hand and as spreadsheets do. Python's ``round()`` rounds half to even *on the binary float*
(``round(2.25, 1) == 2.2``, and ``round(2.675, 2) == 2.67``), and Django's ``number_format``
cuts a float off (2.35 → "2,3"), so a chart, a table and a CSV file could each show another
number for the same mean. The float is first read as the shortest decimal that names it
(``repr``: 2.675 is "2.675"), then rounded half up (``decimal.ROUND_HALF_UP``).

Screens, PDFs and CSV files show means with ``SHOWN_DECIMALS`` decimals; JSON output (the
command line, the family's copy as JSON) keeps ``MEAN_DECIMALS``, by the same rule.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

#: Decimals of a mean on screen, in a PDF and in a CSV file.
SHOWN_DECIMALS = 1


def round_half_up(value: float | int | Decimal, places: int = SHOWN_DECIMALS) -> Decimal:
    """``value`` rounded half up (away from zero) to ``places`` decimals, as a Decimal with
    exactly that many decimals (``Decimal("2.40")`` for 2.4 at 2 places). Raises ValueError for
    a NaN or an infinity: a mean is always a finite number."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        raise ValueError("A mean must be a finite number.")
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
