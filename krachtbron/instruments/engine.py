"""Scoring engine: validate, score, compare and aggregate answer sets of one instrument.

Plain functions over the dataclasses of ``model``; no I/O, no web framework. The rules:

* The handreiking's own scoring is the *totaal per antwoordcategorie*: how many items were answered
  0, 1, 2, 3 and 4. High scores show strengths, low scores development needs.
* Krachtbron adds (documented for users in docs/instruments.md): an item may be left unanswered;
  a section mean is the mean of its answered items and exists only when at least half of the
  section's items are answered; items scored ``STRENGTH_MIN``–4 are strengths and 0–``NEED_MAX``
  development needs; a group figure is shown only when at least ``MIN_GROUP_SIZE`` respondents
  stand behind that very figure (``is_publishable``): the group, and within it each item and
  each section on its own.

Means are kept as exact floats in the dataclasses; ``to_dict()`` (and so all JSON output) rounds
them to ``MEAN_DECIMALS`` decimals, half up (``rounding.round_half_up``, the one rule for every
mean Krachtbron shows). Messages in ``AnswerError`` are Dutch: they reach end users.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .inputs import quote
from .model import (
    MIN_GROUP_SIZE,
    NEED_MAX,
    SCALE_VALUES,
    SECTION_MIN_ANSWERED_SHARE,
    STRENGTH_MIN,
    Dimension,
    Instrument,
    Section,
)
from .rounding import round_half_up

#: Decimals of a mean in ``to_dict()`` / JSON output.
MEAN_DECIMALS = 2

#: A validated answer set: every item id of the instrument, in order, with 0–4 or None.
Answers = dict[str, int | None]

# The keys an answer *document* may have: {"instrument": ..., "version": ..., "answers": {...}}.
_DOCUMENT_KEYS = ("answers", "instrument", "version", "language")


@dataclass(frozen=True)
class AnswerProblem:
    """One problem in an answer set; ``code`` is stable for programs, ``message`` is for people."""

    code: str
    message: str
    item_id: str | None = None

    def __str__(self) -> str:
        return self.message


class AnswerError(ValueError):
    """An answer set is invalid; ``problems`` lists every problem, not just the first."""

    def __init__(self, problems: Iterable[AnswerProblem]) -> None:
        self.problems: tuple[AnswerProblem, ...] = tuple(problems)
        count = len(self.problems)
        heading = "1 probleem" if count == 1 else f"{count} problemen"
        lines = "\n".join(f"- {p.message}" for p in self.problems)
        super().__init__(f"ongeldige antwoorden ({heading}):\n{lines}")


def _item_range(instrument: Instrument) -> str:
    ids = instrument.item_ids
    return f"{ids[0]} t/m {ids[-1]}" if len(ids) > 1 else ids[0]


def _check_document(
    instrument: Instrument, document: Mapping[Any, Any], problems: list[AnswerProblem]
) -> object:
    """Check the envelope of ``{"instrument", "version", "answers"}``; return its answers."""
    for key in document:
        if key not in _DOCUMENT_KEYS:
            problems.append(
                AnswerProblem(
                    "unknown_field",
                    f"onbekend veld {quote(key)} (toegestaan: {', '.join(_DOCUMENT_KEYS)})",
                )
            )
    for key in ("instrument", "version", "language"):
        if document.get(key) is not None and not isinstance(document[key], str):
            problems.append(
                AnswerProblem(
                    f"bad_{key}", f"het veld {key} moet een tekst zijn, niet {quote(document[key])}"
                )
            )
    named = document.get("instrument")
    if isinstance(named, str) and named != instrument.id:
        problems.append(
            AnswerProblem(
                "wrong_instrument",
                f"deze antwoorden horen bij vragenlijst {quote(named)}, "
                f"niet bij {quote(instrument.id)}",
            )
        )
    version = document.get("version")
    if isinstance(version, str) and version != instrument.version:
        problems.append(
            AnswerProblem(
                "wrong_version",
                f"deze antwoorden horen bij versie {quote(version)}, "
                f"niet bij versie {quote(instrument.version)} van {instrument.id}",
            )
        )
    answers = document["answers"]
    if not isinstance(answers, Mapping):
        problems.append(
            AnswerProblem(
                "not_a_mapping",
                "het veld answers moet een object zijn van vraag-id naar waarde, "
                f"niet {quote(answers)}",
            )
        )
        return {}
    return answers


def validate(instrument: Instrument, answers: Mapping[Any, Any]) -> Answers:
    """Check one answer set and return it complete: every item id, in order, with 0–4 or None.

    ``answers`` is either a mapping of item id to value, or a document
    ``{"instrument": id, "version": v, "answers": {item id: value}}`` whose ``instrument`` and
    ``version`` (both optional) must match ``instrument``. A missing item or ``None`` means
    unanswered. Raises ``AnswerError`` listing every problem: an unknown item, a value outside
    0–4, a value that is not an integer (``True``, ``3.0`` and ``"3"`` are refused), the wrong
    instrument or version.
    """
    problems: list[AnswerProblem] = []
    raw: object = answers
    # "answers" is a reserved word (no item may have that id), so its presence marks a document.
    if isinstance(raw, Mapping) and "answers" in raw:
        raw = _check_document(instrument, raw, problems)
    if not isinstance(raw, Mapping):
        raise AnswerError(
            [
                AnswerProblem(
                    "not_a_mapping",
                    "de antwoorden moeten een object zijn van vraag-id naar waarde "
                    '(bijvoorbeeld {"answers": {"' + instrument.item_ids[0] + '": 3}})',
                )
            ]
        )
    result: Answers = dict.fromkeys(instrument.item_ids)
    for key, value in raw.items():
        if not isinstance(key, str) or key not in result:
            problems.append(
                AnswerProblem(
                    "unknown_item",
                    f"onbekende vraag {quote(key)}: {instrument.id} heeft de vragen "
                    f"{_item_range(instrument)}",
                    item_id=key if isinstance(key, str) else None,
                )
            )
            continue
        if value is None:
            continue
        # bool is a subclass of int in Python: True must not count as 1.
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(
                AnswerProblem(
                    "not_an_integer",
                    f"vraag {key}: {quote(value)} is geen geheel getal van "
                    f"{SCALE_VALUES[0]} t/m {SCALE_VALUES[-1]}",
                    item_id=key,
                )
            )
            continue
        if value not in SCALE_VALUES:
            problems.append(
                AnswerProblem(
                    "out_of_range",
                    f"vraag {key}: {quote(value)} ligt niet tussen {SCALE_VALUES[0]} en "
                    f"{SCALE_VALUES[-1]}",
                    item_id=key,
                )
            )
            continue
        result[key] = value
    if problems:
        raise AnswerError(problems)
    return result


def _mean(values: list[int]) -> float | None:
    # Whole numbers: the sum is exact, the one division rounds once to the nearest float.
    return sum(values) / len(values) if values else None


def _exact_section_mean(section: Section, answers: Mapping[str, int | None]) -> Fraction | None:
    values = [v for item in section.items if (v := answers.get(item.id)) is not None]
    if not values or len(values) < SECTION_MIN_ANSWERED_SHARE * len(section.items):
        return None
    return Fraction(sum(values), len(values))


def _float(value: Fraction | None) -> float | None:
    """An exact mean as the float nearest to it: its shortest decimal (``repr``, which the
    rounding rule reads) is the exact value whenever that has few decimals, so an exact
    1.45 rounds to 1,5 and never drifts to 1.4499999999999997."""
    return None if value is None else float(value)


def _round(value: float | None) -> float | None:
    return None if value is None else float(round_half_up(value, MEAN_DECIMALS))


def _dimension(value: Dimension | None) -> str | None:
    return value.value if value is not None else None


def section_mean(section: Section, answers: Mapping[str, int | None]) -> float | None:
    """The mean of a section's answered items, or None when fewer than half are answered."""
    return _float(_exact_section_mean(section, answers))


