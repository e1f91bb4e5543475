"""FHIR R4 import: a ``QuestionnaireResponse`` back into an answer set, understood or refused.

The importer understands a response completely or refuses it: every element is either read and
checked, or listed in ``fhir_envelope.DESCRIPTIVE_ELEMENTS`` (about the document, not the
answers: allowed, checked by the R4B model, not used), or a problem. All problems are collected,
each with its path (``item[0].item[1].answer[0].valueCoding.code``) and a Dutch sentence, and
raised together as one ``FhirError``. The envelope (status, questionnaire, language) is read in
``fhir_envelope``; the items and answers here. docs/instruments.md ("FHIR importeren") says
what is accepted and why.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from .fhir import (
    ORDINAL_VALUE_EXTENSION,
    SCALE_SYSTEM,
    FhirError,
    model_problems,
)
from .fhir_envelope import ResponseReader, parse_resource, unread
from .inputs import inert, quote
from .loader import default_registry
from .model import SCALE_VALUES, Instrument
from .registry import Registry
from .validation import AnswerError, Answers, validate

_GROUP_ELEMENTS = ("id", "linkId", "text", "item")
_QUESTION_ELEMENTS = ("id", "linkId", "text", "answer")
_ANSWER_ELEMENTS = ("id", "valueCoding", "valueInteger")
_CODING_ELEMENTS = ("id", "system", "code", "display", "userSelected", "extension")
_SCALE_CODES = {str(value): value for value in SCALE_VALUES}


def _normal(text: str) -> str:
    """Text as compared with the instrument's wording: NFC, case and runs of spaces ignored."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


