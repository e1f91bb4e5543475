"""The family questionnaire's answers as a source of group figures (``lib.answer_sources``).

Registered in ``QuestionnairesConfig.ready()`` for every instrument that families fill in: one
``register_family_instrument`` line per instrument (see CONTRIBUTING, "How to add an
instrument"). An answer counts in the quarter of its completion, in Amsterdam time.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Case, IntegerField, Min, Q, Value, When
from django.db.models import F as Field

from krachtbron.instruments import Instrument
from krachtbron.lib.answer_sources import (
    CellSource,
    StrOrPromise,
    register_source,
    registered_instruments,
)
from krachtbron.lib.quarters import next_quarter, quarter_of, quarter_start, recent_quarters
from krachtbron.questionnaires.models import Answer, Response

APP_LABEL = "questionnaires"


def register_family_instrument(
    instrument_id: str,
    *,
    label: StrOrPromise | None = None,
    voice: StrOrPromise | None = None,
) -> None:
    """Make ``instrument_id`` an instrument that families fill in: advisers can invite for it,
    its answers are stored in ``Response``/``Answer`` and counted per family per quarter.
    ``label`` names it in the dashboard (default: its title), ``voice`` in the team mirror
    (default: not in the mirror); see ``lib.answer_sources``."""
    register_source(instrument_id, APP_LABEL, family_source, label=label, voice=voice)


def family_instruments() -> list[str]:
    """The instruments families fill in, in registration order (the first is the default)."""
    return registered_instruments(app_label=APP_LABEL)


def family_source(instrument: Instrument) -> CellSource:
    """Completed family questionnaires; the quarter of completion in Amsterdam time. The
    "persons" behind every figure are families (distinct ``family_id``).

    The quarter is a CASE over the quarter boundaries (timezone-correct, no date functions, so
    the same SQL runs fast on SQLite and PostgreSQL).
    """

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
