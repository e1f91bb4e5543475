"""The ``krachtbron`` command line: show instruments, score answer files, FHIR export and import.

    krachtbron instruments [--json] [--language nl]
    krachtbron instrument show ID [--json] [--language nl] [--version V]
    krachtbron score ID FILE [--aggregate] [--min-group-size 5] [--language nl] [--version V]
    krachtbron fhir questionnaire ID [--language nl] [--version V]
    krachtbron fhir import FILE

Results go to stdout (JSON for ``score`` and ``fhir``). Bad input — a missing or unreadable file,
bad JSON or CSV, an unknown instrument or item, a value outside 0–4 — gives a Dutch message on
stderr, exit code 2 and nothing on stdout. Plain Python: no Django import (import contract).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from krachtbron.instruments import (
    DEFAULT_LANGUAGE,
    MIN_GROUP_SIZE,
    AnswerError,
    AnswerProblem,
    FhirError,
    Instrument,
    UnknownInstrumentError,
    aggregate,
    available_languages,
    from_fhir_response,
    get_instrument,
    list_instruments,
    score,
    to_fhir_questionnaire,
    validate,
)

EXIT_OK = 0
EXIT_BAD_INPUT = 2
#: Larger input files are refused rather than read into memory.
MAX_INPUT_BYTES = 10 * 1024 * 1024

_INTEGER_RE = re.compile(r"^[+-]?[0-9]+$")
_CSV_DELIMITERS = (",", ";", "\t")


class InputError(Exception):
    """The user's input cannot be used; the message says why, in Dutch."""


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _instrument(args: argparse.Namespace, version: str | None = None) -> Instrument:
    return get_instrument(args.id, args.language, version or getattr(args, "version", None))