@dataclass(frozen=True)
class SectionScore:
    """One section of one answer set: how many items answered, and the mean when it may be shown."""

    id: str
    title: str
    dimension: Dimension | None
    answered: int
    items: int
    mean: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; the mean rounded to ``MEAN_DECIMALS`` decimals."""
        return {
            "id": self.id,
            "title": self.title,
            "dimension": _dimension(self.dimension),
            "answered": self.answered,
            "items": self.items,
            "mean": _round(self.mean),
        }


@dataclass(frozen=True)
class Score:
    """The score of one answer set. Item id lists are in the instrument's order."""

    instrument_id: str
    version: str
    language: str
    answers: Answers
    totals_per_category: dict[int, int]
    sections: tuple[SectionScore, ...]
    strengths: tuple[str, ...]
    development_needs: tuple[str, ...]
    unanswered: tuple[str, ...]

    @property
    def answered(self) -> int:
        """How many items were answered."""
        return sum(self.totals_per_category.values())

    def section(self, section_id: str) -> SectionScore:
        """The score of one section; raise KeyError when there is none."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (category keys as strings "0"–"4", means rounded)."""
        return {
            "instrument": self.instrument_id,
            "version": self.version,
            "language": self.language,
            "answers": dict(self.answers),
            "answered": self.answered,
            "items": len(self.answers),
            "totals_per_category": {str(k): v for k, v in self.totals_per_category.items()},
            "sections": [s.to_dict() for s in self.sections],
            "strengths": list(self.strengths),
            "development_needs": list(self.development_needs),
            "unanswered": list(self.unanswered),
        }


