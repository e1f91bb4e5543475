"""The answers this app stores as sources of group figures (``lib.answer_sources``).

Registered in ``ReflectionConfig.ready()``: the professionals' reflections (a cell is a team in
the quarter of the reflection's creation, Amsterdam time) and the anonymous answers of closed
organisation rounds (a cell is a team in one round).
"""

from __future__ import annotations

from django.db.models import F as Field
from django.db.models import Min, Q

from krachtbron.instruments import Instrument
from krachtbron.lib.answer_sources import CellSource
from krachtbron.reflection.models import (
    OrganisationAnswer,
    OrganisationResponse,
    ProfessionalAnswer,
    ProfessionalReflection,
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
