"""Helpers for the anonymity attacks: read a page or CSV the way a curious reader would.

* ``page_text`` is the visible text of a page's ``<main>`` (what a reader can note down), with
  the response rate of a round taken out: that one number is meant to change with every answer
  (it says *that* someone answered, never *what*), and it is marked ``data-response-rate``.
* ``small_figures`` finds every group figure whose n lies between 1 and the minimum minus one,
  in HTML tables (a column headed ``n``), in ``n = 4`` texts and in CSV columns headed ``n``.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

from django.conf import settings

MARKER = "te weinig respondenten"


class _MainText(HTMLParser):
    """Collects the text inside <main>, skipping elements marked data-response-rate."""

    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "source", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        self.skipping = 0
        self.parts: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if tag == "main":
            self.in_main += 1
        if self.skipping or any(name == "data-response-rate" for name, _v in attrs):
            self.skipping += 1
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
            colspan = dict(attrs).get("colspan")
            self._colspan = int(colspan) if colspan and colspan.isdigit() else 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self.skipping:
            self.skipping -= 1
        if tag == "main":
            self.in_main -= 1
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            text = " ".join("".join(self._cell).split())
            self._row.extend([text] * self._colspan)
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self.in_main and not self.skipping:
            self.parts.append(data)
            if self._cell is not None:
                self._cell.append(data)


def _parse(html: str) -> _MainText:
    parser = _MainText()
    parser.feed(html)
    return parser


def page_text(html: str) -> str:
    """The visible text of <main>, whitespace normalised, without the response rate."""
    return " ".join(" ".join(_parse(html).parts).split())


def csv_rows(body: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))


def _small(text: str) -> bool:
    text = text.strip()
    return text.isdigit() and 0 < int(text) < settings.MIN_GROUP_SIZE


def small_figures_in_page(html: str) -> list[str]:
    """Every n below the minimum on a page: table columns headed n, and 'n = 4' texts."""
    parser = _parse(html)
    found = []
    for table in parser.tables:
        if not table:
            continue
        header = table[0]
        columns = [i for i, name in enumerate(header) if name.strip().lower() in ("n", "telt mee")]
        for row in table[1:]:
            for i in columns:
                if i < len(row) and _small(row[i]):
                    found.append(f"{row[0]}: n={row[i]}")
    text = " ".join(parser.parts)
    found.extend(m.group(0) for m in re.finditer(r"\bn\s*=\s*(\d+)", text) if _small(m.group(1)))
    found.extend(
        m.group(0)
        for m in re.finditer(r"(\d+) (?:antwoorden|respondenten|ingevulde vragenlijsten)", text)
        if _small(m.group(1))
    )
    return found


def small_figures_in_csv(body: str) -> list[list[str]]:
    """Every CSV row with a value between 1 and the minimum minus one in a column named n."""
    rows = csv_rows(body)
    if not rows:
        return []
    columns = [i for i, name in enumerate(rows[0]) if name.strip().lower() == "n"]
    return [row for row in rows[1:] if any(i < len(row) and _small(row[i]) for i in columns)]
