"""Where each instrument's answers live and how a response maps to a cell (``cells``).

A cell of the family questionnaire and of the professionals is a team in a quarter; of the
organisation questionnaire a team in a round. An answer counts in the quarter of its completion
(family questionnaire) or of its creation (reflection), in Amsterdam time.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Case, IntegerField, Min, Q, Value, When
from django.db.models import F as Field

from krachtbron.instruments import Instrument
from krachtbron.instruments.ids import FAMILIES, PROFESSIONALS
from krachtbron.reflection.cells import CellSource
from krachtbron.reflection.models import (
    OrganisationAnswer,
    OrganisationResponse,
    ProfessionalAnswer,
    ProfessionalReflection,
)
from krachtbron.reflection.periods import (
    next_quarter,
    quarter_of,
    quarter_start,
    recent_quarters,
)


def family_source(instrument: Instrument) -> CellSource:
    """Completed family questionnaires; the quarter of completion in Amsterdam time. The
    "persons" behind every figure are families (distinct ``family_id``).

    The quarter is a CASE over the quarter boundaries (timezone-correct, no date functions, so
    the same SQL runs fast on SQLite and PostgreSQL).
    """
    from krachtbron.questionnaires.models import Answer, Response

    def response_filter(p: str) -> Q:
        return Q(
            **{
                f"{p}instrument_id": instrument.id,
                f"{p}instrument_version": instrument.version,
                f"{p}completed_at__isnull": False,
            }
        )

    # Newest quarter first: most answers are recent, so the CASE usually stops early. Answers
    # older than the retention period are purged (SECURITY.md 19), so the window covers all.
    quarters = recent_quarters(settings.RETENTION_YEARS)

    def quarter(p: str) -> Any:
        whens = [
            When(**{f"{p}completed_at__gte": quarter_start(q)}, then=Value(q))
            for q in quarters[:-1]
        ]
        return Case(*whens, default=Value(quarters[-1]), output_field=IntegerField())

    def unit_range(first: int, last: int) -> Q:
        return Q(
            completed_at__gte=quarter_start(first),
            completed_at__lt=quarter_start(next_quarter(last)),
        )

    def first_unit() -> int | None:
        first = Response.objects.filter(response_filter("")).aggregate(first=Min("completed_at"))
        return None if first["first"] is None else quarter_of(first["first"])

    return CellSource(
        responses=Response.objects.all(),
        answers=Answer.objects.all(),
        response_filter=response_filter,
        unit=quarter,
        quarter=quarter,
        # The unit behind a figure is the family, not the member: five members of one family
        # are one family's answers, and a figure of them would show that family to a
        # teamleider (docs/anonimiteit.md, rule 2; the research export counts families too).
        person=lambda p: Field(f"{p}family_id"),
        unit_range=unit_range,
        first_unit=first_unit,
    )


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
        return first["first"]

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


def source_for(instrument: Instrument) -> CellSource:
    if instrument.id == FAMILIES:
        return family_source(instrument)
    if instrument.id == PROFESSIONALS:
        return professionals_source(instrument)
    return organisation_source(instrument)
