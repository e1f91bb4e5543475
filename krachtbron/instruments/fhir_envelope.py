"""FHIR R4 import, first part: the resource as JSON, and its envelope.

Reads what a ``QuestionnaireResponse`` says about itself — ``status``, ``questionnaire`` (which
instrument and version), ``language`` — and refuses anything at the top level it does not know.
``ResponseReader`` collects every problem with its path; ``fhir_import`` builds on it to read
the items and answers. docs/instruments.md ("FHIR importeren") says what is accepted and why.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from typing import Any

from .fhir import QUESTIONNAIRE_BASE, FhirError
from .inputs import JsonInputError, check_tree, inert, parse_json, quote
from .model import Instrument, UnknownInstrumentError
from .registry import Registry

#: QuestionnaireResponse statuses of a finished answer set: the only ones imported. An
#: ``in-progress`` response is refused: its open items are not yet answers left open on purpose.
ACCEPTED_STATUSES = ("completed", "amended")
_ALL_STATUSES = ("in-progress", *ACCEPTED_STATUSES, "entered-in-error", "stopped")

#: Elements about the document (who, when, which record): checked by the R4B model, not used.
DESCRIPTIVE_ELEMENTS = (
    "id",
    "meta",
    "text",
    "identifier",
    "basedOn",
    "partOf",
    "subject",
    "encounter",
    "authored",
    "author",
    "source",
    "extension",
)
_READ_ELEMENTS = ("resourceType", "questionnaire", "status", "language", "item")


def unread(element: str) -> str:
    """Why an element of a response is refused (a Dutch sentence)."""
    if element == "modifierExtension":
        return (
            "een modifierExtension verandert de betekenis van de gegevens; Krachtbron kent haar "
            "niet en mag haar dus niet overslaan"
        )
    if element == "implicitRules":
        return "eigen regels voor de inhoud kent Krachtbron niet en mag ze dus niet overslaan"
    if element == "extension":
        return "een uitbreiding (extension) op deze plaats leest Krachtbron niet"
    if element.startswith("_"):
        return "uitbreidingen van een waarde (_element) leest Krachtbron niet"
    if element.startswith("value"):
        return f"antwoord van het type {inert(element)}; verwacht valueCoding of valueInteger"
    return "dit element leest Krachtbron niet"


def parse_resource(data: Mapping[str, Any] | str | bytes) -> dict[str, Any]:
    """The resource as a dict: JSON text read strictly (UTF-8 only), a dict checked the same way."""
    if isinstance(data, bytes):
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise FhirError("de tekst is opgeslagen als UTF-16 of UTF-32; verwacht UTF-8")
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FhirError("het bestand is geen UTF-8-tekst") from exc
    try:
        if isinstance(data, str):
            data = parse_json(data)
        else:
            check_tree(data)
    except JsonInputError as exc:
        raise FhirError(str(exc)) from None
    if not isinstance(data, Mapping):
        raise FhirError("verwacht een JSON-object (een QuestionnaireResponse)")
    return dict(data)


class ResponseReader:
    """One QuestionnaireResponse being read: the problems found so far and the answers.

    This part reads the envelope; ``fhir_import`` adds the items and answers."""

    def __init__(self, registry: Registry, expect: Instrument | None) -> None:
        self.registry = registry
        self.expect = expect
        self.problems: list[str] = []
        #: The paths with a problem (the R4B model's errors on or around them are not repeated).
        self.paths: list[str] = []
        self.raw: dict[str, object] = {}
        self.where: dict[str, str] = {}  # linkId -> path where it first occurred

    def problem(self, path: str, message: str) -> None:
        self.paths.append(path)
        self.problems.append(f"{path}: {message}")

    def reported(self, path: str) -> bool:
        """Is there a problem at ``path``, inside it, or at an element that contains it?"""

        def within(inner: str, outer: str) -> bool:
            return inner == outer or inner.startswith((f"{outer}.", f"{outer}["))

        return any(within(path, p) or within(p, path) for p in self.paths)

    # The envelope: resourceType, status, questionnaire, language, and nothing unknown.

    def nulls(self, resource: Mapping[str, Any]) -> None:
        """FHIR JSON has no null: an element is there with a value, or left out."""
        stack: list[tuple[str, Mapping[str, Any] | list[Any]]] = [("", resource)]
        found = []
        while stack:
            path, node = stack.pop()
            children = node.items() if isinstance(node, Mapping) else enumerate(node)
            for key, value in children:
                where = f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}".lstrip(".")
                if value is None:
                    found.append(inert(where))
                elif isinstance(value, Mapping | list):
                    stack.append((where, value))
        for where in sorted(found):
            self.problem(where, "null bestaat niet in FHIR; laat het element weg")

    def envelope(self, resource: Mapping[str, Any]) -> Instrument | None:
        self.nulls(resource)
        for key in resource:
            if key not in _READ_ELEMENTS and key not in DESCRIPTIVE_ELEMENTS:
                self.problem(inert(str(key)), unread(str(key)))
        self.status(resource.get("status"))
        instrument = self.questionnaire(resource.get("questionnaire"))
        if instrument is None:
            return None
        languages = self.registry.languages(instrument.id, instrument.version)
        language = instrument.language
        given = resource.get("language")
        if given is not None:
            named = self.registry.named_language(instrument.id, instrument.version, given)
            if named is not None:
                language = named
            else:
                self.problem(
                    "language",
                    f"{quote(given)}: deze vragenlijst bestaat in {', '.join(languages)}",
                )
        return self.registry.get(instrument.id, language, instrument.version)

    def status(self, status: object) -> None:
        if status is None:
            if self.reported("status"):  # null: reported already
                return
            self.problem("status", f"ontbreekt (toegestaan: {', '.join(ACCEPTED_STATUSES)})")
        elif status == "in-progress":
            self.problem(
                "status",
                '"in-progress": de vragenlijst is nog niet afgerond; Krachtbron leest alleen '
                f"afgeronde antwoordsets ({', '.join(ACCEPTED_STATUSES)})",
            )
        elif status not in ACCEPTED_STATUSES:
            known = "niet bruikbare" if status in _ALL_STATUSES else "onbekende"
            self.problem(
                "status",
                f"{known} status {quote(status)} (toegestaan: {', '.join(ACCEPTED_STATUSES)})",
            )

    def questionnaire(self, canonical: object) -> Instrument | None:
        expected = f"{QUESTIONNAIRE_BASE}<id>|<versie>"
        if canonical is None:
            if self.reported("questionnaire"):  # null: reported already
                return None
            self.problem(
                "questionnaire",
                f"ontbreekt: een antwoordset moet naar haar vragenlijst verwijzen ({expected})",
            )
            return None
        if not isinstance(canonical, str) or not canonical.startswith(QUESTIONNAIRE_BASE):
            self.problem(
                "questionnaire",
                f"{quote(canonical, 80)} is geen vragenlijst van Krachtbron (verwacht {expected})",
            )
            return None
        instrument_id, bar, version = canonical.removeprefix(QUESTIONNAIRE_BASE).partition("|")
        try:
            if not bar:
                versions = ", ".join(self.registry.versions(instrument_id))
                self.problem(
                    "questionnaire",
                    f"de versie ontbreekt: schrijf {inert(canonical[:100])}|<versie> "
                    f"(versies: {versions}); zonder versie is niet zeker welke vragen beantwoord "
                    "zijn",
                )
                return None
            original = self.registry.languages(instrument_id, version)[0]
            instrument = self.registry.get(instrument_id, original, version)
        except UnknownInstrumentError as exc:
            self.problem("questionnaire", str(exc))
            return None
        if self.expect is not None and instrument.key[:2] != self.expect.key[:2]:
            self.problem(
                "questionnaire",
                f"deze antwoordset hoort bij {instrument.id} versie {instrument.version}, "
                f"niet bij {self.expect.id} versie {self.expect.version}",
            )
            return None
        return instrument
