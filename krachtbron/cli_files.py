"""Reading the answer files of the ``krachtbron`` command line: bytes, text, answer sets.

Every refusal is an ``InputError`` with a Dutch message that names the file (inertly: see
``krachtbron.instruments.inputs``) and, for CSV, every problem with its line. Plain Python: no
Django import (import contract in pyproject.toml).
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from krachtbron.instruments import AnswerError, Instrument, validate
from krachtbron.instruments.inputs import (
    MAX_INTEGER_DIGITS,
    JsonInputError,
    inert,
    parse_json,
    quote,
)

#: Larger input files are refused rather than read into memory.
MAX_INPUT_BYTES = 10 * 1024 * 1024
#: At most this many problems are printed; the count says how many there are in all.
MAX_PROBLEMS_SHOWN = 50

_INTEGER_RE = re.compile(r"^[+-]?[0-9]+$")
_CSV_DELIMITERS = (",", ";", "\t")


class InputError(Exception):
    """The user's input cannot be used; the message says why, in Dutch."""


def _read_bytes(name: str) -> bytes:
    """At most MAX_INPUT_BYTES + 1 bytes of the file (``-`` is stdin)."""
    shown = inert(name)
    if name == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:
            raise InputError("er is geen invoer (stdin is gesloten)")
        return bytes(stdin.read(MAX_INPUT_BYTES + 1))
    path = Path(name)
    try:
        if path.is_dir():
            raise InputError(f"{shown} is een map, geen bestand")
        with path.open("rb") as handle:
            return handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"bestand niet gevonden: {shown}") from None
    except PermissionError:
        raise InputError(f"geen toegang tot het bestand {shown}") from None
    except (OSError, ValueError) as exc:
        # The system's own message is English; its error code is not prose.
        code = errno.errorcode.get(getattr(exc, "errno", None) or 0, "onbekende fout")
        raise InputError(f"kan {shown} niet lezen ({code})") from None


def read_text(name: str) -> str:
    """Read an input file (``-`` is stdin) as UTF-8 text, with a Dutch message for each failure.

    Refused: more than MAX_INPUT_BYTES, UTF-16/UTF-32 (spreadsheets offer it as "Unicode text"),
    NUL bytes (binary files), anything that is not UTF-8, and a file with nothing but spaces.
    One UTF-8 byte-order mark at the start is allowed.
    """
    shown = inert(name)
    data = _read_bytes(name)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{shown} is te groot (meer dan {MAX_INPUT_BYTES // (1024 * 1024)} MB)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(
            f'{shown} is opgeslagen als UTF-16 of UTF-32 ("Unicode-tekst"); sla het op als '
            'UTF-8 (in een spreadsheet: "CSV UTF-8")'
        )
    if b"\0" in data:
        raise InputError(
            f"{shown} bevat NUL-tekens (byte {data.index(0) + 1}): het is geen tekstbestand, of "
            "het is opgeslagen als UTF-16; sla het op als UTF-8"
        )
    try:
        # utf-8-sig: spreadsheet programs often put a byte-order mark before the header.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{shown} is geen UTF-8-tekst (byte {exc.start + 1}); sla het bestand op als UTF-8"
        ) from None
    if not text.strip():
        raise InputError(f"{shown} is leeg")
    return text


def is_json(name: str, text: str) -> bool:
    """Is this an answer file in JSON? By its suffix (.json, or .csv/.tsv), else its first sign."""
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return True
    if suffix in {".csv", ".tsv"}:
        return False
    return text.lstrip()[:1] in {"{", "["}


def parse_json_sets(name: str, text: str) -> tuple[list[Mapping[str, Any]], bool]:
    """Answer documents from JSON: one object, or an array of objects. Also: was it one object?"""
    shown = inert(name)
    try:
        data = parse_json(text)
    except JsonInputError as exc:
        raise InputError(f"{shown}: {exc}") from None
    if isinstance(data, dict):
        return [data], True
    if isinstance(data, list):
        if not data:
            raise InputError(f"{shown} bevat een lege lijst: er zijn geen antwoorden")
        wrong = [str(i) for i, one in enumerate(data, start=1) if not isinstance(one, dict)]
        if wrong:
            raise InputError(f"{shown}: element {_enumerate(wrong)} is geen object")
        return data, False
    raise InputError(
        f'{shown}: verwacht een object {{"answers": {{"<vraag-id>": 0-4 of null}}}} '
        f"of een lijst van zulke objecten, niet {quote(data)}"
    )


def _enumerate(values: Sequence[str], limit: int = 10) -> str:
    """``a, b, c`` — at most ``limit`` values, then how many more."""
    shown = ", ".join(values[:limit])
    return shown if len(values) <= limit else f"{shown} en nog {len(values) - limit}"


