"""The ``krachtbron`` command line: show instruments, score answer files, FHIR export and import.

    krachtbron instruments [--json] [--language nl]
    krachtbron instrument show ID [--json] [--language nl] [--version V]
    krachtbron score ID FILE [--aggregate] [--min-group-size 5] [--language nl] [--version V]
    krachtbron fhir questionnaire ID [--language nl] [--version V]
    krachtbron fhir import FILE [--instrument ID] [--version V]

Results go to stdout (JSON for ``score`` and ``fhir``). Bad input of any kind — a missing or
unreadable file, a file that is not UTF-8 text, bad JSON or CSV (also: numbers that do not fit,
deep nesting, duplicate keys, huge fields, ragged rows), an unknown instrument or item, a value
outside 0–4, an argument or option that is wrong — gives a Dutch message on stderr, exit code 2
and nothing on stdout; never a traceback. Everything the user typed that a message repeats is
shown inertly (``inputs.quote``/``inert``: control characters escaped). An error in krachtbron
itself (a bug) gives a short Dutch message and exit code 70, not a traceback, unless
``KRACHTBRON_DEBUG`` is set. Plain Python: no Django import (import contract).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn

from krachtbron import cli_files
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
    default_registry,
    from_fhir_response,
    get_instrument,
    list_instruments,
    score,
    to_fhir_questionnaire,
    validate,
)
from krachtbron.instruments.inputs import (
    MAX_INTEGER_DIGITS,
    inert,
    quote,
)

EXIT_OK = 0
EXIT_BAD_INPUT = 2
#: An error in krachtbron itself (sysexits.h EX_SOFTWARE); never caused by input alone.
EXIT_INTERNAL = 70

_INTEGER_RE = re.compile(r"^[+-]?[0-9]+$")


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _instrument(
    args: argparse.Namespace, version: str | None = None, language: str | None = None
) -> Instrument:
    """The instrument the arguments name; ``version`` and ``language`` (from an answer file)
    apply unless --version or --language says otherwise."""
    return get_instrument(
        args.id,
        args.language or language or DEFAULT_LANGUAGE,
        getattr(args, "version", None) or version,
    )


def _named_language(
    args: argparse.Namespace, version: str | None, documents: Sequence[Mapping[str, Any]]
) -> str | None:
    """The language the answer file names (the same in every set), checked like the FHIR
    importer checks it: a known language is used, any other is refused."""
    given = {d["language"] for d in documents if isinstance(d.get("language"), str)}
    if not given:
        return None
    if len(given) > 1:
        shown = ", ".join(sorted(quote(g) for g in given))
        raise cli_files.InputError(
            f"language: de antwoordsets noemen verschillende talen ({shown})"
        )
    tag = given.pop()
    version = getattr(args, "version", None) or version
    named = default_registry().named_language(args.id, version, tag)
    if named is None:
        languages = ", ".join(available_languages(args.id, version))
        raise cli_files.InputError(
            f"language {quote(tag)}: deze vragenlijst bestaat in {languages}"
        )
    return named


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
    language = args.language or DEFAULT_LANGUAGE
    instruments = list_instruments(language)
    if not instruments:
        raise cli_files.InputError(f"er zijn geen vragenlijsten in de taal {quote(language)}")
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
    text = cli_files.read_text(args.file)
    if cli_files.is_json(args.file, text):
        documents, single = cli_files.parse_json_sets(args.file, text)
        # A JSON file may name the version it answers; use it unless --version says otherwise.
        named = {d["version"] for d in documents if isinstance(d.get("version"), str)}
        version = named.pop() if len(named) == 1 else None
        instrument = _instrument(args, version, _named_language(args, version, documents))
        labelled = [(f"antwoordset {i}", d) for i, d in enumerate(documents, start=1)]
        if single:
            labelled = [("", documents[0])]
    else:
        instrument = _instrument(args)
        labelled = list(cli_files.parse_csv_sets(args.file, text, instrument))
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
    """``krachtbron fhir import FILE``: read a QuestionnaireResponse and print its score.

    With ``--instrument`` (and ``--version``) the response must answer exactly that instrument
    version; without, the response's own ``questionnaire`` says which.
    """
    if args.version is not None and args.instrument is None:
        raise cli_files.InputError("--version hoort bij --instrument: noem ook de vragenlijst")
    expect = None
    if args.instrument is not None:
        expect = get_instrument(args.instrument, DEFAULT_LANGUAGE, args.version)
    text = cli_files.read_text(args.file)
    instrument, answers = from_fhir_response(text, expect=expect)
    return _json(score(instrument, answers).to_dict())


# argparse's own messages are English (it has no Dutch catalogue); each pattern below turns one
# into Dutch. Anything not matched gets the general message, so no English reaches the user.
_ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (.*)", r"ontbreekt: \1"),
    (r"unrecognized arguments: (.*)", r"onbekende argumenten: \1"),
    (r"ambiguous option: (\S+) could match (.*)", r"optie \1 is niet eenduidig (\2)"),
    (
        r"argument (.+?): invalid choice: (.*) \(choose from (.*)\)",
        r"\1: onbekend: \2 (kies uit \3)",
    ),
    (r"argument (.+?): invalid \w+ value: (.*)", r"\1: ongeldige waarde \2"),
    (r"argument (.+?): expected one argument", r"\1: hierna hoort een waarde"),
    (r"argument (.+?): ignored explicit argument (.*)", r"\1: neemt geen waarde (gekregen: \2)"),
    # The type functions below raise ArgumentTypeError in Dutch, always starting with "moet".
    (r"argument (.+?): (moet .*)", r"\1 \2"),
)


def _dutch_usage_error(message: str) -> str:
    for pattern, replacement in _ARGPARSE_MESSAGES:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            return inert(match.expand(replacement))
    return "de opdracht klopt niet; zie krachtbron --help"


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch headings, help and error messages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help="toon deze hulp"
        )

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "gebruik:")

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "gebruik:")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"krachtbron: fout: {_dutch_usage_error(message)}\n")


def _group_size(text: str) -> int:
    """``--min-group-size``: a whole number of at least MIN_GROUP_SIZE (privacy rule)."""
    if not _INTEGER_RE.match(text.strip()) or len(text.strip()) > MAX_INTEGER_DIGITS:
        raise argparse.ArgumentTypeError(
            f"moet een geheel getal van {MIN_GROUP_SIZE} of meer zijn, niet {quote(text)}"
        )
    value = int(text)
    if value < MIN_GROUP_SIZE:
        # A smaller group would switch off a privacy rule (SECURITY.md, requirement 10).
        raise argparse.ArgumentTypeError(
            f"moet minstens {MIN_GROUP_SIZE} zijn, niet {value}: kleinere groepen blijven verborgen"
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``krachtbron`` command."""
    parser = _Parser(
        prog="krachtbron",
        description="Krachtbron: de vragenlijsten uit de handreiking, scoren en FHIR.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT")

    def language(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--language",
            metavar="TAAL",
            default=None,
            help="taal van de vragenlijst (nl, en; standaard die van het antwoordbestand, "
            "anders nl)",
        )

    def version(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--version", metavar="VERSIE", default=None, help="versie (standaard: de nieuwste)"
        )

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
    scoring.add_argument("id", metavar="ID", help="bijvoorbeeld kracht-gezinnen")
    scoring.add_argument(
        "file", metavar="BESTAND", help='JSON {"answers": {...}} of CSV met vraag-ids; - is stdin'
    )
    scoring.add_argument(
        "--aggregate", action="store_true", help="groepscijfers in plaats van per rij"
    )
    scoring.add_argument(
        "--min-group-size",
        metavar="AANTAL",
        type=_group_size,
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
    importing.add_argument(
        "--instrument",
        metavar="ID",
        default=None,
        help="weiger een antwoordset van een andere vragenlijst",
    )
    importing.add_argument(
        "--version",
        metavar="VERSIE",
        default=None,
        help="met --instrument: weiger ook een andere versie (standaard: de nieuwste)",
    )
    importing.set_defaults(handler=cmd_fhir_import)
    return parser


def _message(exc: Exception) -> str:
    """The Dutch message of an input error, with a long list of problems cut short."""
    if isinstance(exc, AnswerError):
        return "ongeldige antwoorden: " + cli_files.problem_list([p.message for p in exc.problems])
    if isinstance(exc, FhirError) and len(exc.problems) > 1:
        # FhirError's own text lists every problem; a very long list is cut here.
        return "ongeldige FHIR-gegevens: " + cli_files.problem_list(exc.problems)
    return str(exc)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        # argparse exits itself: 0 after --help, 2 after a usage error (already on stderr).
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    handler: Callable[[argparse.Namespace], str] = args.handler
    try:
        output = handler(args)
    except (cli_files.InputError, AnswerError, FhirError, UnknownInstrumentError) as exc:
        # Build the whole output first, so bad input never leaves half a result on stdout.
        print(f"krachtbron: fout: {_inert_lines(_message(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (``| head``) stopped early: not an error of the input or of krachtbron.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


def _inert_lines(text: str) -> str:
    """``inert`` for each line of a multi-line message (its line breaks stay line breaks)."""
    return "\n".join(inert(line) for line in text.split("\n"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 2 bad input, 70 a bug in krachtbron)."""
    try:
        return _run(argv)
    except KeyboardInterrupt:
        print("krachtbron: afgebroken", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("KRACHTBRON_DEBUG"):
            raise
        # A bug, not bad input: say so in Dutch, without a traceback full of internals.
        print(
            f"krachtbron: interne fout ({type(exc).__name__}). Dit is een fout in krachtbron, "
            "niet in je invoer; meld het, met de opdracht die je gaf. "
            "Met KRACHTBRON_DEBUG=1 zie je de details.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