def score(instrument: Instrument, answers: Mapping[Any, Any]) -> Score:
    """Score one answer set (validated first; see ``validate`` for what ``answers`` may be).

    ``totals_per_category`` counts the items answered 0, 1, 2, 3 and 4 (the handreiking's
    *totaal per antwoordcategorie*); ``strengths`` are items scored 3–4, ``development_needs``
    items scored 0–1; a section's ``mean`` is None unless at least half of its items are answered.
    """
    checked = validate(instrument, answers)
    totals = dict.fromkeys(SCALE_VALUES, 0)
    for value in checked.values():
        if value is not None:
            totals[value] += 1
    sections = tuple(
        SectionScore(
            id=section.id,
            title=section.title,
            dimension=section.dimension,
            answered=sum(checked[item_id] is not None for item_id in section.item_ids),
            items=len(section.items),
            mean=section_mean(section, checked),
        )
        for section in instrument.sections
    )
    return Score(
        instrument_id=instrument.id,
        version=instrument.version,
        language=instrument.language,
        answers=checked,
        totals_per_category=totals,
        sections=sections,
        strengths=tuple(k for k, v in checked.items() if v is not None and v >= STRENGTH_MIN),
        development_needs=tuple(k for k, v in checked.items() if v is not None and v <= NEED_MAX),
        unanswered=tuple(k for k, v in checked.items() if v is None),
    )


@dataclass(frozen=True)
class ItemChange:
    """One item in two measurements; ``change`` is after − before, None if either is missing."""

    id: str
    before: int | None
    after: int | None
    change: int | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"id": self.id, "before": self.before, "after": self.after, "change": self.change}


@dataclass(frozen=True)
class SectionChange:
    """One section mean in two measurements; ``change`` is None unless both means exist."""

    id: str
    title: str
    dimension: Dimension | None
    before: float | None
    after: float | None
    change: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; means and change rounded to ``MEAN_DECIMALS`` decimals."""
        return {
            "id": self.id,
            "title": self.title,
            "dimension": _dimension(self.dimension),
            "before": _round(self.before),
            "after": _round(self.after),
            "change": _round(self.change),
        }


@dataclass(frozen=True)
class Comparison:
    """Change between two answer sets of one instrument, per item and per section."""

    instrument_id: str
    version: str
    language: str
    items: tuple[ItemChange, ...]
    sections: tuple[SectionChange, ...]
    before: Score
    after: Score

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: per item and per section before, after and change."""
        return {
            "instrument": self.instrument_id,
            "version": self.version,
            "language": self.language,
            "items": [i.to_dict() for i in self.items],
            "sections": [s.to_dict() for s in self.sections],
        }


