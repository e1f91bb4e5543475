"""Means as people read them: one rounding rule (half up, ``instruments.rounding``) and the
decimal sign of the reader.

On a page, in a chart and in a PDF a mean has the decimal sign of the interface language (3,2
in Dutch, 3.2 in English: ``shown_mean``, the ``|mean`` template filter). A CSV file always
has the decimal comma (``csv_decimal``): it is made for a Dutch spreadsheet
(``lib/csvfile.py``). All of them round the same exact mean the same way, so the chart label,
the table cell and the CSV cell show the same number.
"""

from decimal import Decimal

from django.utils import formats

from krachtbron.instruments import SHOWN_DECIMALS, round_half_up

DASH = "–"


def rounded(value: float | int | Decimal, places: int = SHOWN_DECIMALS) -> Decimal:
    """``round_half_up`` without a minus sign on zero (a change of -0.04 shows as 0,0)."""
    result = round_half_up(value, places)
    return abs(result) if result == 0 else result


def shown_mean(
    value: float | int | Decimal | None, places: int = SHOWN_DECIMALS, *, empty: str = DASH
) -> str:
    """A mean for a page, chart or PDF: ``places`` decimals, the interface language's decimal
    sign; ``empty`` (a dash) when there is no mean."""
    if value is None or value == "":
        return empty
    return formats.number_format(rounded(value, places), places)


def csv_decimal(value: float | int | Decimal | None, places: int = SHOWN_DECIMALS) -> str:
    """A mean for a CSV cell: ``places`` decimals with a decimal comma; empty for no mean."""
    if value is None:
        return ""
    return str(rounded(value, places)).replace(".", ",")
