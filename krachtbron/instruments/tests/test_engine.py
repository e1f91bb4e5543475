"""Scoring engine: validate, score, compare and aggregate (examples and hypothesis properties)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from krachtbron.instruments import (
    MIN_GROUP_SIZE,
    AnswerError,
    Instrument,
    ItemAggregate,
    aggregate,
    compare,
    compare_sections,
    get_instrument,
    score,
    validate,
)

from .strategies import INSTRUMENTS, answer_sets, instrument_and_answers

GEZINNEN = get_instrument("kracht-gezinnen")
PROFESSIONALS = get_instrument("kracht-professionals")


def codes(error: pytest.ExceptionInfo[AnswerError]) -> list[str]:
    return [p.code for p in error.value.problems]


# --- validate ----------------------------------------------------------------------------------


def test_validate_returns_every_item_in_order_with_none_for_unanswered() -> None:
    checked = validate(PROFESSIONALS, {"p03": 4, "p01": 0, "p02": None})
    assert list(checked) == list(PROFESSIONALS.item_ids)
    assert checked == {
        "p01": 0,
        "p02": None,
        "p03": 4,
        "p04": None,
        "p05": None,
        "p06": None,
        "p07": None,
        "p08": None,
    }
    assert validate(PROFESSIONALS, {}) == dict.fromkeys(PROFESSIONALS.item_ids)


def test_validate_accepts_a_document_naming_the_instrument() -> None:
    document = {"instrument": "kracht-professionals", "version": "1.0", "answers": {"p01": 2}}
    assert validate(PROFESSIONALS, document)["p01"] == 2
    assert validate(PROFESSIONALS, {"answers": {"p01": 2}, "language": "en"})["p01"] == 2


def test_validate_lists_every_problem_at_once() -> None:
    with pytest.raises(AnswerError) as error:
        validate(
            PROFESSIONALS,
            {"p01": 5, "p02": -1, "p03": True, "p04": 2.0, "p05": "3", "p06": [1], "x1": 2},
        )
    assert isinstance(error.value, ValueError)
    assert codes(error) == [
        "out_of_range",
        "out_of_range",
        "not_an_integer",
        "not_an_integer",
        "not_an_integer",
        "not_an_integer",
        "unknown_item",
    ]
    assert [p.item_id for p in error.value.problems] == [
        "p01",
        "p02",
        "p03",
        "p04",
        "p05",
        "p06",
        "x1",
    ]
    message = str(error.value)
    assert "7 problemen" in message
    for fragment in (
        "p01: 5",
        "p02: -1",
        "p03: true",
        "p04: 2.0",
        'p05: "3"',
        '"x1"',
        "p01 t/m p08",
    ):
        assert fragment in message


def test_long_values_are_shortened_in_messages() -> None:
    with pytest.raises(AnswerError) as error:
        validate(PROFESSIONALS, {"p01": "x" * 10_000})
    assert len(str(error.value)) < 200


def test_validate_refuses_the_wrong_instrument_or_version() -> None:
    with pytest.raises(AnswerError) as error:
        validate(
            PROFESSIONALS,
            {"instrument": "kracht-gezinnen", "version": "2.0", "answers": {"g01": 3}, "extra": 1},
        )
    assert codes(error) == ["unknown_field", "wrong_instrument", "wrong_version", "unknown_item"]
    assert "kracht-gezinnen" in str(error.value)


def test_validate_checks_the_document_fields() -> None:
    with pytest.raises(AnswerError) as error:
        validate(PROFESSIONALS, {"instrument": 7, "version": 1.0, "answers": [3]})
    assert codes(error) == ["bad_instrument", "bad_version", "not_a_mapping"]
    assert "het veld answers" in str(error.value)


@pytest.mark.parametrize("answers", [[1, 2], "p01=3", None, 3])
def test_validate_refuses_what_is_not_a_mapping(answers: object) -> None:
    with pytest.raises(AnswerError) as error:
        validate(PROFESSIONALS, answers)  # type: ignore[arg-type]
    assert codes(error) == ["not_a_mapping"]


@given(
    instrument_and_answers(),
    st.data(),
    st.one_of(
        st.integers().filter(lambda v: not 0 <= v <= 4),
        st.booleans(),
        st.floats(allow_nan=True),
        st.text(),
        st.lists(st.integers(0, 4), max_size=2),
    ),
)
def test_any_invalid_value_is_named(
    case: tuple[Instrument, dict], data: st.DataObject, bad: object
) -> None:
    instrument, answers = case
    item_id = data.draw(st.sampled_from(instrument.item_ids))
    with pytest.raises(AnswerError) as error:
        validate(instrument, {**answers, item_id: bad})
    assert [p.item_id for p in error.value.problems] == [item_id]


@given(instrument_and_answers())
def test_validate_is_idempotent(case: tuple[Instrument, dict]) -> None:
    instrument, answers = case
    once = validate(instrument, answers)
    assert validate(instrument, once) == once


# --- score -------------------------------------------------------------------------------------


def test_score_example() -> None:
    result = score(
        GEZINNEN,
        {"g01": 4, "g02": 3, "g03": 2, "g05": 0, "g07": 1, "g08": 2, "g09": 2, "g10": 4},
    )
    assert result.totals_per_category == {0: 1, 1: 1, 2: 3, 3: 1, 4: 2}
    assert result.answered == 8
    assert result.strengths == ("g01", "g02", "g10")
    assert result.development_needs == ("g05", "g07")
    assert result.unanswered == ("g04", "g06", "g11", "g12", "g13")
    by_id = {s.id: s for s in result.sections}
    # situatie: 3 of 4 answered -> mean of 4, 3, 2
    assert (by_id["situatie"].answered, by_id["situatie"].items) == (3, 4)
    assert by_id["situatie"].mean == 3.0
    # sociaal: 1 of 2 answered is half -> shown
    assert by_id["sociaal"].mean == 0.0
    # competentioneel: 1, 2, 2 -> 1.666…, rounded to 1.67 in JSON only
    assert by_id["competentioneel"].mean == pytest.approx(5 / 3)
    # motivationeel: 1 of 4 answered is less than half -> not shown
    assert by_id["motivationeel"].answered == 1
    assert by_id["motivationeel"].mean is None

    data = result.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["totals_per_category"] == {"0": 1, "1": 1, "2": 3, "3": 1, "4": 2}
    assert data["sections"][2] == {
        "id": "competentioneel",
        "title": "Competentionele dimensie",
        "dimension": "competence",
        "answered": 3,
        "items": 3,
        "mean": 1.67,
    }
    assert data["sections"][0]["dimension"] is None
    assert data["strengths"] == ["g01", "g02", "g10"]
    assert data["development_needs"] == ["g05", "g07"]


@pytest.mark.parametrize(
    ("answered", "shown"),
    [
        # professionals' competentioneel section has 3 items: 2 is at least half, 1 is not
        ({"p01": 3}, False),
        ({"p01": 3, "p02": 1}, True),
        ({"p01": 3, "p02": 1, "p03": 0}, True),
        ({}, False),
    ],
)
def test_a_section_mean_needs_half_of_its_items(answered: dict, shown: bool) -> None:
    section = score(PROFESSIONALS, answered).sections[0]
    assert (section.mean is not None) is shown


@given(instrument_and_answers(languages=True))
def test_totals_add_up_to_the_answered_count(case: tuple[Instrument, dict]) -> None:
    instrument, answers = case
    result = score(instrument, answers)
    given_values = [v for v in answers.values() if v is not None]
    assert sum(result.totals_per_category.values()) == len(given_values) == result.answered
    assert set(result.totals_per_category) == {0, 1, 2, 3, 4}
    for value, count in result.totals_per_category.items():
        assert count == given_values.count(value)
    assert len(result.unanswered) == len(instrument.items) - len(given_values)
    assert sum(s.answered for s in result.sections) == result.answered


@given(instrument_and_answers())
def test_means_lie_within_0_and_4_and_follow_the_half_rule(case: tuple[Instrument, dict]) -> None:
    instrument, answers = case
    for section in score(instrument, answers).sections:
        assert section.items == len(instrument.section(section.id).items)
        if section.answered * 2 >= section.items and section.answered > 0:
            assert section.mean is not None
            assert 0 <= section.mean <= 4
        else:
            assert section.mean is None


@given(instrument_and_answers())
def test_strengths_and_needs_follow_the_thresholds(case: tuple[Instrument, dict]) -> None:
    instrument, answers = case
    result = score(instrument, answers)
    checked = validate(instrument, answers)
    assert result.strengths == tuple(k for k, v in checked.items() if v in (3, 4))
    assert result.development_needs == tuple(k for k, v in checked.items() if v in (0, 1))
    assert result.unanswered == tuple(k for k, v in checked.items() if v is None)
    assert not set(result.strengths) & set(result.development_needs)


# --- compare -----------------------------------------------------------------------------------


def test_compare_example() -> None:
    before = {"p01": 1, "p02": 1, "p04": 2, "p06": 0}
    after = {"p01": 3, "p02": 2, "p03": 4, "p04": 1, "p05": 3}
    result = compare(PROFESSIONALS, before, after)
    changes = {i.id: i.change for i in result.items}
    assert changes == {
        "p01": 2,
        "p02": 1,
        "p03": None,
        "p04": -1,
        "p05": None,
        "p06": None,
        "p07": None,
        "p08": None,
    }
    sections = {s.id: (s.before, s.after, s.change) for s in result.sections}
    assert sections["competentioneel"] == (1.0, 3.0, 2.0)
    assert sections["sociaal"] == (2.0, 2.0, 0.0)
    assert sections["motivationeel"] == (None, None, None)  # 1 of 3 answered: no mean
    data = result.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["items"][0] == {"id": "p01", "before": 1, "after": 3, "change": 2}


def test_compare_refuses_invalid_answers() -> None:
    with pytest.raises(AnswerError):
        compare(PROFESSIONALS, {"p01": 1}, {"p01": 9})


@given(
    st.sampled_from(INSTRUMENTS).flatmap(
        lambda i: st.tuples(st.just(i), answer_sets(i), answer_sets(i))
    )
)
def test_change_is_after_minus_before(case: tuple[Instrument, dict, dict]) -> None:
    instrument, before, after = case
    result = compare(instrument, before, after)
    for change in result.items:
        if change.before is None or change.after is None:
            assert change.change is None
        else:
            assert change.change == change.after - change.before
    for section in result.sections:
        if section.before is None or section.after is None:
            assert section.change is None
        else:
            assert section.change == pytest.approx(section.after - section.before)
    same = compare(instrument, before, before)
    assert all(c.change in (0, None) for c in same.items)


@given(
    st.sampled_from(INSTRUMENTS).flatmap(
        lambda i: st.tuples(st.just(i), answer_sets(i), answer_sets(i))
    )
)
def test_compare_sections_is_the_section_part_of_compare(
    case: tuple[Instrument, dict, dict],
) -> None:
    """``compare_sections`` (the submit's "score gedaald") gives exactly what ``compare`` gives
    per section, and both give each side's section mean as ``score`` does."""
    instrument, before, after = case
    sections = compare_sections(instrument, before, after)
    assert sections == compare(instrument, before, after).sections
    first, second = score(instrument, before), score(instrument, after)
    assert [s.id for s in sections] == [s.id for s in instrument.sections]
    assert [(s.before, s.after) for s in sections] == [
        (first.section(s.id).mean, second.section(s.id).mean) for s in sections
    ]


def test_compare_sections_refuses_invalid_answers() -> None:
    with pytest.raises(AnswerError):
        compare_sections(PROFESSIONALS, {"p01": 1}, {"p01": 9})
    with pytest.raises(AnswerError):
        compare_sections(PROFESSIONALS, {"x99": 1}, {"p01": 1})


# --- aggregate ---------------------------------------------------------------------------------


def figures(data: object) -> list[object]:
    """Every number in JSON-ready data (bools excluded)."""
    if isinstance(data, dict):
        return [x for value in data.values() for x in figures(value)]
    if isinstance(data, list):
        return [x for value in data for x in figures(value)]
    if isinstance(data, int | float) and not isinstance(data, bool):
        return [data]
    return []


def test_aggregate_example() -> None:
    sets: list[dict[str, int | None]] = [
        {"p01": 4, "p02": 3, "p04": 2},
        {"p01": 2, "p02": 3},
        {"p01": 0},
        {"p01": 4, "p02": None, "p03": 1},
        {"p01": 4, "p08": 2},
        {},  # empty: not a respondent
    ]
    result = aggregate(PROFESSIONALS, sets)
    assert not result.suppressed
    assert result.n == 5
    p01 = result.items[0]
    assert p01.answered == 5
    assert p01.distribution == {0: 1, 1: 0, 2: 1, 3: 0, 4: 3}
    assert p01.mean == pytest.approx(14 / 5)
    # p03 has one answer: too few behind that figure, whatever the group's size.
    assert result.items[2] == ItemAggregate("p03", None, None, None)
    assert result.items[6].mean is None
    competence = result.sections[0]
    # 3 respondents have a section mean (2 of 3 answered): too few for that figure.
    assert competence.respondents is None and competence.mean is None
    # Totals count the items shown only (p01), so no subtraction reveals the hidden answers.
    assert result.totals_per_category == {0: 1, 1: 0, 2: 1, 3: 0, 4: 3}
    data = result.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["items"][0]["distribution"] == {"0": 1, "1": 0, "2": 1, "3": 0, "4": 3}


def test_a_section_shows_from_five_respondents_with_a_section_mean() -> None:
    sets: list[dict[str, int | None]] = [
        {"p01": 4, "p02": 3},
        {"p01": 2, "p02": 3},
        {"p01": 0, "p02": 2},
        {"p01": 4, "p02": None, "p03": 1},
        {"p01": 4, "p03": 2},
        {"p01": 3},  # one of three: no section mean
    ]
    result = aggregate(PROFESSIONALS, sets)
    competence = result.sections[0]
    assert competence.respondents == 5
    assert competence.mean == pytest.approx((3.5 + 2.5 + 1 + 2.5 + 3) / 5)
    assert result.items[0].answered == 6
    assert result.items[1].answered is None  # p02: 4 answers


def test_a_group_under_five_shows_nothing() -> None:
    # Four respondents; an empty set and a set of only "no answer" are not respondents.
    sets: list[dict[str, int | None]] = [
        {"p01": 4},
        {"p01": 3},
        {"p01": 2},
        {"p01": 1},
        {},
        {"p02": None},
    ]
    result = aggregate(PROFESSIONALS, sets)
    assert result.suppressed
    assert result.n is None
    assert result.totals_per_category is None
    assert all(
        i.answered is None and i.distribution is None and i.mean is None for i in result.items
    )
    assert all(s.mean is None and s.respondents is None for s in result.sections)
    data = result.to_dict()
    data.pop("min_group_size")
    assert figures(data) == []


def test_min_group_size_can_be_raised_but_not_lowered() -> None:
    sets = [{"p01": 4}] * 6
    assert not aggregate(PROFESSIONALS, sets).suppressed
    assert aggregate(PROFESSIONALS, sets, min_group_size=7).suppressed
    with pytest.raises(ValueError, match="5"):
        aggregate(PROFESSIONALS, sets, min_group_size=4)


def test_aggregate_names_the_invalid_answer_sets() -> None:
    with pytest.raises(AnswerError) as error:
        aggregate(PROFESSIONALS, [{"p01": 4}, {"p01": 7}, {"q": 1}])
    messages = [p.message for p in error.value.problems]
    assert messages[0].startswith("antwoordset 2:")
    assert messages[1].startswith("antwoordset 3:")


@given(instrument_and_answers(), st.integers(min_value=MIN_GROUP_SIZE, max_value=30))
def test_aggregate_of_one_answer_set_repeated_equals_that_set(
    case: tuple[Instrument, dict], times: int
) -> None:
    instrument, answers = case
    single = score(instrument, answers)
    assume(single.answered > 0)
    result = aggregate(instrument, [answers] * times)
    assert not result.suppressed
    assert result.n == times
    for item in result.items:
        value = single.answers[item.id]
        assert item.mean == value
        if value is None:
            assert item.answered is None  # nobody answered it: no figure
        else:
            assert item.answered == times
            assert item.distribution == {v: times if v == value else 0 for v in range(5)}
    for mine, theirs in zip(single.sections, result.sections, strict=True):
        if mine.mean is None:
            assert theirs.mean is None
        else:
            assert theirs.mean is not None
            assert math.isclose(theirs.mean, mine.mean)
    assert result.totals_per_category == {
        k: v * times for k, v in single.totals_per_category.items()
    }


@given(
    st.sampled_from(INSTRUMENTS).flatmap(
        lambda i: st.tuples(st.just(i), st.lists(answer_sets(i), max_size=12))
    )
)
def test_nothing_of_a_group_under_five_leaks(case: tuple[Instrument, list[dict]]) -> None:
    instrument, sets = case
    respondents = sum(1 for s in sets if any(v is not None for v in s.values()))
    result = aggregate(instrument, sets)
    assert result.suppressed is (respondents < MIN_GROUP_SIZE)
    if result.suppressed:
        assert result.n is None
        data = result.to_dict()
        assert data.pop("min_group_size") == MIN_GROUP_SIZE
        assert figures(data) == []
    else:
        assert result.n == respondents
    # Every figure that is shown has at least the minimum behind it: items and sections too.
    for item in result.items:
        assert item.answered is None or item.answered >= MIN_GROUP_SIZE
    for section in result.sections:
        assert section.respondents is None or section.respondents >= MIN_GROUP_SIZE
    if result.totals_per_category is not None:
        shown = sum(item.answered or 0 for item in result.items)
        assert sum(result.totals_per_category.values()) == shown
