"""The FHIR importer understands a QuestionnaireResponse completely or refuses it (issue 12 §4).

Public bug reports of comparable tools: a ``valueCoding`` with a ``display`` and no ``code``
became "unanswered"; a question nested under an answer was dropped; a ``display`` contradicting
the ``code`` was accepted. Each is an example of a kind: anything the importer does not interpret
is refused with a Dutch message naming its path, and every problem is listed.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from krachtbron.instruments import (
    FhirError,
    Instrument,
    from_fhir_response,
    get_instrument,
    to_fhir_response,
    validate,
)
from krachtbron.instruments.fhir import ORDINAL_VALUE_EXTENSION, SCALE_SYSTEM
from krachtbron.testing.examples import examples

from .strategies import instrument_and_answers

GEZINNEN = get_instrument("kracht-gezinnen")
CANONICAL = "https://krachtbron.nl/fhir/Questionnaire/kracht-gezinnen|1.0"


def response() -> dict[str, Any]:
    """A valid response: g01 = 4, g02 = 3 (section situatie), g13 = 1 (section motivationeel)."""
    return to_fhir_response(GEZINNEN, {"g01": 4, "g02": 3, "g13": 1})


def refused(data: object, **kwargs: Any) -> list[str]:
    with pytest.raises(FhirError) as error:
        from_fhir_response(data, **kwargs)  # type: ignore[arg-type]
    assert error.value.problems
    return list(error.value.problems)


def coding(code: str | None = "3", display: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {"system": SCALE_SYSTEM}
    if code is not None:
        result["code"] = code
    if display is not None:
        result["display"] = display
    return result


# --- The three examples from the bug reports ----------------------------------------------------


def test_a_display_without_a_code_is_refused_not_unanswered() -> None:
    data = response()
    data["item"][0]["item"][0]["answer"] = [{"valueCoding": coding(None, "zeer tevreden")}]
    problems = refused(data)
    assert problems == [
        "item[0].item[0].answer[0].valueCoding.code: ontbreekt; zonder code is niet zeker welk "
        "antwoord gegeven is (een display alleen telt niet)"
    ]


def test_a_question_nested_under_an_answer_is_refused_not_dropped() -> None:
    data = response()
    data["item"][0]["item"][0]["answer"][0]["item"] = [
        {"linkId": "g03", "answer": [{"valueCoding": coding("2")}]}
    ]
    problems = refused(data)
    assert len(problems) == 1
    assert problems[0].startswith("item[0].item[0].answer[0].item: vragen onder een antwoord")


def test_a_display_that_contradicts_the_code_is_refused() -> None:
    data = response()
    data["item"][0]["item"][0]["answer"][0]["valueCoding"]["code"] = "0"  # display: zeer tevreden
    assert refused(data) == [
        'item[0].item[0].answer[0].valueCoding.display: "zeer tevreden" past niet bij code "0" '
        '("zeer ontevreden")'
    ]


# --- Their siblings: every element the importer does not interpret ------------------------------


def at(path: str, value: object) -> dict[str, Any]:
    """A valid response with one value set (``KeyError`` deletes it); path like ``item.0.text``.

    An index one past the end of a list appends.
    """
    data = response()
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    key: int | str = int(last) if last.isdigit() else last
    if value is KeyError:
        del target[key]
    elif isinstance(key, int) and key == len(target):
        target.append(value)
    else:
        target[key] = value
    return data


Q = "item.0.item.0"  # the question g01
A = f"{Q}.answer.0"  # its answer
C = f"{A}.valueCoding"  # its coding

# case -> (response, the path the message must start with, a fragment of the message)
REFUSED: dict[str, tuple[dict[str, Any], str, str]] = {
    # the coding
    "a code without a system": (at(f"{C}.system", KeyError), f"{C}.system", "ontbreekt"),
    "another code system": (at(f"{C}.system", "http://loinc.org"), f"{C}.system", "loinc"),
    "a code outside the scale": (at(f"{C}.code", "5"), f"{C}.code", '"5"'),
    "a code that is a number": (at(f"{C}.code", 4), f"{C}.code", "4"),
    "a display in no language": (at(f"{C}.display", "heel goed"), f"{C}.display", "heel goed"),
    "a display that is not text": (at(f"{C}.display", 4), f"{C}.display", "tekst"),
    "a code system version": (at(f"{C}.version", "2"), f"{C}.version", "leest Krachtbron niet"),
    "an unknown extension on a coding": (
        at(f"{C}.extension", [{"url": "http://example.org/x", "valueString": "y"}]),
        f"{C}.extension[0]",
        ORDINAL_VALUE_EXTENSION,
    ),
    "an ordinal value that contradicts the code": (
        at(f"{C}.extension", [{"url": ORDINAL_VALUE_EXTENSION, "valueDecimal": 1}]),
        f"{C}.extension[0].valueDecimal",
        "past niet",
    ),
    "userSelected that is not a boolean": (
        at(f"{C}.userSelected", "ja"),
        f"{C}.userSelected",
        "true of false",
    ),
    # the answer
    "a text answer": (at(A, {"valueString": "goed"}), f"{A}.valueString", "valueString"),
    "a decimal answer": (at(A, {"valueDecimal": 3.0}), f"{A}.valueDecimal", "valueDecimal"),
    "a boolean answer": (at(A, {"valueBoolean": True}), f"{A}.valueBoolean", "valueBoolean"),
    "an integer outside the scale": (at(A, {"valueInteger": 7}), f"{A}.valueInteger", "7"),
    "a boolean as integer": (at(A, {"valueInteger": True}), f"{A}.valueInteger", "true"),
    "a float as integer": (at(A, {"valueInteger": 3.0}), f"{A}.valueInteger", "3.0"),
    "two values in one answer": (
        at(f"{A}.valueInteger", 4),
        A,
        "twee waarden",
    ),
    "an answer without a value": (at(A, {}), A, "zonder waarde"),
    "an answer that is not an object": (at(A, "4"), A, "object"),
    "an extension on an answer": (
        at(f"{A}.extension", [{"url": "http://example.org/x", "valueString": "y"}]),
        f"{A}.extension",
        "uitbreiding",
    ),
    "a modifierExtension on an answer": (
        at(f"{A}.modifierExtension", [{"url": "http://example.org/x", "valueString": "y"}]),
        f"{A}.modifierExtension",
        "modifierExtension",
    ),
    # the question
    "two answers to one question": (
        at(f"{Q}.answer.1", {"valueCoding": coding("2")}),
        f"{Q}.answer",
        "meer dan één antwoord",
    ),
    "an empty answer list": (at(f"{Q}.answer", []), f"{Q}.answer", "lege lijst"),
    "an answer that is not a list": (
        at(f"{Q}.answer", {"valueInteger": 3}),
        f"{Q}.answer",
        "lijst",
    ),
    "a question under a question": (
        at(f"{Q}.item", [{"linkId": "g03", "answer": [{"valueInteger": 2}]}]),
        f"{Q}.item",
        "geen vragen",
    ),
    "a question text of another question": (
        at(f"{Q}.text", GEZINNEN.item("g02").text),
        f"{Q}.text",
        "niet de tekst van vraag g01",
    ),
    "a question text that is not text": (at(f"{Q}.text", 1), f"{Q}.text", "tekst"),
    "a definition on a question": (
        at(f"{Q}.definition", "http://example.org/x"),
        f"{Q}.definition",
        "leest Krachtbron niet",
    ),
    "a modifierExtension on a question": (
        at(f"{Q}.modifierExtension", [{"url": "http://example.org/x", "valueString": "y"}]),
        f"{Q}.modifierExtension",
        "mag haar dus niet overslaan",
    ),
    "an unknown linkId": (at(f"{Q}.linkId", "g99"), "item[0].item[0]", '"g99"'),
    "a linkId that is a number": (at(f"{Q}.linkId", 1), "item[0].item[0]", "linkId"),
    "no linkId": (at(f"{Q}.linkId", KeyError), "item[0].item[0]", "linkId ontbreekt"),
    "a question in the wrong section": (
        at("item.1.item.0.linkId", "g01"),
        "item[1].item[0]",
        "hoort bij onderdeel situatie",
    ),
    "the same question twice in a section": (
        at("item.0.item.1", response()["item"][0]["item"][0]),
        "item[0].item[1]",
        "komt al voor bij item[0].item[0]",
    ),
    # the section (group)
    "the same section twice": (
        at("item.2", response()["item"][0] | {"item": [response()["item"][0]["item"][1]]}),
        "item[2]",
        "komt al voor bij item[0]",
    ),
    "a section inside a section": (
        at("item.0.item.2", {"linkId": "sociaal", "item": []}),
        "item[0].item[2]",
        "staat binnen onderdeel situatie",
    ),
    "an answer on a section": (
        at("item.0.answer", [{"valueInteger": 1}]),
        "item[0].answer",
        "groep zonder antwoord",
    ),
    "a section title of another section": (
        at("item.0.text", "Sociale dimensie"),
        "item[0].text",
        "onderdeel situatie",
    ),
    "an empty item list": (at("item.0.item", []), "item[0].item", "lege lijst"),
    "an item that is not an object": (at("item.0.item.0", "g01"), "item[0].item[0]", "object"),
    "a modifierExtension on a section": (
        at("item.0.modifierExtension", [{"url": "http://example.org/x", "valueString": "y"}]),
        "item[0].modifierExtension",
        "modifierExtension",
    ),
    # the resource
    "a modifierExtension on the resource": (
        at("modifierExtension", [{"url": "http://example.org/x", "valueString": "y"}]),
        "modifierExtension",
        "modifierExtension",
    ),
    "implicitRules": (at("implicitRules", "http://example.org/rules"), "implicitRules", "regels"),
    "contained resources": (
        at("contained", [{"resourceType": "Patient"}]),
        "contained",
        "leest Krachtbron niet",
    ),
    "an extension of a value": (at("_status", {"id": "x"}), "_status", "_element"),
    "an unknown element": (at("colour", "red"), "colour", "leest Krachtbron niet"),
    "items that are not a list": (at("item", {"linkId": "g01"}), "item", "lijst"),
    "status in progress": (at("status", "in-progress"), "status", "nog niet afgerond"),
    "status stopped": (at("status", "stopped"), "status", "niet bruikbare"),
    "status entered in error": (at("status", "entered-in-error"), "status", "niet bruikbare"),
    "an unknown status": (at("status", "klaar"), "status", "onbekende"),
    "no status": (at("status", KeyError), "status", "ontbreekt"),
    "a questionnaire without a version": (
        at("questionnaire", CANONICAL.split("|")[0]),
        "questionnaire",
        "de versie ontbreekt",
    ),
    "a questionnaire of an unknown version": (
        at("questionnaire", CANONICAL.replace("|1.0", "|9.9")),
        "questionnaire",
        '"9.9"',
    ),
    "a questionnaire of another publisher": (
        at("questionnaire", "https://example.org/Questionnaire/kracht-gezinnen|1.0"),
        "questionnaire",
        "geen vragenlijst van Krachtbron",
    ),
    "a questionnaire of another instrument": (
        at("questionnaire", CANONICAL.replace("gezinnen", "organisatie")),
        "item[0]",
        "hoort niet bij kracht-organisatie",
    ),
    "a language the instrument does not have": (at("language", "de"), "language", "nl, ar, en"),
    "a bad authored time (the R4B model)": (at("authored", "gisteren"), "authored", "gisteren"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_what_the_importer_does_not_understand_is_refused(case: str) -> None:
    data, path, fragment = REFUSED[case]
    path = re.sub(r"\.(\d+)", r"[\1]", path)  # item.0.answer -> item[0].answer
    problems = refused(data)
    assert any(p.startswith(f"{path}:") and fragment in p for p in problems), problems
    # Through the JSON text the same problems come back.
    assert refused(json.dumps(data)) == problems


def test_every_problem_is_listed_with_its_path() -> None:
    data = response()
    data["status"] = "in-progress"
    data["modifierExtension"] = [{"url": "http://example.org/x", "valueString": "y"}]
    data["item"][0]["item"][0]["answer"][0]["valueCoding"]["display"] = "neutraal"
    data["item"][0]["item"][1]["answer"][0]["item"] = [{"linkId": "g03"}]
    data["item"][1]["item"][0]["answer"] = [{"valueString": "goed"}]
    data["item"].append({"linkId": "g99"})
    problems = refused(data)
    assert [p.split(":")[0] for p in problems] == [
        "modifierExtension",
        "status",
        "item[0].item[0].answer[0].valueCoding.display",
        "item[0].item[1].answer[0].item",
        "item[1].item[0].answer[0].valueString",
        "item[2]",
    ]


def test_a_response_for_another_instrument_or_version_than_expected_is_refused() -> None:
    professionals = get_instrument("kracht-professionals")
    assert refused(response(), expect=professionals) == [
        "questionnaire: deze antwoordset hoort bij kracht-gezinnen versie 1.0, niet bij "
        "kracht-professionals versie 1.0"
    ]
    assert from_fhir_response(response(), expect=GEZINNEN)[0] == GEZINNEN
    # Another language of the same version is the same instrument.
    english = get_instrument("kracht-gezinnen", "en")
    assert from_fhir_response(response(), expect=english)[1]["g01"] == 4


# --- Strict JSON underneath ---------------------------------------------------------------------

JSON_REFUSED = {
    "NaN": (json.dumps(response()).replace('"code": "4"', '"code": NaN'), "NaN"),
    "Infinity": ('{"resourceType": "QuestionnaireResponse", "x": -Infinity}', "Infinity"),
    "1e999": ('{"resourceType": "QuestionnaireResponse", "x": 1e999}', "te groot"),
    "5,000 digits": ('{"resourceType": "QuestionnaireResponse", "x": ' + "9" * 5000 + "}", "5000"),
    "100,000 [": ("[" * 100_000, "te diep genest"),
    "deep but parseable": ('{"a": ' * 200 + "1" + "}" * 200, "te diep genest"),
    "a duplicate key": (
        '{"resourceType": "QuestionnaireResponse", "status": "completed", "status": "stopped"}',
        '"status" staat twee keer',
    ),
    "a lone surrogate": ('{"resourceType": "QuestionnaireResponse", "id": "\\ud800"}', "half"),
    "UTF-16": ('{"a": 1}'.encode("utf-16"), "UTF-8"),
    "Latin-1": ('{"id": "é"}'.encode("latin-1"), "UTF-8"),
    "an array": ("[1, 2]", "JSON-object"),
    "trailing text": ('{"a": 1} x', "na het einde"),
}


@pytest.mark.parametrize("case", sorted(JSON_REFUSED))
def test_json_that_python_would_crash_on_or_misread_is_refused(case: str) -> None:
    text, fragment = JSON_REFUSED[case]
    problems = refused(text)
    assert fragment in " ".join(problems)


def test_a_dict_with_data_json_cannot_hold_is_refused() -> None:
    deep: list[object] = [1]
    for _ in range(40):
        deep = [deep]
    for bad in (float("nan"), float("inf"), 10**5000, "\udc00", deep):
        assert refused(at("id", bad))


# --- What is accepted ---------------------------------------------------------------------------


def accepted(data: dict[str, Any]) -> dict[str, int | None]:
    instrument, answers = from_fhir_response(data)
    assert (instrument.id, instrument.version) == ("kracht-gezinnen", "1.0")
    return answers


EXPECTED = validate(GEZINNEN, {"g01": 4, "g02": 3, "g13": 1})

ACCEPTED: dict[str, dict[str, Any]] = {
    "as exported": response(),
    "no display": at(f"{C}.display", KeyError),
    "the English display": at(f"{C}.display", "very satisfied"),
    "a display in other case and spacing": at(f"{C}.display", "  Zeer   Tevreden "),
    "no question text": at(f"{Q}.text", KeyError),
    "the English question text": at(
        f"{Q}.text", get_instrument("kracht-gezinnen", "en").item("g01").text
    ),
    "no section text": at("item.0.text", KeyError),
    "the ordinal value extension": at(
        f"{C}.extension", [{"url": ORDINAL_VALUE_EXTENSION, "valueDecimal": 4}]
    ),
    "userSelected": at(f"{C}.userSelected", True),
    "element ids": at(f"{A}.id", "a1"),
    "status amended": at("status", "amended"),
    "descriptive elements": response()
    | {
        "id": "r1",
        "meta": {"lastUpdated": "2024-05-01T12:00:00Z"},
        "identifier": {"system": "urn:example", "value": "1"},
        "subject": {"reference": "Patient/1"},
        "author": {"reference": "Practitioner/1"},
        "authored": "2024-05-01",
        "extension": [{"url": "http://example.org/x", "valueString": "y"}],
    },
    "an integer answer": at(A, {"valueInteger": 4}),
    "questions without sections": response()
    | {
        "item": [
            {"linkId": "g13", "answer": [{"valueInteger": 1}]},
            {"linkId": "g01", "answer": [{"valueCoding": coding("4")}]},
            {"linkId": "g02", "answer": [{"valueCoding": coding("3", "tevreden")}]},
            {"linkId": "g05"},
        ]
    },
}


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_what_the_importer_understands_is_imported_unchanged(case: str) -> None:
    assert accepted(ACCEPTED[case]) == EXPECTED


# --- Hypothesis: a mutated response is imported identically or refused --------------------------

# Replacement values: any JSON, but never a valid answer on its own (no 0–4, no "0"–"4"), so a
# single mutation cannot turn the response into a different valid one. Item and section ids,
# labels and statuses are in the pool because they are what a careless converter would write.
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers().filter(lambda n: not 0 <= n <= 4),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12).filter(lambda t: t not in {"0", "1", "2", "3", "4"}),
    st.sampled_from(
        [
            *GEZINNEN.item_ids,
            *(s.id for s in GEZINNEN.sections),
            *(o.label for o in GEZINNEN.scale),
            "very satisfied",
            SCALE_SYSTEM,
            "in-progress",
            "amended",
            "stopped",
            "en",
            "de",
            CANONICAL.replace("|1.0", "|2.0"),
        ]
    ),
)
_keys = st.one_of(
    st.sampled_from(
        [
            "item",
            "answer",
            "linkId",
            "text",
            "valueCoding",
            "valueInteger",
            "valueString",
            "code",
            "system",
            "display",
            "extension",
            "modifierExtension",
            "id",
            "definition",
        ]
    ),
    st.text(max_size=8),
)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=3),
    max_leaves=6,
)


def _places(data: object) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a JSON tree."""
    found = []
    stack = [data]
    while stack:
        node = stack.pop()
        pairs = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in pairs:
            found.append((node, key))
            if isinstance(value, dict | list):
                stack.append(value)
    return found


