"""What the adviser reads: one response's score, its change, the trend, parent and youth side
by side. All figures come from the instrument engine (score, compare); this module only
arranges them for the templates."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from krachtbron.families.models import Family
from krachtbron.instruments import (
    NEED_MAX,
    SECTION_MIN_ANSWERED_SHARE,
    STRENGTH_MIN,
    Comparison,
    Instrument,
    Score,
    compare,
    score,
)
from krachtbron.lib.charts import Series, distribution_bar, line_chart
from krachtbron.lib.instrument_language import instrument_for_reader, short_section_name
from krachtbron.questionnaires.models import Moment, Response
from krachtbron.questionnaires.prompts import prompts_for


def staff_instrument(response: Response) -> Instrument:
    """The instrument version of this response, in the adviser's interface language when it
    exists (Dutch otherwise). Answers do not depend on the language they were given in."""
    return instrument_for_reader(response.instrument_id, response.instrument_version)


def answers_of(response: Response) -> dict[str, int | None]:
    return {a.item_id: a.value for a in response.answers.all()}


def moment_label(response: Response) -> str:
    assert response.completed_at is not None
    return f"{Moment(response.moment).label} {formats.date_format(response.completed_at, 'j F Y')}"


def _with_side_room(svg: SafeString, room: int = 48) -> SafeString:
    """Widen a chart's viewBox on both sides: line_chart centres its first and last x label on
    the plot's edges, which cuts off a long label such as "Afsluiting"."""
    match = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    if not match:
        return svg
    width, height = int(match.group(1)), int(match.group(2))
    widened = svg.replace(
        match.group(0), f'viewBox="-{room} 0 {width + 2 * room} {height}"', 1
    ).replace(f'width="{width}"', f'width="{width + 2 * room}"', 1)
    return mark_safe(widened)  # noqa: S308 - only numbers were changed in an escaped SVG


@dataclass
class ItemRow:
    number: int
    id: str
    text: str
    section: str
    value: int | None
    label: str
    strength: bool
    need: bool
    prompts: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ResponseResult:
    response: Response
    instrument: Instrument
    score: Score
    items: list[ItemRow]
    totals: list[dict[str, Any]]
    totals_chart: SafeString
    strengths: list[ItemRow]
    needs: list[ItemRow]
    min_share_percent: int = int(SECTION_MIN_ANSWERED_SHARE * 100)
    strength_min: int = STRENGTH_MIN
    need_max: int = NEED_MAX


def response_result(response: Response) -> ResponseResult:
    instrument = staff_instrument(response)
    result = score(instrument, answers_of(response))
    items = []
    for number, item in enumerate(instrument.items, start=1):
        value = result.answers[item.id]
        need = item.id in result.development_needs
        items.append(
            ItemRow(
                number=number,
                id=item.id,
                text=item.text,
                section=instrument.section(item.section_id).title,
                value=value,
                label=instrument.scale_label(value) if value is not None else "",
                strength=item.id in result.strengths,
                need=need,
                prompts=prompts_for(item.id) if need else [],
            )
        )
    totals = [
        {
            "value": option.value,
            "label": option.label,
            "count": result.totals_per_category[option.value],
        }
        for option in instrument.scale
    ]
    chart = distribution_bar(
        [result.totals_per_category[option.value] for option in instrument.scale],
        title=_("Totaal per antwoordcategorie"),
        desc=", ".join(f"{row['value']} {row['label']}: {row['count']}" for row in totals),
    )
    return ResponseResult(
        response=response,
        instrument=instrument,
        score=result,
        items=items,
        totals=totals,
        totals_chart=chart,
        strengths=[row for row in items if row.strength],
        needs=[row for row in items if row.need],
    )


@dataclass
class ChangeRow:
    number: int
    text: str
    before: int | None
    after: int | None
    change: int | None


