"""FHIR R4 export and import: an instrument as a ``Questionnaire``, an answer set as a
``QuestionnaireResponse``.

``fhir.resources`` (version 8) models FHIR R5 by default; its ``R4B`` subpackage (FHIR 4.3, which
keeps R4's Questionnaire and QuestionnaireResponse) is used here to check every resource that goes
out or comes in. It is imported lazily, so importing the engine stays cheap.

Choices:

* The canonical URL of an instrument is ``https://krachtbron.nl/fhir/Questionnaire/<id>`` with the
  instrument version in ``version``; a response points to it as ``<url>|<version>``. The URL is an
  identifier only: nothing is fetched.
* One ``Questionnaire`` per language (``language``); the item ``linkId`` is the item id, so answers
  do not depend on the language. Sections are ``group`` items whose ``linkId`` is the section id.
* Answers are ``valueCoding`` from the scale's code system (code "0"–"4", with the label as
  display and the ``ordinalValue`` extension on the Questionnaire's options). Unanswered items are
  left out of the response, as FHIR recommends, and come back as None on import.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from .engine import AnswerError, Answers, validate
from .loader import Registry, default_registry
from .model import Instrument, UnknownInstrumentError

FHIR_BASE = "https://krachtbron.nl/fhir"
QUESTIONNAIRE_BASE = f"{FHIR_BASE}/Questionnaire/"
#: The code system of the 0–4 scale (codes "0"–"4").
SCALE_SYSTEM = f"{FHIR_BASE}/CodeSystem/tevredenheid-0-4"
#: The code system of the three dimensions (``Questionnaire.item.code`` on a section).
DIMENSION_SYSTEM = f"{FHIR_BASE}/CodeSystem/dimensie"
ORDINAL_VALUE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
PUBLISHER = "Krachtbron"

#: QuestionnaireResponse statuses that carry a usable answer set.
ACCEPTED_STATUSES = ("in-progress", "completed", "amended")
_ALL_STATUSES = (*ACCEPTED_STATUSES, "entered-in-error", "stopped")
_INTEGER_RE = re.compile(r"^-?[0-9]+$")


class FhirError(ValueError):
    """A FHIR resource cannot be imported (or built); ``problems`` lists every problem."""

    def __init__(self, problems: list[str] | tuple[str, ...] | str) -> None:
        if isinstance(problems, str):
            problems = (problems,)
        self.problems: tuple[str, ...] = tuple(problems)
        if len(self.problems) == 1:
            message = f"ongeldige FHIR-gegevens: {self.problems[0]}"
        else:
            message = "ongeldige FHIR-gegevens:\n" + "\n".join(f"- {p}" for p in self.problems)
        super().__init__(message)


def questionnaire_url(instrument_id: str) -> str:
    """The canonical URL of an instrument (all versions and languages share it)."""
    return QUESTIONNAIRE_BASE + instrument_id


def questionnaire_canonical(instrument: Instrument) -> str:
    """``<url>|<version>``: how a QuestionnaireResponse names the exact version it answers."""
    return f"{questionnaire_url(instrument.id)}|{instrument.version}"


def _validate_resource(kind: str, data: dict[str, Any]) -> None:
    """Parse ``data`` with the fhir.resources R4B model; raise FhirError listing its problems."""
    from fhir.resources.R4B import get_fhir_model_class
    from pydantic import ValidationError

    try:
        get_fhir_model_class(kind).model_validate(data)
    except ValidationError as exc:
        raise FhirError(
            [
                f"{'.'.join(str(part) for part in error['loc']) or kind}: {error['msg']}"
                for error in exc.errors()
            ]
        ) from exc


def _computable_name(instrument_id: str) -> str:
    # Questionnaire.name must look like a programming-language identifier.
    return "".join(part.capitalize() for part in instrument_id.split("-"))


def _coding(instrument: Instrument, value: int) -> dict[str, Any]:
    return {"system": SCALE_SYSTEM, "code": str(value), "display": instrument.scale_label(value)}


def to_fhir_questionnaire(instrument: Instrument) -> dict[str, Any]:
    """The instrument as a FHIR R4 ``Questionnaire`` (a JSON-ready dict, checked with R4B)."""
    source = instrument.source
    copyright_text = (
        # The attribution follows the resource's language; the source itself stays Dutch.
        ("De vragen komen uit" if instrument.language == "nl" else "Items from")
        + f": *{source.title}*, {source.publisher}, {source.section}."
        + (f" {source.note}" if source.note else "")
        + (f" {instrument.translation_note}" if instrument.translation_note else "")
    )
    options = [
        {
            "valueCoding": {
                **_coding(instrument, option.value),
                "extension": [{"url": ORDINAL_VALUE_EXTENSION, "valueDecimal": option.value}],
            }
        }
        for option in instrument.scale
    ]
    groups = []
    for section in instrument.sections:
        group: dict[str, Any] = {"linkId": section.id, "type": "group", "text": section.title}
        if section.dimension is not None:
            group["code"] = [{"system": DIMENSION_SYSTEM, "code": section.dimension.value}]
        group["item"] = [
            {
                "linkId": item.id,
                "type": "choice",
                "text": item.text,
                "required": False,
                "answerOption": options,
            }
            for item in section.items
        ]
        groups.append(group)
    resource: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "id": f"{instrument.id}-{instrument.version}-{instrument.language}",
        "language": instrument.language,
        "url": questionnaire_url(instrument.id),
        "version": instrument.version,
        "name": _computable_name(instrument.id),
        "title": instrument.title,
        "status": "active",
        "publisher": PUBLISHER,
        "description": instrument.introduction,
        "copyright": copyright_text,
        "item": groups,
    }
    _validate_resource("Questionnaire", resource)
    return resource


def to_fhir_response(
    instrument: Instrument,
    answers: Mapping[Any, Any],
    *,
    authored: datetime | str | None = None,
    subject_ref: str | None = None,
) -> dict[str, Any]:
    """One answer set as a FHIR R4 ``QuestionnaireResponse`` (a JSON-ready dict, checked with R4B).

    ``answers`` is validated first (``AnswerError``). ``authored`` is a timezone-aware datetime
    or a FHIR dateTime string; ``subject_ref`` a FHIR reference such as ``"Patient/123"``. Both
    are left out when None. Raises ``FhirError`` when they do not make a valid resource.
    """
    checked = validate(instrument, answers)
    if isinstance(authored, datetime):
        if authored.tzinfo is None or authored.utcoffset() is None:
            raise FhirError("authored: een tijdstip moet een tijdzone hebben")
        authored = authored.isoformat()
    groups = []
    for section in instrument.sections:
        answered = [
            {
                "linkId": item.id,
                "text": item.text,
                "answer": [{"valueCoding": _coding(instrument, value)}],
            }
            for item in section.items
            if (value := checked[item.id]) is not None
        ]
        if answered:
            groups.append({"linkId": section.id, "text": section.title, "item": answered})
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "language": instrument.language,
        "questionnaire": questionnaire_canonical(instrument),
        "status": "completed",
    }
    if subject_ref is not None:
        resource["subject"] = {"reference": subject_ref}
    if authored is not None:
        resource["authored"] = authored
    if groups:
        resource["item"] = groups
    _validate_resource("QuestionnaireResponse", resource)
    return resource


def _parse_json(data: Mapping[str, Any] | str | bytes) -> dict[str, Any]:
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise FhirError(f"geen geldige JSON (regel {exc.lineno}, kolom {exc.colno})") from exc
        except UnicodeDecodeError as exc:
            raise FhirError("het bestand is geen UTF-8-tekst") from exc
    if not isinstance(data, Mapping):
        raise FhirError("verwacht een JSON-object (een QuestionnaireResponse)")
    return dict(data)


def _resolve_instrument(resource: Mapping[str, Any], registry: Registry) -> Instrument:
    canonical = resource.get("questionnaire")
    if canonical is None:
        raise FhirError(
            "questionnaire ontbreekt: een antwoordset moet naar zijn vragenlijst verwijzen "
            f"({QUESTIONNAIRE_BASE}<id>|<versie>)"
        )
    if not isinstance(canonical, str) or not canonical.startswith(QUESTIONNAIRE_BASE):
        raise FhirError(
            f"questionnaire: {json.dumps(canonical, ensure_ascii=False)} is geen vragenlijst "
            f"van Krachtbron (verwacht {QUESTIONNAIRE_BASE}<id>|<versie>)"
        )
    instrument_id, _, version = canonical.removeprefix(QUESTIONNAIRE_BASE).partition("|")
    # The answers do not depend on the language; use the response's language when the
    # instrument exists in it, else the original language.
    language = str(resource.get("language") or "").split("-")[0].lower()
    try:
        languages = registry.languages(instrument_id, version or None)
        if language not in languages:
            language = languages[0]
        return registry.get(instrument_id, language, version or None)
    except UnknownInstrumentError as exc:
        raise FhirError(f"questionnaire: {exc}") from exc


def _answer_value(answer: Mapping[str, Any], link_id: str, problems: list[str]) -> object:
    """The raw value of one answer; range and type are checked afterwards by ``validate``."""
    if "valueCoding" in answer:
        coding = answer["valueCoding"]
        system = coding.get("system")
        if system is not None and system != SCALE_SYSTEM:
            problems.append(f"{link_id}: onbekend codesysteem {system!r} (verwacht {SCALE_SYSTEM})")
            return None
        code = coding.get("code")
        if isinstance(code, str) and _INTEGER_RE.match(code):
            return int(code)
        # Not a number: passed on as text, so validate() reports it like any other bad value.
        return code
    if "valueInteger" in answer:
        return answer["valueInteger"]
    kinds = ", ".join(sorted(k for k in answer if k.startswith("value"))) or "geen waarde"
    problems.append(f"{link_id}: antwoord van het type {kinds}; verwacht valueCoding")
    return None


def from_fhir_response(
    data: Mapping[str, Any] | str | bytes, *, registry: Registry | None = None
) -> tuple[Instrument, Answers]:
    """Read a FHIR R4 ``QuestionnaireResponse`` back into ``(instrument, answers)``.

    ``data`` is the resource as a dict or as JSON text. The resource is checked with the
    fhir.resources R4B model; then ``questionnaire`` must name a Krachtbron instrument
    (``<url>|<version>``; without a version the latest), every ``linkId`` must be a section or an
    item of it, each item has at most one answer (``valueCoding`` from the scale, or
    ``valueInteger``), and the answers must pass ``validate``. Raises ``FhirError`` listing every
    problem. The round trip ``from_fhir_response(to_fhir_response(i, a))`` gives back
    ``(i, validate(i, a))`` exactly.
    """
    registry = registry or default_registry()
    resource = _parse_json(data)
    kind = resource.get("resourceType")
    if kind is None:
        raise FhirError("resourceType ontbreekt; verwacht 'QuestionnaireResponse'")
    if kind != "QuestionnaireResponse":
        raise FhirError(f"resourceType is {kind!r}; verwacht 'QuestionnaireResponse'")
    _validate_resource("QuestionnaireResponse", resource)
    status = resource.get("status")
    if status not in ACCEPTED_STATUSES:
        known = "onbekende" if status not in _ALL_STATUSES else "niet bruikbare"
        raise FhirError(
            f"status: {known} status {status!r} (toegestaan: {', '.join(ACCEPTED_STATUSES)})"
        )
    instrument = _resolve_instrument(resource, registry)

    problems: list[str] = []
    raw: dict[str, object] = {}
    section_ids = {section.id for section in instrument.sections}
    item_ids = set(instrument.item_ids)

    def walk(items: list[Mapping[str, Any]], section_id: str | None) -> None:
        for entry in items:
            link_id = entry["linkId"]
            if link_id in section_ids and section_id is None:
                if entry.get("answer"):
                    problems.append(f"{link_id}: een onderdeel (group) heeft geen antwoord")
                walk(entry.get("item") or [], link_id)
            elif link_id in item_ids:
                if section_id is not None and instrument.item(link_id).section_id != section_id:
                    problems.append(f"{link_id}: staat niet in onderdeel {section_id}")
                if entry.get("item"):
                    problems.append(f"{link_id}: een vraag heeft geen onderliggende items")
                if link_id in raw:
                    problems.append(f"{link_id}: komt meer dan één keer voor")
                    continue
                given = entry.get("answer") or []
                if len(given) > 1:
                    problems.append(f"{link_id}: meer dan één antwoord")
                raw[link_id] = _answer_value(given[0], link_id, problems) if given else None
            else:
                problems.append(f"linkId {link_id!r} hoort niet bij {instrument.id}")

    walk(resource.get("item") or [], None)
    try:
        answers = validate(instrument, raw)
    except AnswerError as exc:
        problems.extend(p.message for p in exc.problems)
    if problems:
        raise FhirError(problems)
    return instrument, answers
