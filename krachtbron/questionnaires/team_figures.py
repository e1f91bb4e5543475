"""Anonymous figures of one team, computed in the database (no answers are loaded into Python).

The rules are the engine's (``krachtbron.instruments.aggregate``): a respondent is a completed
response with at least one answered item; per item the distribution over 0–4; per section the
mean of the respondents' section means, each counted only when at least half of the section is
answered; nothing at all is shown below ``MIN_GROUP_SIZE`` respondents. A test checks these
queries against ``aggregate`` on the same data.
"""

import math
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Subquery,
    When,
)
from django.db.models.functions import Cast

from krachtbron.accounts.models import Team
from krachtbron.instruments import (
    SCALE_VALUES,
    SECTION_MIN_ANSWERED_SHARE,
    Instrument,
    get_instrument,
)
from krachtbron.lib.charts import distribution_bar
from krachtbron.questionnaires.models import DEFAULT_INSTRUMENT, Answer, Response


@dataclass
class ItemFigure:
    number: int
    id: str
    text: str
    answered: int
    distribution: list[int]
    mean: float | None
    chart: Any


@dataclass
class SectionFigure:
    title: str
    respondents: int
    mean: float | None


@dataclass
class TeamFigures:
    instrument: Instrument
    min_group_size: int
    suppressed: bool
    n: int | None
    items: list[ItemFigure]
    sections: list[SectionFigure]


def completed_responses(team: Team, instrument: Instrument, moment: str | None = None) -> Any:
    responses = Response.objects.filter(
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        team=team,
        completed_at__isnull=False,
    )
    if moment:
        responses = responses.filter(moment=moment)
    return responses


def team_figures(
    team: Team, *, instrument_id: str = DEFAULT_INSTRUMENT, moment: str | None = None
) -> TeamFigures:
    instrument = get_instrument(instrument_id, "nl")
    minimum = settings.MIN_GROUP_SIZE
    answered = Answer.objects.filter(response=OuterRef("pk"), value__isnull=False)
    respondents = completed_responses(team, instrument, moment).filter(Exists(answered))
    n = respondents.count()
    if n < minimum:
        # Nothing of a small group is shown, not even its size.
        return TeamFigures(instrument, minimum, True, None, [], [])

    counts: dict[str, dict[int, int]] = {item_id: {} for item_id in instrument.item_ids}
    rows = (
        Answer.objects.filter(
            response__in=respondents.values("pk"),
            item_id__in=instrument.item_ids,
            value__isnull=False,
        )
        .values("item_id", "value")
        .annotate(count=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["item_id"]][row["value"] or 0] = row["count"]  # never None: filtered
    items = []
    for number, item in enumerate(instrument.items, start=1):
        distribution = [counts[item.id].get(value, 0) for value in SCALE_VALUES]
        total = sum(distribution)
        weighted = sum(v * c for v, c in zip(SCALE_VALUES, distribution, strict=True))
        items.append(
            ItemFigure(
                number=number,
                id=item.id,
                text=item.text,
                answered=total,
                distribution=distribution,
                mean=weighted / total if total else None,
                chart=distribution_bar(
                    distribution,
                    title=f"Vraag {number}: verdeling van de antwoorden",
                    desc=", ".join(
                        f"{instrument.scale_label(v)}: {c}"
                        for v, c in zip(SCALE_VALUES, distribution, strict=True)
                    ),
                ),
            )
        )
    return TeamFigures(
        instrument, minimum, False, n, items, _section_figures(instrument, respondents)
    )


def _section_figures(instrument: Instrument, respondents: Any) -> list[SectionFigure]:
    """One query: per respondent the section mean and count (subqueries), then the group mean."""
    annotations: dict[str, Any] = {}
    aggregates: dict[str, Any] = {}
    for index, section in enumerate(instrument.sections):
        in_section = Answer.objects.filter(
            response=OuterRef("pk"), item_id__in=section.item_ids, value__isnull=False
        ).values("response")
        annotations[f"m{index}"] = Subquery(
            in_section.annotate(a=Avg(Cast("value", FloatField()))).values("a"),
            output_field=FloatField(),
        )
        annotations[f"c{index}"] = Subquery(
            in_section.annotate(c=Count("id")).values("c"), output_field=IntegerField()
        )
        needed = math.ceil(SECTION_MIN_ANSWERED_SHARE * len(section.items))
        shown = When(**{f"c{index}__gte": needed}, then=F(f"m{index}"))
        aggregates[f"mean{index}"] = Avg(Case(shown, output_field=FloatField()))
        aggregates[f"n{index}"] = Count(
            Case(When(**{f"c{index}__gte": needed}, then=1), output_field=IntegerField())
        )
    figures = respondents.annotate(**annotations).aggregate(**aggregates)
    return [
        SectionFigure(
            title=section.title,
            respondents=figures[f"n{index}"],
            mean=None if figures[f"mean{index}"] is None else float(figures[f"mean{index}"]),
        )
        for index, section in enumerate(instrument.sections)
    ]