# The messages of Python's csv module (Modules/_csv.c), by their start, in Dutch.
_CSV_MESSAGES = (
    ("field larger than field limit", f"een veld is langer dan {csv.field_size_limit()} tekens"),
    ("unexpected end of data", "het bestand houdt op midden in een veld tussen aanhalingstekens"),
    ("new-line character seen", "een los regeleinde-teken (\\r) in een veld"),
    ("line contains NUL", "een NUL-teken"),
)


def _csv_message(exc: csv.Error) -> str:
    message = str(exc)
    for english, dutch in _CSV_MESSAGES:
        if message.startswith(english):
            return dutch
    if "expected after" in message:
        return "na een sluitend aanhalingsteken hoort een scheidingsteken of het einde van de regel"
    return "de aanhalingstekens of regeleinden kloppen niet"


def _cell(value: str) -> object:
    """A CSV cell as an answer: empty = None, a whole number = int, anything else stays text.

    Text is left for ``validate`` to report with the item id. A number of more than
    MAX_INTEGER_DIGITS digits raises ValueError: Python would refuse to convert 4,300 digits.
    """
    text = value.strip()
    if not text:
        return None
    if not _INTEGER_RE.match(text):
        return text
    digits = len(text.lstrip("+-").lstrip("0"))
    if digits > MAX_INTEGER_DIGITS:
        raise ValueError(f"een getal van {digits} cijfers ligt niet tussen 0 en 4")
    return int(text)


def parse_csv_sets(
    name: str, text: str, instrument: Instrument
) -> list[tuple[str, dict[str, object]]]:
    """Answer sets from CSV: a header of item ids, one row per answer set, empty cell = unanswered.

    Returns ``(label, answers)`` pairs, the label naming the line for messages. The delimiter is
    whichever of ``,`` ``;`` or tab the header uses (Dutch spreadsheets save with ``;``). Refused,
    with every problem listed: unnamed, unknown or duplicate columns, rows with more or fewer cells
    than the header, bad quoting, fields over csv.field_size_limit(), and bad values.
    """
    shown = inert(name)
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(_CSV_DELIMITERS, key=header_line.count)
    if header_line.count(delimiter) == 0:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if row:  # a truly blank line is not an answer set
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise InputError(
            f"{shown} is geen geldige CSV (regel {reader.line_num}): {_csv_message(exc)}"
        ) from None
    if not rows:
        raise InputError(f"{shown} is leeg: verwacht een kopregel met vraag-ids")
    header = [cell.strip() for cell in rows[0][1]]
    problems = []
    known = set(instrument.item_ids)
    empty = [str(i) for i, column in enumerate(header, start=1) if not column]
    if empty:
        problems.append(f"kolom {_enumerate(empty)} van de kopregel heeft geen naam")
    unknown = [quote(column) for column in header if column and column not in known]
    if unknown:
        problems.append(
            f"onbekende vraag-id in de kopregel: {_enumerate(unknown)} "
            f"({instrument.id} heeft {instrument.item_ids[0]} t/m {instrument.item_ids[-1]})"
        )
    doubles = sorted({column for column in header if column and header.count(column) > 1})
    if doubles:
        problems.append(f"dubbele kolom in de kopregel: {_enumerate([quote(d) for d in doubles])}")
    if problems:
        raise InputError(f"{shown}: " + "; ".join(problems))
    if len(rows) == 1:
        raise InputError(f"{shown} heeft alleen een kopregel en geen antwoorden")
    sets = []
    for line, row in rows[1:]:
        if len(row) != len(header):
            found = "1 waarde" if len(row) == 1 else f"{len(row)} waarden"
            problems.append(f"regel {line}: {found}, verwacht {len(header)}")
            continue
        answers: dict[str, object] = {}
        for column, cell in zip(header, row, strict=True):
            try:
                answers[column] = _cell(cell)
            except ValueError as exc:
                problems.append(f"regel {line}: vraag {column}: {exc}")
        sets.append((f"regel {line}", answers))
        # Check the values here too, so every problem of the file is reported in one go.
        try:
            validate(instrument, answers)
        except AnswerError as exc:
            problems.extend(f"regel {line}: {p.message}" for p in exc.problems)
    if problems:
        raise InputError(f"{shown}: " + problem_list(problems))
    return sets


def problem_list(problems: Sequence[str]) -> str:
    """``N problemen:`` and one line per problem, at most MAX_PROBLEMS_SHOWN of them."""
    count = len(problems)
    lines = [f"- {p}" for p in problems[:MAX_PROBLEMS_SHOWN]]
    if count > MAX_PROBLEMS_SHOWN:
        lines.append(f"- … en nog {count - MAX_PROBLEMS_SHOWN} problemen")
    return f"{count} {'probleem' if count == 1 else 'problemen'}:\n" + "\n".join(lines)