def _read_text(name: str) -> str:
    """Read an input file (``-`` is stdin) as UTF-8 text, with a Dutch message for each failure."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        path = Path(name)
        try:
            if path.is_dir():
                raise InputError(f"{name} is een map, geen bestand")
            with path.open("rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
        except FileNotFoundError:
            raise InputError(f"bestand niet gevonden: {name}") from None
        except PermissionError:
            raise InputError(f"geen toegang tot het bestand {name}") from None
        except OSError as exc:
            raise InputError(f"kan {name} niet lezen: {exc.strerror or exc}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name} is te groot (meer dan {MAX_INPUT_BYTES // (1024 * 1024)} MB)")
    try:
        # utf-8-sig: spreadsheet programs often put a byte-order mark before the header.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name} is geen UTF-8-tekst; sla het bestand op als UTF-8") from None


def _is_json(name: str, text: str) -> bool:
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return True
    if suffix in {".csv", ".tsv"}:
        return False
    return text.lstrip()[:1] in {"{", "["}


def _parse_json_sets(name: str, text: str) -> tuple[list[Mapping[str, Any]], bool]:
    """Answer documents from JSON: one object, or an array of objects. Also: was it one object?"""
    if not text.strip():
        raise InputError(f"{name} is leeg")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{name} is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}): {exc.msg}"
        ) from None
    if isinstance(data, dict):
        return [data], True
    if isinstance(data, list):
        if not data:
            raise InputError(f"{name} bevat een lege lijst: er zijn geen antwoorden")
        wrong = [str(i) for i, one in enumerate(data, start=1) if not isinstance(one, dict)]
        if wrong:
            raise InputError(f"{name}: element {', '.join(wrong)} is geen object")
        return data, False
    raise InputError(
        f'{name}: verwacht een object {{"answers": {{"<vraag-id>": 0-4 of null}}}} '
        "of een lijst van zulke objecten"
    )


def _cell(value: str) -> object:
    text = value.strip()
    if not text:
        return None
    # Anything that is not a whole number stays text, so validate() reports it with the item id.
    return int(text) if _INTEGER_RE.match(text) else text


def _parse_csv_sets(name: str, text: str, instrument: Instrument) -> list[tuple[str, dict]]:
    """Answer sets from CSV: a header of item ids, one row per answer set, empty cell = unanswered.

    Returns ``(label, answers)`` pairs, the label naming the line for messages. The delimiter is
    whichever of ``,`` ``;`` or tab the header uses (Dutch spreadsheets save with ``;``).
    """
    header_line = next((line for line in text.splitlines() if line.strip()), None)
    if header_line is None:
        raise InputError(f"{name} is leeg: verwacht een kopregel met vraag-ids")
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
        raise InputError(f"{name} is geen geldige CSV (regel {reader.line_num}): {exc}") from None
    header = [cell.strip() for cell in rows[0][1]]
    problems = []
    known = set(instrument.item_ids)
    empty = [str(i) for i, column in enumerate(header, start=1) if not column]
    if empty:
        problems.append(f"kolom {', '.join(empty)} van de kopregel heeft geen naam")
    unknown = [column for column in header if column and column not in known]
    if unknown:
        problems.append(
            f"onbekende vraag-id in de kopregel: {', '.join(unknown)} "
            f"({instrument.id} heeft {instrument.item_ids[0]} t/m {instrument.item_ids[-1]})"
        )
    doubles = sorted({column for column in header if column and header.count(column) > 1})
    if doubles:
        problems.append(f"dubbele kolom in de kopregel: {', '.join(doubles)}")
    if problems:
        raise InputError(f"{name}: " + "; ".join(problems))
    if len(rows) == 1:
        raise InputError(f"{name} heeft alleen een kopregel en geen antwoorden")
    sets = []
    for line, row in rows[1:]:
        if len(row) != len(header):
            found = "1 waarde" if len(row) == 1 else f"{len(row)} waarden"
            problems.append(f"regel {line}: {found}, verwacht {len(header)}")
            continue
        answers = dict(zip(header, map(_cell, row), strict=True))
        sets.append((f"regel {line}", answers))
        # Check the values here too, so every problem of the file is reported in one go.
        try:
            validate(instrument, answers)
        except AnswerError as exc:
            problems.extend(f"regel {line}: {p.message}" for p in exc.problems)
    if problems:
        raise InputError(
            f"{name}: {len(problems)} {'probleem' if len(problems) == 1 else 'problemen'}:\n"
            + "\n".join(f"- {p}" for p in problems)
        )
    return sets


def _check_all(instrument: Instrument, sets: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
    """Validate every answer set and report all problems at once, each with its row or position."""
    problems: list[AnswerProblem] = []
    for label, answers in sets:
        try:
            validate(instrument, answers)
        except AnswerError as exc:
            problems.extend(
                AnswerProblem(p.code, f"{label}: {p.message}", p.item_id) for p in exc.problems
            )
    if problems:
        raise AnswerError(problems)


def cmd_instruments(args: argparse.Namespace) -> str:
    """``krachtbron instruments``: one line per instrument (or JSON)."""
    instruments = list_instruments(args.language)
    if not instruments:
        raise InputError(f"er zijn geen vragenlijsten in de taal {args.language!r}")
    if args.json:
        return _json(
            [
                {
                    "id": i.id,
                    "version": i.version,
                    "language": i.language,
                    "title": i.title,
                    "respondent": i.respondent,
                    "items": len(i.items),
                    "languages": available_languages(i.id, i.version),
                }
                for i in instruments
            ]
        )
    width = max((len(i.id) for i in instruments), default=0)
    return "".join(
        f"{i.id:<{width}}  versie {i.version}  {i.title} "
        f"({len(i.items)} vragen; in te vullen door {i.respondent})\n"
        for i in instruments
    )


def cmd_show(args: argparse.Namespace) -> str:
    """``krachtbron instrument show ID``: sections and items in order (or JSON)."""
    instrument = _instrument(args)
    if args.json:
        return _json(instrument.to_dict())
    source = instrument.source
    lines = [
        instrument.title,
        f"id {instrument.id} · versie {instrument.version} · taal {instrument.language}",
        f"In te vullen door: {instrument.respondent}",
        f"Bron: {source.title}, {source.publisher}, {source.section}",
    ]
    if instrument.translation_note:
        lines.append(f"Vertaling: {instrument.translation_note}")
    lines += ["", instrument.introduction, ""]
    if instrument.instruction:
        lines.append(instrument.instruction)
    lines.append("Schaal: " + ", ".join(f"{o.value} = {o.label}" for o in instrument.scale))
    for section in instrument.sections:
        heading = section.title + (f" — {section.subtitle}" if section.subtitle else "")
        lines += ["", heading]
        lines += [f"  {item.id}  {item.text}" for item in section.items]
    return "\n".join(lines) + "\n"


def cmd_score(args: argparse.Namespace) -> str:
    """``krachtbron score ID FILE``: score a JSON or CSV answer file, or aggregate it."""
    if args.min_group_size < MIN_GROUP_SIZE:
        raise InputError(f"--min-group-size mag niet kleiner zijn dan {MIN_GROUP_SIZE}")
    text = _read_text(args.file)
    if _is_json(args.file, text):
        documents, single = _parse_json_sets(args.file, text)
        # A JSON file may name the version it answers; use it unless --version says otherwise.
        named = {d["version"] for d in documents if isinstance(d.get("version"), str)}
        instrument = _instrument(args, named.pop() if len(named) == 1 else None)
        labelled = [(f"antwoordset {i}", d) for i, d in enumerate(documents, start=1)]
        if single:
            labelled = [("", documents[0])]
    else:
        instrument = _instrument(args)
        labelled = list(_parse_csv_sets(args.file, text, instrument))
        single = False
    if single and not args.aggregate:
        return _json(score(instrument, labelled[0][1]).to_dict())
    _check_all(instrument, labelled)
    answer_sets = [answers for _, answers in labelled]
    if args.aggregate:
        return _json(aggregate(instrument, answer_sets, args.min_group_size).to_dict())
    return _json([score(instrument, answers).to_dict() for answers in answer_sets])


def cmd_fhir_questionnaire(args: argparse.Namespace) -> str:
    """``krachtbron fhir questionnaire ID``: the instrument as a FHIR R4 Questionnaire."""
    return _json(to_fhir_questionnaire(_instrument(args)))


def cmd_fhir_import(args: argparse.Namespace) -> str:
    """``krachtbron fhir import FILE``: read a QuestionnaireResponse and print its score."""
    text = _read_text(args.file)
    if not text.strip():
        raise InputError(f"{args.file} is leeg")
    instrument, answers = from_fhir_response(text)
    return _json(score(instrument, answers).to_dict())


class _Parser(argparse.ArgumentParser):
    # Dutch words for argparse's own headings; its error messages stay as argparse writes them.
    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "gebruik:")

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "gebruik:")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``krachtbron`` command."""
    parser = _Parser(
        prog="krachtbron",
        description="Krachtbron: de vragenlijsten uit de handreiking, scoren en FHIR.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT")

    def language(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--language", default=DEFAULT_LANGUAGE, help="taal van de vragenlijst (nl, en)"
        )

    def version(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--version", default=None, help="versie (standaard: de nieuwste)")

    listing = commands.add_parser("instruments", help="toon de vragenlijsten")
    listing.add_argument("--json", action="store_true", help="uitvoer als JSON")
    language(listing)
    listing.set_defaults(handler=cmd_instruments)

    instrument = commands.add_parser("instrument", help="één vragenlijst")
    instrument_commands = instrument.add_subparsers(dest="action", required=True, metavar="ACTIE")
    show = instrument_commands.add_parser("show", help="onderdelen en vragen op volgorde")
    show.add_argument("id", metavar="ID", help="bijvoorbeeld kracht-gezinnen")
    show.add_argument("--json", action="store_true", help="uitvoer als JSON")
    language(show)
    version(show)
    show.set_defaults(handler=cmd_show)

    scoring = commands.add_parser("score", help="scoor een antwoordbestand (JSON of CSV)")
    scoring.add_argument("id", help="bijvoorbeeld kracht-gezinnen")
    scoring.add_argument(
        "file", metavar="BESTAND", help='JSON {"answers": {...}} of CSV met vraag-ids; - is stdin'
    )
    scoring.add_argument(
        "--aggregate", action="store_true", help="groepscijfers in plaats van per rij"
    )
    scoring.add_argument(
        "--min-group-size",
        type=int,
        default=MIN_GROUP_SIZE,
        help=f"minimale groepsgrootte (standaard en minimum {MIN_GROUP_SIZE})",
    )
    language(scoring)
    version(scoring)
    scoring.set_defaults(handler=cmd_score)

    fhir = commands.add_parser("fhir", help="FHIR R4 export en import")
    fhir_commands = fhir.add_subparsers(dest="action", required=True, metavar="ACTIE")
    questionnaire = fhir_commands.add_parser(
        "questionnaire", help="de vragenlijst als Questionnaire"
    )
    questionnaire.add_argument("id", metavar="ID", help="bijvoorbeeld kracht-gezinnen")
    language(questionnaire)
    version(questionnaire)
    questionnaire.set_defaults(handler=cmd_fhir_questionnaire)
    importing = fhir_commands.add_parser("import", help="scoor een QuestionnaireResponse")
    importing.add_argument("file", metavar="BESTAND", help="JSON-bestand; - is stdin")
    importing.set_defaults(handler=cmd_fhir_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 2 bad input)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        # argparse exits itself: 0 after --help, 2 after a usage error (already on stderr).
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    handler: Callable[[argparse.Namespace], str] = args.handler
    try:
        output = handler(args)
    except (InputError, AnswerError, FhirError, UnknownInstrumentError) as exc:
        # Build the whole output first, so bad input never leaves half a result on stdout.
        print(f"krachtbron: fout: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    sys.stdout.write(output)
    return EXIT_OK
