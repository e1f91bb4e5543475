"""The one way Krachtbron writes a CSV file: as a Dutch spreadsheet opens it without questions.

Every CSV the app hands out (dashboard, team mirror, research dataset and codebook) is written
here, in one dialect, so Excel and LibreOffice in a Dutch set-up open it with a double click:

- UTF-8 with a byte-order mark: without it Excel reads UTF-8 as Windows-1252
  ("Zuidoost â€“ Bijlmer");
- ``;`` between cells and CRLF line ends: the list separator of a Dutch Windows;
- decimals with a comma (``2,4``), rounded half up (``lib/numbers.py``): a Dutch spreadsheet
  reads ``2.4`` as text or as a date. R reads this file with ``read.csv2()``, SPSS with
  ``/DELIMITERS=";"`` and a Dutch locale. The research codebook says so as well;
- a text cell that a spreadsheet would run as a formula — it starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return — gets a leading ``'`` (OWASP, "CSV injection"). The start
  is folded with NFKC before the check, so the full-width and small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣
  ﹫) count as well: typed text is only NFC-normalised, which keeps them. Only text
  is neutralised: numbers the code writes (ints, floats, Decimals) stay numbers, also negative
  ones;
- text is written without characters no file may hold (``lib/text.py``), and a text with an
  explicit bidi control is isolated (``lib/bidi.py``): a spreadsheet cell is its own paragraph,
  but whoever opens the raw file sees the lines as they are.

Cells: ``None`` is empty, ``bool`` is ``ja``/``nee``, numbers are numbers, everything else text.
"""

import csv
import io
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone

from krachtbron.lib.bidi import isolate_if_needed
from krachtbron.lib.download import attachment
from krachtbron.lib.numbers import csv_decimal
from krachtbron.lib.text import without_forbidden

BOM = "\ufeff"
DELIMITER = ";"
LINE_END = "\r\n"
DECIMAL_SIGN = ","
CONTENT_TYPE = "text/csv; charset=utf-8"
# What makes Excel, LibreOffice or Google Sheets treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Enough characters that NFKC of the start shows the first character's folded form.
FOLDED_START = 4


class Decimals:
    """A number that is shown with a fixed number of decimals (a mean: 1, the default)."""

    __slots__ = ("places", "value")

    def __init__(self, value: float | int | Decimal | None, places: int = 1) -> None:
        self.value = value
        self.places = places


def cell(value: Any) -> str:
    """One value as the text of a cell (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return csv_decimal(value, 1)
    if isinstance(value, Decimals):
        return csv_decimal(value.value, value.places)
    text = without_forbidden(str(value))
    if unicodedata.normalize("NFKC", text[:FOLDED_START]).startswith(FORMULA_STARTS):
        text = "'" + text
    return isolate_if_needed(text)


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """The whole file as text, byte-order mark first."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator=LINE_END)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return out.getvalue()


def csv_response(rows: Iterable[Iterable[Any]], name: str, *, dated: bool = True) -> HttpResponse:
    """A download of ``rows`` as ``<name>-<yyyymmdd>.csv`` (``dated=False``: ``<name>.csv``).
    ``name`` is the code's own (ASCII, no quotes): it goes into the header as it is."""
    filename = f"{name}-{timezone.localdate():%Y%m%d}.csv" if dated else f"{name}.csv"
    response = HttpResponse(csv_text(rows).encode("utf-8"), content_type=CONTENT_TYPE)
    attachment(response, filename)
    return response
