"""FHIR R4 export: an instrument as a ``Questionnaire``, an answer set as a
``QuestionnaireResponse`` (the import is in ``fhir_import``; both share the checks here).

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

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from .inputs import inert, quote
from .model import Instrument
from .validation import validate

FHIR_BASE = "https://krachtbron.nl/fhir"
QUESTIONNAIRE_BASE = f"{FHIR_BASE}/Questionnaire/"
#: The code system of the 0–4 scale (codes "0"–"4").
SCALE_SYSTEM = f"{FHIR_BASE}/CodeSystem/tevredenheid-0-4"
#: The code system of the three dimensions (``Questionnaire.item.code`` on a section).
DIMENSION_SYSTEM = f"{FHIR_BASE}/CodeSystem/dimensie"
ORDINAL_VALUE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
PUBLISHER = "Krachtbron"


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


# --- Checking with the R4B model, in Dutch -------------------------------------------------------

# Dutch for the error types of pydantic (which fhir.resources uses); others get a general text.
_MODEL_MESSAGES = {
    "missing": "ontbreekt",
    "extra_forbidden": "bestaat niet in een FHIR R4-QuestionnaireResponse",
    "string_type": "moet een tekst zijn",
    "string_unicode": "is geen geldige tekst",
    "string_pattern_mismatch": "heeft niet de vorm die FHIR voorschrijft",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "bool_type": "moet true of false zijn",
    "bool_parsing": "moet true of false zijn",
    "list_type": "moet een lijst zijn",
    "dict_type": "moet een object zijn",
    "model_type": "moet een object zijn",
    "model_attributes_type": "moet een object zijn",
    "less_than_equal": "is te groot",
    "greater_than_equal": "is te klein",
}


def _path(loc: tuple[int | str, ...] | list[int | str]) -> str:
    """A pydantic location as a FHIRPath-like path: ``item[0].answer[0].valueCoding``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return inert(out)


def model_problems(kind: str, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(path, Dutch problem)`` for each error of the R4B model; [] when valid.

    pydantic's messages are English; each error type becomes a Dutch phrase (``_MODEL_MESSAGES``,
    a general one for the rest) after its path, with the value that was given.
    """
    from fhir.resources.R4B import get_fhir_model_class
    from pydantic import ValidationError

    try:
        get_fhir_model_class(kind).model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            what = _MODEL_MESSAGES.get(error["type"], "is geen geldige FHIR R4-waarde")
            given = error.get("input")
            if error["type"] != "missing" and isinstance(given, str | int | float | bool):
                what += f" (gekregen: {quote(given)})"
            problems.append((_path(loc), f"{_path(loc) or kind}: {what}"))
        return problems
    return []


def _validate_resource(kind: str, data: dict[str, Any]) -> None:
    """Parse ``data`` with the fhir.resources R4B model; raise FhirError listing its problems."""
    problems = model_problems(kind, data)
    if problems:
        raise FhirError([message for _, message in problems])