def _exact_change(section: Section, before: Answers, after: Answers) -> Fraction | None:
    first, second = _exact_section_mean(section, before), _exact_section_mean(section, after)
    return None if first is None or second is None else second - first


def compare(
    instrument: Instrument, before: Mapping[Any, Any], after: Mapping[Any, Any]
) -> Comparison:
    """Compare two answer sets of one instrument (for example at the start and end of help).

    Per item the change is ``after − before``; per section the change of the section means. A
    change is None when either side is missing (item unanswered, or section mean not shown).
    Raises ``AnswerError`` when either answer set is invalid.
    """
    first, second = score(instrument, before), score(instrument, after)
    items = tuple(
        ItemChange(
            id=item_id,
            before=(b := first.answers[item_id]),
            after=(a := second.answers[item_id]),
            change=None if a is None or b is None else a - b,
        )
        for item_id in instrument.item_ids
    )
    sections = tuple(
        SectionChange(
            id=s1.id,
            title=s1.title,
            dimension=s1.dimension,
            before=s1.mean,
            after=s2.mean,
            change=_float(_exact_change(section, first.answers, second.answers)),
        )
        for section, s1, s2 in zip(
            instrument.sections, first.sections, second.sections, strict=True
        )
    )
    return Comparison(
        instrument_id=instrument.id,
        version=instrument.version,
        language=instrument.language,
        items=items,
        sections=sections,
        before=first,
        after=second,
    )


@dataclass(frozen=True)
class ItemAggregate:
    """One item over a group. Every figure is None when the group is too small."""

    id: str
    answered: int | None
    distribution: dict[int, int] | None
    mean: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (distribution keys as strings "0"–"4", mean rounded)."""
        return {
            "id": self.id,
            "answered": self.answered,
            "distribution": (
                None
                if self.distribution is None
                else {str(k): v for k, v in self.distribution.items()}
            ),
            "mean": _round(self.mean),
        }


@dataclass(frozen=True)
class SectionAggregate:
    """One section over a group: the mean of the respondents' section means.

    ``respondents`` counts the respondents whose section mean exists (half the items answered).
    """

    id: str
    title: str
    dimension: Dimension | None
    respondents: int | None
    mean: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; the mean rounded to ``MEAN_DECIMALS`` decimals."""
        return {
            "id": self.id,
            "title": self.title,
            "dimension": _dimension(self.dimension),
            "respondents": self.respondents,
            "mean": _round(self.mean),
        }