class _Import(ResponseReader):
    """One QuestionnaireResponse being read: the envelope (``ResponseReader``), then the items."""

    # The items: groups (sections) with questions, or questions at the top level.

    def items(self, instrument: Instrument, items: object) -> None:
        self.instrument = instrument
        # Texts may be in any language of this version: answers do not depend on the language.
        versions = [
            self.registry.get(instrument.id, language, instrument.version)
            for language in self.registry.languages(instrument.id, instrument.version)
        ]
        self.item_texts = {
            item.id: {_normal(v.item(item.id).text) for v in versions} for item in instrument.items
        }
        self.section_titles = {
            s.id: {_normal(v.section(s.id).title) for v in versions} for s in instrument.sections
        }
        self.labels = {
            value: {_normal(v.scale_label(value)) for v in versions} for value in SCALE_VALUES
        }
        self.sections_seen: dict[str, str] = {}
        for _, entry, path in self.entries(items, "item"):
            link_id = self.link_id(entry, path)
            if link_id is None:
                continue
            if link_id in self.section_titles:
                self.group(entry, path, link_id)
            elif link_id in self.item_texts:
                self.question(entry, path, link_id)
            else:
                self.problem(path, self.unknown_link_id(link_id))

    def entries(self, items: object, path: str) -> list[tuple[int, Mapping[str, Any], str]]:
        """The objects of a list element (``item`` or ``answer``); problems for anything else."""
        if items is None:
            return []
        if not isinstance(items, list):
            self.problem(path, f"moet een lijst zijn, niet {quote(items)}")
            return []
        if not items:
            self.problem(path, "een lege lijst; laat het element weg")
        found = []
        for index, entry in enumerate(items):
            where = f"{path}[{index}]"
            if isinstance(entry, Mapping):
                found.append((index, entry, where))
            else:
                self.problem(where, f"moet een object zijn, niet {quote(entry)}")
        return found

    def link_id(self, entry: Mapping[str, Any], path: str) -> str | None:
        link_id = entry.get("linkId")
        if link_id is None:
            self.problem(path, "linkId ontbreekt")
            return None
        if not isinstance(link_id, str):
            self.problem(path, f"linkId moet een tekst zijn, niet {quote(link_id)}")
            return None
        return link_id

    def unknown_link_id(self, link_id: str) -> str:
        ids = self.instrument.item_ids
        return (
            f"linkId {quote(link_id)} hoort niet bij {self.instrument.id} (vragen {ids[0]} t/m "
            f"{ids[-1]}, onderdelen {', '.join(self.section_titles)})"
        )

    def elements(self, entry: Mapping[str, Any], path: str, allowed: tuple[str, ...]) -> None:
        for key in entry:
            if key not in allowed:
                self.problem(f"{path}.{inert(str(key))}", unread(str(key)))

    def text(self, entry: Mapping[str, Any], path: str, expected: set[str], what: str) -> None:
        text = entry.get("text")
        if text is None:
            return
        if not isinstance(text, str):
            self.problem(f"{path}.text", f"moet een tekst zijn, niet {quote(text)}")
        elif _normal(text) not in expected:
            self.problem(
                f"{path}.text",
                f"{quote(text, 60)} is niet de tekst van {what}; een tekst die niet bij de linkId "
                "past, wijst op een fout bij het overzetten",
            )

    def group(self, entry: Mapping[str, Any], path: str, section_id: str) -> None:
        if section_id in self.sections_seen:
            self.problem(
                path, f"onderdeel {section_id} komt al voor bij {self.sections_seen[section_id]}"
            )
        self.sections_seen.setdefault(section_id, path)
        if "answer" in entry:
            self.problem(f"{path}.answer", f"onderdeel {section_id} is een groep zonder antwoord")
        self.elements(entry, path, (*_GROUP_ELEMENTS, "answer"))
        self.text(entry, path, self.section_titles[section_id], f"onderdeel {section_id}")
        for _, child, child_path in self.entries(entry.get("item"), f"{path}.item"):
            link_id = self.link_id(child, child_path)
            if link_id is None:
                continue
            if link_id in self.section_titles:
                self.problem(
                    child_path,
                    f"onderdeel {link_id} staat binnen onderdeel {section_id}; onderdelen staan "
                    "alleen op het hoogste niveau",
                )
            elif link_id not in self.item_texts:
                self.problem(child_path, self.unknown_link_id(link_id))
            else:
                home = self.instrument.item(link_id).section_id
                if home != section_id:
                    self.problem(
                        child_path,
                        f"vraag {link_id} hoort bij onderdeel {home}, niet bij {section_id}",
                    )
                self.question(child, child_path, link_id)

    def question(self, entry: Mapping[str, Any], path: str, link_id: str) -> None:
        if link_id in self.where:
            self.problem(path, f"vraag {link_id} komt al voor bij {self.where[link_id]}")
            return
        self.where[link_id] = path
        if "item" in entry:
            self.problem(
                f"{path}.item", f"onder vraag {link_id} staan geen vragen; Krachtbron leest ze niet"
            )
        self.elements(entry, path, (*_QUESTION_ELEMENTS, "item"))
        self.text(entry, path, self.item_texts[link_id], f"vraag {link_id}")
        answers = self.entries(entry.get("answer"), f"{path}.answer")
        if len(answers) > 1:
            self.problem(
                f"{path}.answer",
                f"meer dan één antwoord ({len(answers)}); vraag {link_id} heeft er hoogstens één",
            )
        values = [self.answer(answer, where) for _, answer, where in answers]
        self.raw[link_id] = values[0] if len(values) == 1 else None

    def answer(self, answer: Mapping[str, Any], path: str) -> int | None:
        if "item" in answer:
            self.problem(
                f"{path}.item",
                "vragen onder een antwoord leest Krachtbron niet; zet elke vraag in haar onderdeel",
            )
        self.elements(answer, path, (*_ANSWER_ELEMENTS, "item"))
        kinds = [key for key in ("valueCoding", "valueInteger") if key in answer]
        if len(kinds) > 1:
            self.problem(path, "twee waarden in één antwoord (valueCoding en valueInteger)")
            return None
        if not kinds:
            if not any(str(key).startswith("value") for key in answer):
                self.problem(path, "antwoord zonder waarde (verwacht valueCoding)")
            return None
        if kinds[0] == "valueInteger":
            value = answer["valueInteger"]
            if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE_VALUES:
                self.problem(
                    f"{path}.valueInteger",
                    f"{quote(value)} is geen geheel getal van {SCALE_VALUES[0]} t/m "
                    f"{SCALE_VALUES[-1]}",
                )
                return None
            return value
        return self.coding(answer["valueCoding"], f"{path}.valueCoding")

    def coding(self, coding: object, path: str) -> int | None:
        if not isinstance(coding, Mapping):
            self.problem(path, f"moet een object zijn, niet {quote(coding)}")
            return None
        before = len(self.problems)
        self.elements(coding, path, _CODING_ELEMENTS)
        system = coding.get("system")
        if system is None:
            self.problem(f"{path}.system", f"ontbreekt (verwacht {SCALE_SYSTEM})")
        elif system != SCALE_SYSTEM:
            self.problem(
                f"{path}.system",
                f"onbekend codesysteem {quote(system, 80)} (verwacht {SCALE_SYSTEM})",
            )
        code = coding.get("code")
        value = _SCALE_CODES.get(code) if isinstance(code, str) else None
        if code is None:
            self.problem(
                f"{path}.code",
                "ontbreekt; zonder code is niet zeker welk antwoord gegeven is (een display "
                "alleen telt niet)",
            )
        elif value is None:
            self.problem(
                f"{path}.code",
                f"{quote(code)} is geen antwoord op de schaal (codes "
                f'"{SCALE_VALUES[0]}" t/m "{SCALE_VALUES[-1]}")',
            )
        display = coding.get("display")
        if isinstance(display, str):
            if value is not None and _normal(display) not in self.labels[value]:
                self.problem(
                    f"{path}.display",
                    f"{quote(display)} past niet bij code {quote(code)} "
                    f"({quote(self.instrument.scale_label(value))})",
                )
        elif display is not None:
            self.problem(f"{path}.display", f"moet een tekst zijn, niet {quote(display)}")
        selected = coding.get("userSelected")
        if selected is not None and not isinstance(selected, bool):
            self.problem(f"{path}.userSelected", f"moet true of false zijn, niet {quote(selected)}")
        for _, extension, where in self.entries(coding.get("extension"), f"{path}.extension"):
            understood = set(extension) == {"url", "valueDecimal"}
            if not understood or extension["url"] != ORDINAL_VALUE_EXTENSION:
                self.problem(
                    where,
                    f"alleen de uitbreiding {ORDINAL_VALUE_EXTENSION} (met valueDecimal) leest "
                    "Krachtbron hier",
                )
            elif value is not None and extension["valueDecimal"] != value:
                self.problem(
                    f"{where}.valueDecimal",
                    f"{quote(extension['valueDecimal'])} past niet bij code {quote(code)}",
                )
        return value if len(self.problems) == before else None


