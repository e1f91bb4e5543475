"""Validation of one answer set: every problem found, in Dutch, or the complete answer set.

``validate`` is the one gate every answer passes before it is scored or stored (the web app, the
command line, FHIR import). Messages in ``AnswerError`` are Dutch: they reach end users; the
``code`` of each problem is stable for programs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .inputs import quote
from .model import SCALE_VALUES, Instrument

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
