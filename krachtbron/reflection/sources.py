"""Which app stores an instrument's answers, and how a response maps to a cell (``cells``).

Every app registers the answer source of the instruments it stores, in its
``AppConfig.ready()``: ``questionnaires`` the family questionnaire (``questionnaires/sources.py``),
``reflection`` the professionals' reflection and the organisation rounds (below). Group figures
look the source up here; an instrument no app registered is an error
(``UnregisteredInstrumentError``), never a guess.

A cell of the family questionnaire and of the professionals is a team in a quarter; of the
organisation questionnaire a team in a round. An answer counts in the quarter of its completion
(family questionnaire) or of its creation (reflection), in Amsterdam time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import F as Field
from django.db.models import Min, Q

from krachtbron.instruments import Instrument
from krachtbron.reflection.cells import CellSource
from krachtbron.reflection.models import (
    OrganisationAnswer,
    OrganisationResponse,
    PeriodKind,
    ProfessionalAnswer,
    ProfessionalReflection,
)


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
    group figures (a quarter, or a round for the organisation questionnaire)."""

    instrument_id: str
    app_label: str
    cells: Callable[[Instrument], CellSource]
    period: PeriodKind = PeriodKind.QUARTER


_SOURCES: dict[str, AnswerSource] = {}


def register_source(
    instrument_id: str,
    app_label: str,
    cells: Callable[[Instrument], CellSource],
    *,
    period: PeriodKind = PeriodKind.QUARTER,
) -> None:
    """Register the answer source of ``instrument_id`` (call it in ``AppConfig.ready()``).

    Registering the same source again is harmless; a second, different source for one
    instrument raises ``ImproperlyConfigured``: two apps cannot both store its answers."""
    source = AnswerSource(instrument_id, app_label, cells, period)
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


def source_for(instrument: Instrument) -> CellSource:
    """How the answers of this instrument version map to cells (see ``answer_source``)."""
    return answer_source(instrument.id).cells(instrument)


def professionals_source(instrument: Instrument) -> CellSource:
    """Reflections whose author chose to count them; one per person per quarter."""

    def response_filter(p: str) -> Q:
        return Q(
            **{
                f"{p}counts_in_team": True,
                f"{p}superseded": False,
                f"{p}instrument_version": instrument.version,
            }
        )

    def first_unit() -> int | None:
        first = ProfessionalReflection.objects.filter(response_filter("")).aggregate(
            first=Min("quarter")
        )
        found: int | None = first["first"]
        return found

    return CellSource(
        responses=ProfessionalReflection.objects.all(),
        answers=ProfessionalAnswer.objects.all(),
        response_filter=response_filter,
        unit=lambda p: Field(f"{p}quarter"),
        quarter=lambda p: Field(f"{p}quarter"),
        person=lambda p: Field(f"{p}user_id"),
        response_path="reflection",
        unit_range=lambda first, last: Q(quarter__gte=first, quarter__lte=last),
        first_unit=first_unit,
    )


def organisation_source(instrument: Instrument) -> CellSource:
    """Anonymous answers of closed rounds; a cell is one team in one round."""
    return CellSource(
        responses=OrganisationResponse.objects.all(),
        answers=OrganisationAnswer.objects.all(),
        response_filter=lambda p: Q(**{f"{p}instrument_version": instrument.version}),
        unit=lambda p: Field(f"{p}round_id"),
        quarter=lambda p: Field(f"{p}quarter"),
        person=lambda p: Field(f"{p}id"),
    )