@st.composite
def mutated_responses(draw: st.DrawFn) -> tuple[Instrument, dict, dict, str]:
    instrument, answers = draw(instrument_and_answers(languages=True))
    original = to_fhir_response(instrument, answers)
    data = copy.deepcopy(original)
    places = _places(data)
    container, key = draw(st.sampled_from(places))
    kind = draw(st.sampled_from(["delete", "replace", "insert", "duplicate", "recode"]))
    if kind == "delete":
        del container[key]
    elif kind == "replace":
        container[key] = draw(_json)
    elif kind == "insert":
        target = container[key] if isinstance(container[key], dict) else container
        if isinstance(target, dict):
            target[draw(_keys)] = draw(_json)
        else:
            target.insert(draw(st.integers(0, len(target))), draw(_json))
    elif kind == "duplicate":
        target = container if isinstance(container, list) else container[key]
        if isinstance(target, list) and target:
            target.append(copy.deepcopy(draw(st.sampled_from(target))))
        else:
            kind = "none"
    else:
        # Another code, the display left as it was: the contradiction must be noticed.
        codings = [c for c, k in places if k == "code" and isinstance(c, dict) and "display" in c]
        if codings:
            target = draw(st.sampled_from(codings))
            target["code"] = draw(
                st.sampled_from(["0", "1", "2", "3", "4"]).filter(
                    lambda code: code != target["code"]
                )
            )
        else:
            kind = "none"
    return instrument, validate(instrument, answers), data, kind


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_responses())
def test_a_mutated_response_is_imported_identically_or_refused(
    case: tuple[Instrument, dict, dict, str],
) -> None:
    instrument, expected, data, kind = case
    try:
        imported, answers = from_fhir_response(json.dumps(data))
    except FhirError as exc:
        assert exc.problems
        assert all(isinstance(p, str) and p for p in exc.problems)
        return
    assert (imported.id, imported.version) == (instrument.id, instrument.version)
    if kind == "delete":
        # Leaving out an item or its answer is how FHIR says "unanswered": that may change a
        # value to None, never to another value.
        assert all(answers[i] in (expected[i], None) for i in expected)
    else:
        assert answers == expected
