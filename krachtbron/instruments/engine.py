"""Scoring engine: score and compare answer sets of one instrument.

Plain functions over the dataclasses of ``model``; no I/O, no web framework. Answer sets are
checked by ``validation.validate`` first; group figures are ``aggregation.aggregate``. The rules:

* The handreiking's own scoring is the *totaal per antwoordcategorie*: how many items were answered
  0, 1, 2, 3 and 4. High scores show strengths, low scores development needs.
* Krachtbron adds (documented for users in docs/instruments.md): an item may be left unanswered;
  a section mean is the mean of its answered items and exists only when at least half of the
  section's items are answered; items scored ``STRENGTH_MIN``–4 are strengths and 0–``NEED_MAX``
  development needs; a group figure is shown only when at least ``MIN_GROUP_SIZE`` respondents
  stand behind that very figure (``aggregation.is_publishable``): the group, and within it each
  item and each section on its own.

Means are kept as exact floats in the dataclasses; ``to_dict()`` (and so all JSON output) rounds
them to ``MEAN_DECIMALS`` decimals, half up (``rounding.round_half_up``, the one rule for every
mean Krachtbron shows).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .model import (
    NEED_MAX,
    SCALE_VALUES,
    SECTION_MIN_ANSWERED_SHARE,
    STRENGTH_MIN,
    Dimension,
    Instrument,
    Section,
)
from .rounding import round_half_up
from .validation import Answers, validate

#: Decimals of a mean in ``to_dict()`` / JSON output.
MEAN_DECIMALS = 2

# The helpers below (``_mean`` … ``_dimension``) are shared with ``aggregation``: one place for
# how a mean is computed exactly and rounded for JSON.


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


def _section_change(section: Section, before: Answers, after: Answers) -> SectionChange:
    first, second = _exact_section_mean(section, before), _exact_section_mean(section, after)
    return SectionChange(
        id=section.id,
        title=section.title,
        dimension=section.dimension,
        before=_float(first),
        after=_float(second),
        change=None if first is None or second is None else _float(second - first),
    )


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
        _section_change(section, first.answers, second.answers) for section in instrument.sections
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


def compare_sections(
    instrument: Instrument, before: Mapping[Any, Any], after: Mapping[Any, Any]
) -> tuple[SectionChange, ...]:
    """Per section of ``instrument`` (in its order): both section means and their change, exactly
    as ``compare(instrument, before, after).sections``, without scoring every item of both sets
    (what a decision on section means needs, such as "score gedaald" at a submit).

    Raises ``AnswerError`` when either answer set is invalid, as ``compare`` does.
    """
    first, second = validate(instrument, before), validate(instrument, after)
    return tuple(_section_change(section, first, second) for section in instrument.sections)
