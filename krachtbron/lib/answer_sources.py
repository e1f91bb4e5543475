"""Which app stores an instrument's answers, and how a response maps to a cell of group figures.

Every app registers the answer source of the instruments it stores, in its
``AppConfig.ready()``: ``questionnaires`` the instruments families fill in
(``questionnaires/sources.py``), ``reflection`` the professionals' reflection and the
organisation rounds (``reflection/sources.py``). Group figures (``insight``) look the source up
here; an instrument no app registered is an error (``UnregisteredInstrumentError``), never a
guess.

The registry lives here, below the apps, so that the apps that store answers register into it
and the app that reads them (``insight``, above them) only reads it: no app imports one above it
(docs/adr/0012-layers.md).

A cell of the family questionnaire and of the professionals is a team in a quarter; of the
organisation questionnaire a team in a round. An answer counts in the quarter of its completion
(family questionnaire) or of its creation (reflection), in Amsterdam time (``lib.quarters``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from krachtbron.instruments import Instrument

StrOrPromise = str | Promise


class PeriodKind(models.TextChoices):
    """The period of an instrument's group figures."""

    QUARTER = "quarter", _("kwartaal")
    ROUND = "round", _("ronde")


@dataclass(frozen=True)
class CellSource:
    """Where one instrument's answers live and how a response maps to a cell.

    ``responses`` and ``answers`` are the two tables; ``response_filter`` selects the responses
    that count (completed, this instrument and version); ``unit``/``quarter``/``person`` are
    expressions on the response. ``person`` is whoever stands behind an answer set for the
    suppression rule: a staff member, an anonymous answer set, or for the family questionnaire
    the family (members of one family are not five people as far as anonymity goes). Each
    callable takes a lookup prefix (``""`` here).
    """

    responses: QuerySet[Any]
    answers: QuerySet[Any]
    response_filter: Callable[[str], Q]
    unit: Callable[[str], Any]
    quarter: Callable[[str], Any]
    person: Callable[[str], Any]
    response_path: str = "response"
    team_field: str = "team_id"
    #: For quarter units: the responses of the quarters first..last (a condition on them) ...
    unit_range: Callable[[int, int], Q] | None = None
    #: ... and the first quarter with a counting response (None when there is none).
    first_unit: Callable[[], int | None] | None = None


class UnregisteredInstrumentError(LookupError):
    """No app registered where the answers of this instrument are stored."""

    def __init__(self, instrument_id: str) -> None:
        self.instrument_id = instrument_id
        known = ", ".join(sorted(_SOURCES)) or "none"
        super().__init__(
            f"no app registered the answers of instrument {instrument_id!r} "
            f"(register_source in its AppConfig.ready()); registered: {known}"
        )


@dataclass(frozen=True)
class AnswerSource:
    """Where one instrument's answers live: the app that stores them, how its responses map
    to cells (``cells(instrument)``: one version of the instrument) and the period of its
    group figures (a quarter, or a round for the organisation questionnaire).

    ``label`` names the instrument in the dashboard's choice of questionnaire (None: the
    instrument's title); ``voice`` names who speaks in the team mirror, which sets the
    instruments side by side per dimension (None: not in the mirror)."""

    instrument_id: str
    app_label: str
    cells: Callable[[Instrument], CellSource]
    period: PeriodKind = PeriodKind.QUARTER
    label: StrOrPromise | None = None
    voice: StrOrPromise | None = None


_SOURCES: dict[str, AnswerSource] = {}


def register_source(
    instrument_id: str,
    app_label: str,
    cells: Callable[[Instrument], CellSource],
    *,
    period: PeriodKind = PeriodKind.QUARTER,
    label: StrOrPromise | None = None,
    voice: StrOrPromise | None = None,
) -> None:
    """Register the answer source of ``instrument_id`` (call it in ``AppConfig.ready()``).

    Registering the same source again is harmless; a second, different source for one
    instrument raises ``ImproperlyConfigured``: two apps cannot both store its answers."""
    source = AnswerSource(instrument_id, app_label, cells, period, label, voice)
    existing = _SOURCES.get(instrument_id)
    if existing is not None and existing != source:
        raise ImproperlyConfigured(
            f"instrument {instrument_id!r} is already registered by {existing.app_label}"
        )
    _SOURCES[instrument_id] = source


def answer_source(instrument_id: str) -> AnswerSource:
    """The registration of ``instrument_id``; ``UnregisteredInstrumentError`` if there is none."""
    try:
        return _SOURCES[instrument_id]
    except KeyError:
        raise UnregisteredInstrumentError(instrument_id) from None


def registered_instruments(
    *, app_label: str | None = None, period: PeriodKind | None = None
) -> list[str]:
    """The registered instrument ids in registration order, optionally of one app or period."""
    return [
        s.instrument_id
        for s in _SOURCES.values()
        if (app_label is None or s.app_label == app_label)
        and (period is None or s.period == period)
    ]


def registered_sources() -> list[AnswerSource]:
    """Every registration, in registration order (apps register in ``INSTALLED_APPS`` order)."""
    return list(_SOURCES.values())


def source_for(instrument: Instrument) -> CellSource:
    """How the answers of this instrument version map to cells (see ``answer_source``)."""
    return answer_source(instrument.id).cells(instrument)


# --- Outcome sources: a share and a mean per group, not an instrument's items ---------------------


@dataclass(frozen=True)
class OutcomeSource:
    """Answers that are not items of a 0-4 instrument but two outcomes per answer: a yes/no
    (``ok``) whose share is shown, and a score whose mean is shown, per group (the follow-up
    check-in: do the agreements still work, how it goes 0-10, at 1, 3 and 6 months).

    ``rows(first, last)`` returns the answers that count in quarters ``first``..``last``, as a
    queryset with the annotations ``o_team`` (team id), ``o_quarter`` (quarter key, Amsterdam
    time), ``o_person`` (who stands behind the answer for the suppression rule: the family),
    ``o_group`` (an int: the month), ``o_ok`` (1, 0, or NULL when not answered) and ``o_score``
    (int or NULL). ``first_quarter()`` is the first quarter with an answer (None: none).
    ``groups`` are the group values in the order they are shown; ``version``
    is stored with each published period (a change of the questions is a new version)."""

    source_id: str
    app_label: str
    label: StrOrPromise
    version: str
    rows: Callable[[int, int], QuerySet[Any]]
    first_quarter: Callable[[], int | None]
    groups: tuple[int, ...]
    ok_label: StrOrPromise
    score_label: StrOrPromise
    score_max: int


_OUTCOMES: dict[str, OutcomeSource] = {}


def register_outcome_source(source: OutcomeSource) -> None:
    """Register an outcome source (call it in ``AppConfig.ready()``); ``insight`` publishes
    and shows its figures per team and closed quarter with the one suppression rule. The id
    must not be an instrument's (``ImproperlyConfigured``)."""
    if source.source_id in _SOURCES:
        raise ImproperlyConfigured(f"{source.source_id!r} is an instrument's answer source")
    existing = _OUTCOMES.get(source.source_id)
    if existing is not None and existing.app_label != source.app_label:
        raise ImproperlyConfigured(
            f"outcome source {source.source_id!r} is already registered by {existing.app_label}"
        )
    _OUTCOMES[source.source_id] = source


def outcome_source(source_id: str) -> OutcomeSource:
    """The registered outcome source ``source_id``; ``UnregisteredInstrumentError`` if none."""
    try:
        return _OUTCOMES[source_id]
    except KeyError:
        raise UnregisteredInstrumentError(source_id) from None


def registered_outcomes() -> list[OutcomeSource]:
    return list(_OUTCOMES.values())
