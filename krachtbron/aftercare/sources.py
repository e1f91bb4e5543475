"""The follow-up check-ins as a source of group figures (``lib.answer_sources``): per team and
closed quarter of the answer date, at 1, 3 and 6 months, the share of families whose agreements
still work and the mean of "how it goes" (0-10). The person behind an answer is the family, as
for the family questionnaire (docs/anonimiteit.md, rule 2)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Case, F, IntegerField, Min, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from krachtbron.aftercare.choices import AgreementsWork
from krachtbron.aftercare.models import FollowUp
from krachtbron.lib.answer_sources import OutcomeSource, register_outcome_source
from krachtbron.lib.quarters import next_quarter, quarter_of, quarter_start, recent_quarters

SOURCE_ID = "nazorg"


def _quarter() -> Any:
    """The quarter of the answer date as a CASE over the quarter boundaries (Amsterdam time;
    the same SQL on SQLite and PostgreSQL), newest first."""
    quarters = recent_quarters(settings.RETENTION_YEARS)
    whens = [When(answered_at__gte=quarter_start(q), then=Value(q)) for q in quarters[:-1]]
    return Case(*whens, default=Value(quarters[-1]), output_field=IntegerField())


def rows(first: int, last: int) -> QuerySet[FollowUp]:
    """The answered check-ins of quarters ``first``..``last`` (see ``OutcomeSource``)."""
    return (
        FollowUp.objects.filter(
            answered_at__gte=quarter_start(first),
            answered_at__lt=quarter_start(next_quarter(last)),
            team__isnull=False,
        )
        .order_by()
        .annotate(
            o_team=F("team_id"),
            o_quarter=_quarter(),
            o_person=F("family_id"),
            o_group=F("month"),
            o_ok=Case(
                When(agreements_work=AgreementsWork.YES, then=Value(1)),
                When(~Q(agreements_work=""), then=Value(0)),
                default=None,
                output_field=IntegerField(),
            ),
            o_score=F("score"),
        )
    )


def first_quarter() -> int | None:
    first = FollowUp.objects.filter(answered_at__isnull=False).aggregate(first=Min("answered_at"))
    return None if first["first"] is None else quarter_of(first["first"])


def register() -> None:
    register_outcome_source(
        OutcomeSource(
            source_id=SOURCE_ID,
            app_label="aftercare",
            label=_("Nazorg: hoe gaat het na de hulp"),
            version="1",
            rows=rows,
            first_quarter=first_quarter,
            groups=tuple(settings.FOLLOWUP_MONTHS),
            ok_label=_("afspraken werken nog"),
            score_label=_("hoe gaat het (0-10)"),
            score_max=10,
        )
    )
