"""FHIR R4: Questionnaire and QuestionnaireResponse export, import, and a lossless round trip."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import given, settings
from hypothesis import strategies as st

from krachtbron.instruments import (
    AnswerError,
    FhirError,
    Instrument,
    from_fhir_response,
    get_instrument,
    questionnaire_canonical,
    to_fhir_questionnaire,
    to_fhir_response,
    validate,
)
from krachtbron.instruments.fhir import SCALE_SYSTEM

from .strategies import ALL_LANGUAGE_VERSIONS, instrument_and_answers

GEZINNEN = get_instrument("kracht-gezinnen")


@pytest.mark.parametrize("instrument", ALL_LANGUAGE_VERSIONS, ids=lambda i: f"{i.id}.{i.language}")
def test_every_instrument_exports_as_a_valid_r4_questionnaire(instrument: Instrument) -> None:
    data = to_fhir_questionnaire(instrument)
    parsed = Questionnaire.model_validate(data)
    assert parsed.url == f"https://krachtbron.nl/fhir/Questionnaire/{instrument.id}"
    assert parsed.version == instrument.version
    assert parsed.language == instrument.language
    assert parsed.status == "active"
    # The structure, read from the parsed model (so from what a FHIR client would see).
    groups = parsed.item or []
    assert [group.linkId for group in groups] == [s.id for s in instrument.sections]
    assert all(group.type == "group" for group in groups)
    questions = [q for group in groups for q in group.item or []]
    assert [q.linkId for q in questions] == list(instrument.item_ids)
    assert [q.text for q in questions] == [i.text for i in instrument.items]
    expected = [(SCALE_SYSTEM, str(o.value), o.label) for o in instrument.scale]
    for question in questions:
        assert question.type == "choice"
        codings = [option.valueCoding for option in question.answerOption or []]
        assert [(c.system, c.code, c.display) for c in codings if c is not None] == expected
    # The export is JSON-ready as it is.
    assert json.loads(json.dumps(data)) == data


def test_a_response_is_a_valid_r4_questionnaire_response() -> None:
    authored = datetime(2024, 5, 1, 14, 30, tzinfo=timezone(timedelta(hours=2)))
    data = to_fhir_response(
        GEZINNEN, {"g01": 4, "g13": 0, "g02": None}, authored=authored, subject_ref="Patient/123"
    )
    parsed = QuestionnaireResponse.model_validate(data)
    assert parsed.questionnaire == questionnaire_canonical(GEZINNEN)
    assert data["questionnaire"] == "https://krachtbron.nl/fhir/Questionnaire/kracht-gezinnen|1.0"
    assert parsed.status == "completed"
    assert parsed.subject is not None
    assert parsed.subject.reference == "Patient/123"
    assert data["authored"] == "2024-05-01T14:30:00+02:00"
    # Only answered items, inside their section groups; empty sections are left out.
    assert [(g["linkId"], [i["linkId"] for i in g["item"]]) for g in data["item"]] == [
        ("situatie", ["g01"]),
        ("motivationeel", ["g13"]),
    ]
    assert data["item"][0]["item"][0]["answer"] == [
        {"valueCoding": {"system": SCALE_SYSTEM, "code": "4", "display": "zeer tevreden"}}
    ]


def test_an_empty_answer_set_exports_and_imports() -> None:
    data = to_fhir_response(GEZINNEN, {})
    assert "item" not in data
    assert from_fhir_response(data) == (GEZINNEN, dict.fromkeys(GEZINNEN.item_ids))


def test_export_refuses_invalid_answers_and_naive_times() -> None:
    with pytest.raises(AnswerError):
        to_fhir_response(GEZINNEN, {"g01": 5})
    with pytest.raises(FhirError, match="tijdzone"):
        to_fhir_response(GEZINNEN, {"g01": 3}, authored=datetime(2024, 1, 1, 12, 0))
    with pytest.raises(FhirError, match="authored"):
        to_fhir_response(GEZINNEN, {"g01": 3}, authored="yesterday")


@settings(deadline=None)
@given(
    instrument_and_answers(languages=True),
    st.one_of(st.none(), st.datetimes(timezones=st.just(UTC))),
    st.one_of(st.none(), st.from_regex(r"\APatient/[A-Za-z0-9]{1,12}\Z")),
)
def test_the_round_trip_is_lossless(
    case: tuple[Instrument, dict], authored: datetime | None, subject: str | None
) -> None:
    instrument, answers = case
    data = to_fhir_response(instrument, answers, authored=authored, subject_ref=subject)
    text = json.dumps(data)
    assert from_fhir_response(text) == (instrument, validate(instrument, answers))
    assert from_fhir_response(json.loads(text)) == (instrument, validate(instrument, answers))


def test_import_accepts_flat_items_integers_and_other_languages() -> None:
    data: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "status": "amended",
        "language": "en-GB",
        "questionnaire": "https://krachtbron.nl/fhir/Questionnaire/kracht-gezinnen|1.0",
        "item": [
            {"linkId": "g02", "answer": [{"valueInteger": 3}]},
            {"linkId": "g03", "answer": [{"valueCoding": {"system": SCALE_SYSTEM, "code": "1"}}]},
            {"linkId": "g04"},
        ],
    }
    instrument, answers = from_fhir_response(data)
    assert (instrument.id, instrument.language, instrument.version) == (
        "kracht-gezinnen",
        "en",
        "1.0",
    )
    assert answers == {**dict.fromkeys(GEZINNEN.item_ids), "g02": 3, "g03": 1}
    # Without a language the instrument's original language is used.
    del data["language"]
    assert from_fhir_response(data)[0].language == "nl"


def valid_response() -> dict[str, Any]:
    return to_fhir_response(GEZINNEN, {"g01": 4, "g02": 3, "g13": 1})


def change(path: str, value: object) -> dict[str, Any]:
    """A valid response with one value replaced; ``path`` like ``item.0.item.0.answer``."""
    data = copy.deepcopy(valid_response())
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is KeyError:
        del target[int(last) if last.isdigit() else last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


BAD_RESPONSES: dict[str, tuple[object, str]] = {
    "not JSON": ("{not json", "geen geldige JSON"),
    "not UTF-8": (b"\xff\xfe{", "UTF-8"),
    "a JSON array": ("[]", "JSON-object"),
    "a Questionnaire": (to_fhir_questionnaire(GEZINNEN), "QuestionnaireResponse"),
    "no resourceType": (change("resourceType", KeyError), "resourceType"),
    "no status": (change("status", KeyError), "status"),
    "an unknown field": (change("colour", "red"), "colour"),
    "a bad authored time": (change("authored", "gisteren"), "authored"),
    "entered in error": (change("status", "entered-in-error"), "entered-in-error"),
    "an unknown status": (change("status", "klaar"), "klaar"),
    "no questionnaire": (change("questionnaire", KeyError), "questionnaire"),
    "a foreign questionnaire": (
        change("questionnaire", "https://example.org/Questionnaire/x"),
        "Krachtbron",
    ),
    "an unknown instrument": (
        change("questionnaire", "https://krachtbron.nl/fhir/Questionnaire/kracht-x|1.0"),
        "kracht-x",
    ),
    "an unknown version": (
        change("questionnaire", "https://krachtbron.nl/fhir/Questionnaire/kracht-gezinnen|7"),
        "versie",
    ),
    "an unknown linkId": (change("item.0.item.0.linkId", "p01"), "p01"),
    "an item in the wrong section": (change("item.0.item.0.linkId", "g10"), "g10"),
    "a duplicate item": (change("item.0.item.1.linkId", "g01"), "g01"),
    "two answers": (
        change(
            "item.0.item.0.answer",
            [{"valueCoding": {"code": "1"}}, {"valueCoding": {"code": "2"}}],
        ),
        "meer dan één antwoord",
    ),
    "an answer out of range": (change("item.0.item.0.answer.0.valueCoding.code", "7"), "7"),
    "an answer that is not a number": (
        change("item.0.item.0.answer.0.valueCoding.code", "veel"),
        "veel",
    ),
    "another code system": (
        change("item.0.item.0.answer.0.valueCoding.system", "http://loinc.org"),
        "codesysteem",
    ),
    "a text answer": (change("item.0.item.0.answer.0", {"valueString": "goed"}), "valueString"),
    "an answer on a group": (change("item.0.answer", [{"valueInteger": 1}]), "situatie"),
    "an item without linkId": (change("item.0.item.0.linkId", KeyError), "linkId"),
}


@pytest.mark.parametrize("case", sorted(BAD_RESPONSES))
def test_import_rejects_invalid_resources_with_a_clear_error(case: str) -> None:
    data, fragment = BAD_RESPONSES[case]
    with pytest.raises(FhirError) as error:
        from_fhir_response(data)  # type: ignore[arg-type]
    assert isinstance(error.value, ValueError)
    assert error.value.problems
    assert fragment in str(error.value)


def test_import_lists_every_problem() -> None:
    data = change("item.0.item.0.answer.0.valueCoding.code", "9")
    data["item"][0]["item"][1]["linkId"] = "zz"
    with pytest.raises(FhirError) as error:
        from_fhir_response(data)
    assert len(error.value.problems) == 2
