"""Group figures over many answer sets of one instrument, behind the one suppression rule.

``is_publishable`` is the rule for every group figure Krachtbron shows (SECURITY.md 10); the web
app's database cells follow the same rules (tested against ``aggregate``). Means are exact
fractions of whole-number totals until the one rounding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .engine import Score, _dimension, _exact_section_mean, _mean, _round, score
from .model import MIN_GROUP_SIZE, SCALE_VALUES, Dimension, Instrument, Section
from .validation import AnswerError, AnswerProblem


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