@dataclass(frozen=True)
class Aggregate:
    """Figures over a group of answer sets.

    When ``suppressed`` (fewer than ``min_group_size`` respondents) every figure — ``n`` included —
    is None: nothing of a small group is ever partly shown. Items and sections are still listed,
    by id and title, so a table can show "te weinig respondenten" in each row.
    """

    instrument_id: str
    version: str
    language: str
    min_group_size: int
    suppressed: bool
    n: int | None
    totals_per_category: dict[int, int] | None
    items: tuple[ItemAggregate, ...]
    sections: tuple[SectionAggregate, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (category keys as strings, means rounded)."""
        totals = self.totals_per_category
        return {
            "instrument": self.instrument_id,
            "version": self.version,
            "language": self.language,
            "min_group_size": self.min_group_size,
            "suppressed": self.suppressed,
            "n": self.n,
            "totals_per_category": (
                None if totals is None else {str(k): v for k, v in totals.items()}
            ),
            "items": [i.to_dict() for i in self.items],
            "sections": [s.to_dict() for s in self.sections],
        }


def is_publishable(respondents: int | None, min_group_size: int = MIN_GROUP_SIZE) -> bool:
    """The suppression rule of every group figure (SECURITY.md 10): a figure may be shown only
    when the respondents behind *that very figure* number at least ``min_group_size`` (never
    below ``MIN_GROUP_SIZE``). For an item that is the number who answered it, for a section the
    number with a section mean, for a group its respondents."""
    return respondents is not None and respondents >= max(min_group_size, MIN_GROUP_SIZE)


def aggregate(
    instrument: Instrument,
    answer_sets: Iterable[Mapping[Any, Any]],
    min_group_size: int = MIN_GROUP_SIZE,
) -> Aggregate:
    """Group figures over many answer sets of one instrument.

    ``n`` is the number of respondents: answer sets with at least one answered item (an empty set
    tells nothing and must not help a small group over the threshold). Per item: the distribution
    over 0–4, the number of answers and the mean; per section: the mean of the respondents'
    section means (each counted only when half the section is answered). When ``n`` is below
    ``min_group_size`` every figure is None; an item answered, or a section scored, by fewer
    than ``min_group_size`` respondents has None figures too (``is_publishable``), and the
    totals per answer category count only the items that are shown, so no subtraction reveals
    a hidden item. ``min_group_size`` may be raised but never set below
    ``MIN_GROUP_SIZE`` (ValueError). Raises ``AnswerError`` listing the problems of every invalid
    set, each prefixed with its position (1-based).
    """
    if isinstance(min_group_size, bool) or not isinstance(min_group_size, int):
        raise TypeError("min_group_size must be an integer")
    if min_group_size < MIN_GROUP_SIZE:
        # A lower threshold would switch off a privacy rule (SECURITY.md, requirement 10).
        raise ValueError(f"min_group_size may not be below {MIN_GROUP_SIZE}")
    scores: list[Score] = []
    problems: list[AnswerProblem] = []
    for position, answers in enumerate(answer_sets, start=1):
        try:
            scores.append(score(instrument, answers))
        except AnswerError as exc:
            problems.extend(
                AnswerProblem(p.code, f"antwoordset {position}: {p.message}", p.item_id)
                for p in exc.problems
            )
    if problems:
        raise AnswerError(problems)
    respondents = [s for s in scores if s.answered > 0]
    suppressed = not is_publishable(len(respondents), min_group_size)
    if suppressed:
        items = tuple(ItemAggregate(item_id, None, None, None) for item_id in instrument.item_ids)
        sections = tuple(
            SectionAggregate(s.id, s.title, s.dimension, None, None) for s in instrument.sections
        )
        totals: dict[int, int] | None = None
    else:
        items = tuple(
            _item_aggregate(item_id, respondents, min_group_size) for item_id in instrument.item_ids
        )
        sections = tuple(
            _section_aggregate(section, index, respondents, min_group_size)
            for index, section in enumerate(instrument.sections)
        )
        totals = dict.fromkeys(SCALE_VALUES, 0)
        for item in items:
            for value, count in (item.distribution or {}).items():
                totals[value] += count
    return Aggregate(
        instrument_id=instrument.id,
        version=instrument.version,
        language=instrument.language,
        min_group_size=min_group_size,
        suppressed=suppressed,
        n=None if suppressed else len(respondents),
        totals_per_category=totals,
        items=items,
        sections=sections,
    )


def _item_aggregate(item_id: str, respondents: list[Score], minimum: int) -> ItemAggregate:
    values = [v for one in respondents if (v := one.answers[item_id]) is not None]
    if not is_publishable(len(values), minimum):
        return ItemAggregate(item_id, None, None, None)
    distribution = dict.fromkeys(SCALE_VALUES, 0)
    for value in values:
        distribution[value] += 1
    return ItemAggregate(item_id, len(values), distribution, _mean(values))


def _section_aggregate(
    section: Section, index: int, respondents: list[Score], minimum: int
) -> SectionAggregate:
    # The mean of the respondents' exact section means (fractions of whole-number totals), so
    # the engine, SQLite and PostgreSQL (insight/cells.py) round the same exact value.
    means = [
        m for one in respondents if (m := _exact_section_mean(section, one.answers)) is not None
    ]
    if not is_publishable(len(means), minimum):
        return SectionAggregate(section.id, section.title, section.dimension, None, None)
    mean = sum(means, Fraction(0)) / len(means)
    return SectionAggregate(section.id, section.title, section.dimension, len(means), float(mean))