def from_fhir_response(
    data: Mapping[str, Any] | str | bytes,
    *,
    registry: Registry | None = None,
    expect: Instrument | None = None,
) -> tuple[Instrument, Answers]:
    """Read a FHIR R4 ``QuestionnaireResponse`` back into ``(instrument, answers)``.

    ``data`` is the resource as a dict or as JSON text (UTF-8 bytes or str; read strictly, see
    ``inputs.parse_json``). Everything in it is either understood or refused — nothing is
    skipped silently:

    * ``questionnaire`` is ``<url>|<version>`` of a Krachtbron instrument (the version is
      required); with ``expect``, it must be that instrument's id and version.
    * ``status`` is ``completed`` or ``amended``; ``language``, when given, is one the instrument
      version exists in (its primary subtag, so ``en-GB`` is English).
    * ``item`` holds sections (``group``, linkId = section id, each once) with their questions,
      or questions at the top level; each question (linkId = item id) at most once, in its own
      section, with no ``item`` under it and at most one ``answer``. No answer = unanswered.
    * an answer is ``valueCoding`` (system ``SCALE_SYSTEM``, code "0"–"4", a ``display`` that is
      the label of that code in a language of the instrument, optionally ``userSelected`` and the
      ``ordinalValue`` extension with the same value) or ``valueInteger`` 0–4; nothing under it.
    * ``text`` of a question or section is its wording in a language of the instrument (case and
      spacing aside).
    * the elements in ``DESCRIPTIVE_ELEMENTS`` are allowed (checked by the R4B model) and not
      used; anything else — ``modifierExtension`` anywhere, ``implicitRules``, ``contained``,
      extensions on items and answers, ``definition`` — is refused.

    Raises ``FhirError`` whose ``problems`` list every problem in Dutch, each starting with its
    path (``item[0].item[1].answer[0].valueCoding.code: …``). The round trip
    ``from_fhir_response(to_fhir_response(i, a))`` gives back ``(i, validate(i, a))`` exactly.
    """
    registry = registry or default_registry()
    resource = parse_resource(data)
    kind = resource.get("resourceType")
    if kind is None:
        raise FhirError("resourceType ontbreekt; verwacht 'QuestionnaireResponse'")
    if kind != "QuestionnaireResponse":
        raise FhirError(f"resourceType is {quote(kind)}; verwacht 'QuestionnaireResponse'")
    reading = _Import(registry, expect)
    instrument = reading.envelope(resource)
    if instrument is not None:
        reading.items(instrument, resource.get("item"))
    # The R4B model checks the rest (dates, references, …); where the importer has already
    # reported a problem, the model's view of the same element (or its parts) would repeat it.
    reading.problems.extend(
        message
        for path, message in model_problems("QuestionnaireResponse", resource)
        if not reading.reported(path)
    )
    if reading.problems or instrument is None:
        raise FhirError(reading.problems)
    try:
        answers = validate(instrument, reading.raw)
    except AnswerError as exc:  # pragma: no cover - the reader checks every value itself
        raise FhirError([p.message for p in exc.problems]) from exc
    return instrument, answers