def comparison_rows(
    instrument: Instrument, before: Response, after: Response
) -> tuple[Comparison, list[ChangeRow]]:
    comparison = compare(instrument, answers_of(before), answers_of(after))
    rows = [
        ChangeRow(number, instrument.item(c.id).text, c.before, c.after, c.change)
        for number, c in enumerate(comparison.items, start=1)
    ]
    return comparison, rows


def previous_response(response: Response) -> Response | None:
    """The same member's completed response just before this one (same instrument version)."""
    return (
        Response.objects.filter(
            member_id=response.member_id,
            instrument_id=response.instrument_id,
            instrument_version=response.instrument_version,
            completed_at__lt=response.completed_at,
        )
        .prefetch_related("answers")
        .order_by("-completed_at", "-id")
        .first()
    )


def side_by_side(response: Response) -> list[Response]:
    """The latest completed response of every other member of the family for the same moment."""
    others = (
        Response.objects.filter(
            family_id=response.family_id,
            moment=response.moment,
            instrument_id=response.instrument_id,
            instrument_version=response.instrument_version,
            completed_at__isnull=False,
        )
        .exclude(member_id=response.member_id)
        .select_related("member")
        .prefetch_related("answers")
        .order_by("member_id", "-completed_at")
    )
    latest: dict[int, Response] = {}
    for other in others:
        latest.setdefault(other.member_id, other)
    return list(latest.values())


def side_by_side_rows(
    instrument: Instrument, responses: Sequence[Response]
) -> list[dict[str, Any]]:
    answer_sets = [answers_of(r) for r in responses]
    return [
        {
            "number": number,
            "text": item.text,
            "values": [answers.get(item.id) for answers in answer_sets],
        }
        for number, item in enumerate(instrument.items, start=1)
    ]


@dataclass
class MemberTrend:
    member: Any
    responses: list[Response]
    chart: SafeString | None
    table: list[dict[str, Any]]  # per section: title and means per measurement
    labels: list[str]
    changes: list[ChangeRow]
    section_changes: list[Any]


def family_trends(family: Family, completed: Iterable[Response]) -> list[MemberTrend]:
    """Per member: section means over their measurements, and the change first → latest."""
    by_member: dict[int, list[Response]] = {}
    for response in completed:
        by_member.setdefault(response.member_id, []).append(response)
    trends = []
    for responses in by_member.values():
        responses.sort(key=lambda r: (r.completed_at, r.pk))
        latest = responses[-1]
        instrument = staff_instrument(latest)
        # Only measurements of the same instrument version are comparable.
        same = [r for r in responses if r.instrument_version == latest.instrument_version]
        scores = [score(instrument, answers_of(r)) for r in same]
        labels = [moment_label(r) for r in same]
        now = timezone.now()
        # The moment over its month and year: two short lines, not one long one that runs
        # into its neighbour's.
        chart_labels = [
            f"{Moment(r.moment).label}\n{formats.date_format(r.completed_at or now, 'F Y')}"
            for r in same
        ]
        table: list[dict[str, Any]] = [
            {
                "title": section.title,
                "short": short_section_name(section),
                "means": [s.sections[index].mean for s in scores],
            }
            for index, section in enumerate(instrument.sections)
        ]
        chart = None
        if len(same) > 1:
            chart = _with_side_room(
                line_chart(
                    [Series(str(row["short"]), row["means"]) for row in table],
                    chart_labels,
                    title=_("Verloop per onderdeel, %(name)s") % {"name": latest.member.first_name},
                    desc=_(
                        "Gemiddelde score per onderdeel (0 tot 4) per meting. "
                        "De tabel eronder geeft dezelfde cijfers."
                    ),
                    # 110 px per measurement: room for "september 2026" (it scrolls on a phone).
                    width=max(640, 104 + 110 * (len(same) - 1)),
                )
            )
        changes: list[ChangeRow] = []
        section_changes: list[Any] = []
        if len(same) > 1:
            comparison, changes = comparison_rows(instrument, same[0], same[-1])
            section_changes = list(comparison.sections)
        trends.append(
            MemberTrend(
                member=latest.member,
                responses=same,
                chart=chart,
                table=table,
                labels=labels,
                changes=changes,
                section_changes=section_changes,
            )
        )
    return trends


@dataclass
class ItemTrendRow:
    number: int
    text: str
    values: list[int | None]  # one per measurement; None: not answered
    chart: SafeString


@dataclass
class ItemTrend:
    """Every question of one member over all their measurements (same instrument version):
    a small chart per question (small multiples, legible on a phone) and one table."""

    labels: list[str]  # per measurement: moment and date, for the table's column heads
    dates: list[str]  # per measurement: month and year ("maart 2025"), the charts' time axis
    rows: list[ItemTrendRow]
    moments: list[str] = field(default_factory=list)  # per measurement: the moment's name
    axis: list[str] = field(default_factory=list)  # per measurement: the charts' "nov\n2025"

    @property
    def heads(self) -> list[tuple[str, str]]:
        """(moment, date) per measurement: a column head on two lines, narrow on a phone."""
        return list(zip(self.moments, self.dates, strict=True))


def time_axis(moments: Sequence[Any]) -> list[str]:
    """Month and year per measurement ("maart 2025", in the interface language); the day is
    added when two measurements fall in the same month, so no two points share a label."""
    months = [formats.date_format(m, "F Y") for m in moments]
    if len(set(months)) == len(months):
        return months
    return [formats.date_format(m, "j F Y") for m in moments]


def chart_axis(moments: Sequence[Any]) -> list[str]:
    """The time axis of a small chart: per measurement the short month ("nov", in English
    "Nov.") over the year ("nov\n2025"; ``lib.charts.line_chart`` puts the lines under each
    other), so a label is about 30 px wide and the points of a phone-sized chart (56 px apart)
    each keep their own label; the day is added when two measurements fall in the same month."""
    same_month = len({(m.year, m.month) for m in moments}) < len(moments)
    month = "j N" if same_month else "N"
    return [f"{formats.date_format(m, month)}\n{m.year}" for m in moments]


def item_trend(response: Response) -> ItemTrend | None:
    """The per-question trend of ``response``'s member up to now (every completed response of
    the same instrument and version, oldest first); None with fewer than two measurements."""
    same = list(
        Response.objects.filter(
            member_id=response.member_id,
            instrument_id=response.instrument_id,
            instrument_version=response.instrument_version,
            completed_at__isnull=False,
        )
        .prefetch_related("answers")
        .order_by("completed_at", "id")
    )
    if len(same) < 2:
        return None
    instrument = staff_instrument(response)
    answer_sets = [answers_of(r) for r in same]
    moments = [timezone.localtime(r.completed_at) for r in same if r.completed_at is not None]
    dates = time_axis(moments)
    axis = chart_axis(moments)
    labels = [f"{Moment(r.moment).label} {d}" for r, d in zip(same, dates, strict=True)]
    rows = []
    for number, item in enumerate(instrument.items, start=1):
        values = [answers.get(item.id) for answers in answer_sets]
        rows.append(
            ItemTrendRow(
                number=number,
                text=item.text,
                values=values,
                chart=_with_side_room(
                    line_chart(
                        [Series(_("Vraag %(number)s") % {"number": number}, values)],
                        axis,
                        title=_("Vraag %(number)s per meting") % {"number": number},
                        desc=_("Antwoord 0 tot 4 per meting; de tabel geeft dezelfde cijfers."),
                        width=max(300, 64 * len(dates)),  # scaled to fit a phone (css)
                        height=190,
                    ),
                    room=24,
                ),
            )
        )
    moment_names = [str(Moment(r.moment).label) for r in same]
    return ItemTrend(labels=labels, dates=dates, rows=rows, moments=moment_names, axis=axis)
