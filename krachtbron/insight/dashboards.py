"""Team and organisation dashboards and the team mirror, over the registered instruments
(``lib.answer_sources``: every app registers the instruments whose answers it stores).

Every figure comes from published cells (``published``): the figures of closed quarters and
closed rounds, stored once after suppression (``suppression``). A page only chooses which whole
stored cells to add up, so subtracting one figure from another can never isolate a group under
the minimum, and reading a page before and after one more answer shows the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from krachtbron.accounts.models import Team
from krachtbron.families.choices import Dimension
from krachtbron.insight.cells import OTHER_TEAMS, Cell, Figures, ItemFigure, figures, merge
from krachtbron.insight.published import published_cells
from krachtbron.instruments import SCALE_VALUES, Instrument
from krachtbron.lib.answer_sources import registered_sources
from krachtbron.lib.charts import Series, distribution_bar, hbar_chart, line_chart
from krachtbron.lib.instrument_language import instrument_for_reader, short_section_name
from krachtbron.lib.numbers import shown_mean
from krachtbron.lib.quarters import quarter_label, quarters_between
from krachtbron.reflection.models import ReflectionRound


def dashboard_instruments() -> list[tuple[str, str]]:
    """The instruments a dashboard offers, as (id, label), in registration order: every
    registered answer source, named by its registered label or else its title."""
    return [
        (s.instrument_id, str(s.label or instrument_for_reader(s.instrument_id).title))
        for s in registered_sources()
    ]


def mirror_sources() -> list[tuple[str, str]]:
    """The voices of the team mirror, as (instrument id, who speaks): the registered answer
    sources that gave a ``voice``, in registration order."""
    return [(s.instrument_id, str(s.voice)) for s in registered_sources() if s.voice]


@dataclass
class Group:
    """One labelled group on the page (a team, a quarter)."""

    label: str
    figures: Figures
    key: int | None = None


@dataclass
class Dashboard:
    instrument: Instrument
    team_label: str
    quarter: int | None
    total: Figures
    per_team: list[Group] | None
    trend: list[Group]
    quarters: list[int]
    charts: dict[str, Any] = field(default_factory=dict)

    @property
    def quarter_label(self) -> str:
        return quarter_label(self.quarter) if self.quarter else _("alle kwartalen")


def build_dashboard(
    instrument_id: str,
    teams: list[Team],
    *,
    team: Team | None = None,
    quarter: int | None = None,
    all_teams: bool = False,
    round_: ReflectionRound | None = None,
) -> Dashboard:
    """The figures for one instrument over ``teams`` (the user's scope), optionally one team,
    one quarter or (organisation) one round. ``all_teams`` (the beheerder without a team
    filter) adds the pooled "overige teams" cells to the totals; a team's own figures never
    include them. Only published cells of closed periods are read."""
    instrument = instrument_for_reader(
        instrument_id, round_.instrument_version if round_ is not None else None
    )
    scope_ids = [team.pk] if team is not None else [t.pk for t in teams]
    with_pools = all_teams and team is None
    usable = published_cells(
        instrument,
        teams=[*scope_ids, OTHER_TEAMS] if with_pools else scope_ids,
        round_id=round_.pk if round_ is not None else None,
    )
    known = sorted({c.quarter for c in usable})
    quarters = quarters_between(known[0], known[-1]) if known else []
    selected = [c for c in usable if quarter is None or c.quarter == quarter]
    per_team = None
    if team is None and len(teams) > 1:
        by_team: dict[int | None, list[Cell]] = {}
        for c in selected:
            by_team.setdefault(c.team_id, []).append(c)
        sums = {key: merge(cells) for key, cells in by_team.items()}
        per_team = [Group(t.name, figures(instrument, sums.get(t.pk)), t.pk) for t in teams]
        pooled = sums.get(OTHER_TEAMS)
        if pooled is not None:
            per_team.append(
                Group(_("Overige teams samen (elk te klein)"), figures(instrument, pooled))
            )
        # The total is the sum of the groups' sums (every selected cell is in one group).
        total = figures(instrument, merge(cell for cell in sums.values() if cell is not None))
    else:
        total = figures(instrument, merge(selected))
    by_quarter: dict[int, list[Cell]] = {}
    for c in usable:
        by_quarter.setdefault(c.quarter, []).append(c)
    trend = [
        Group(quarter_label(q), figures(instrument, merge(by_quarter.get(q, []))), q)
        for q in quarters
    ]
    return Dashboard(
        instrument=instrument,
        team_label=team.name if team is not None else _("alle teams"),
        quarter=quarter,
        total=total,
        per_team=per_team,
        trend=trend,
        quarters=quarters,
    )


def fmt(value: float | None) -> str:
    """A mean with one decimal, rounded half up, in the interface language's notation (3,2 or
    3.2); a dash when there is none (``lib.numbers.shown_mean``)."""
    return shown_mean(value)


def item_chart(instrument: Instrument, item: ItemFigure) -> SafeString:
    """One question's answers over 0–4 as a bar; its description names every count."""
    distribution = item.distribution or [0] * len(SCALE_VALUES)
    return distribution_bar(
        distribution,
        title=_("Vraag %(number)s: verdeling van %(n)s antwoorden")
        % {"number": item.number, "n": item.answered or 0},
        desc=", ".join(
            f"{instrument.scale_label(v)}: {c}"
            for v, c in zip(SCALE_VALUES, distribution, strict=True)
        ),
    )


def add_charts(dashboard: Dashboard) -> None:
    """SVG charts for the page; each has a table beside it in the template."""
    instrument = dashboard.instrument
    charts: dict[str, Any] = {}
    total = dashboard.total
    if not total.suppressed:
        charts["sections"] = hbar_chart(
            [(s.title, s.mean) for s in total.sections],
            title=_("Gemiddelde per onderdeel (n = %(n)s)") % {"n": total.n},
            desc=_("Gemiddelde score 0–4 per onderdeel; de tabel eronder geeft dezelfde cijfers."),
        )
        charts["items"] = {
            item.id: item_chart(instrument, item) for item in total.items if item.answered
        }
    if dashboard.per_team:
        charts["teams"] = [
            (
                section.title,
                hbar_chart(
                    [(g.label, g.figures.sections[index].mean) for g in dashboard.per_team],
                    title=_("%(section)s per team") % {"section": section.title},
                    desc=_("Teams met minder dan 5 respondenten hebben geen balk."),
                ),
            )
            for index, section in enumerate(instrument.sections)
        ]
    if any(not g.figures.suppressed for g in dashboard.trend):
        labels = [g.label for g in dashboard.trend]
        charts["trend"] = line_chart(
            [
                # Short names in the legend (the table beside the chart has the full titles).
                Series(
                    short_section_name(section),
                    [g.figures.sections[i].mean for g in dashboard.trend],
                )
                for i, section in enumerate(instrument.sections)
            ],
            labels,
            title=_("Gemiddelde per onderdeel per kwartaal"),
            desc=_("Kwartalen met minder dan 5 respondenten hebben geen punt."),
            width=max(640, 70 * len(labels)),
        )
    dashboard.charts = charts


def dashboard_csv(dashboard: Dashboard) -> list[list[Any]]:
    """Exactly the figures of the page, one row per figure; a suppressed figure says so and
    holds no number. Rows for ``lib.csvfile`` (means as floats: it rounds them as the page)."""
    rows: list[list[Any]] = []
    too_few = _("te weinig respondenten")
    empty = [""] * 5
    rows.append(
        [
            _("blok"),
            _("team"),
            _("kwartaal"),
            _("onderdeel of vraag"),
            _("tekst"),
            _("n"),
            _("gemiddelde"),
            *[_("aantal %(value)s") % {"value": v} for v in range(5)],
        ]
    )
    team, period = dashboard.team_label, dashboard.quarter_label
    total = dashboard.total

    def section_rows(block: str, team_label: str, period_label: str, figs: Figures) -> None:
        for s in figs.sections:
            if figs.suppressed or s.respondents is None:
                rows.append([block, team_label, period_label, s.id, s.title, too_few, "", *empty])
            else:
                rows.append(
                    [block, team_label, period_label, s.id, s.title, s.respondents, s.mean] + empty
                )

    respondents = too_few if total.suppressed else total.n
    rows.append([_("respondenten"), team, period, "", "", respondents, "", *empty])
    section_rows(_("gemiddelde per onderdeel"), team, period, total)
    for item in total.items:
        block = _("verdeling per vraag")
        if total.suppressed or item.distribution is None:
            rows.append([block, team, period, item.id, item.text, too_few, "", *empty])
        else:
            rows.append(
                [block, team, period, item.id, item.text, item.answered, item.mean]
                + list(item.distribution or empty)
            )
    for group in dashboard.per_team or []:
        section_rows(_("per team"), group.label, period, group.figures)
    for group in dashboard.trend:
        section_rows(_("per kwartaal"), team, group.label, group.figures)
    return rows


# --- The team mirror ----------------------------------------------------------------------------


@dataclass
class MirrorValue:
    source_label: str
    mean: float | None
    respondents: int | None


@dataclass
class MirrorRow:
    dimension: str
    label: str
    values: list[MirrorValue]
    chart: SafeString | None = None


def offered_quarters(boards: Iterable[Dashboard]) -> list[int]:
    """The quarters (oldest first) a period picker offers: those with at least one figure in
    one of ``boards`` (a published cell that passed suppression). A quarter without any figure
    is not offered, and since a quarter is offered only when the page then shows a figure of
    it, the choice reveals nothing the page does not."""
    return sorted(
        {
            group.key
            for board in boards
            for group in board.trend
            if group.key is not None and not group.figures.suppressed
        }
    )


def build_mirror(
    teams: list[Team], *, team: Team | None, quarter: int | None, all_teams: bool
) -> list[MirrorRow]:
    """Per dimension, the voices (``mirror_sources``) side by side (one aggregation query per
    voice)."""
    return mirror_page(teams, team=team, quarter=quarter, all_teams=all_teams)[0]


def mirror_page(
    teams: list[Team], *, team: Team | None, quarter: int | None, all_teams: bool
) -> tuple[list[MirrorRow], list[int]]:
    """The mirror's rows (``build_mirror``) and the quarters its picker offers: those in
    which at least one voice has a figure (``offered_quarters``)."""
    sources = mirror_sources()
    boards = {
        instrument_id: build_dashboard(
            instrument_id, teams, team=team, quarter=quarter, all_teams=all_teams
        )
        for instrument_id, _label in sources
    }
    totals = {instrument_id: board.total for instrument_id, board in boards.items()}
    rows = []
    for dimension in Dimension:
        values = []
        for instrument_id, source_label in sources:
            figs = totals[instrument_id]
            section = next((s for s in figs.sections if s.dimension == dimension.value), None)
            values.append(
                MirrorValue(
                    source_label,
                    None if section is None else section.mean,
                    None if section is None else section.respondents,
                )
            )
        row = MirrorRow(dimension.value, str(dimension.label), values)
        if any(v.mean is not None for v in values):
            row.chart = hbar_chart(
                [(v.source_label, v.mean) for v in values],
                title=str(dimension.label),
                desc=_("Gemiddelde 0–4 van drie groepen; de tabel geeft ook het aantal."),
            )
        rows.append(row)
    return rows, offered_quarters(boards.values())


def mirror_csv(rows: Iterable[MirrorRow], team_label: str, period_label: str) -> list[list[Any]]:
    """The mirror's table as rows for ``lib.csvfile``."""
    out: list[list[Any]] = [
        [_("team"), _("kwartaal"), _("dimensie"), _("bron"), _("n"), _("gemiddelde")]
    ]
    for row in rows:
        for value in row.values:
            out.append(
                [
                    team_label,
                    period_label,
                    row.label,
                    value.source_label,
                    value.respondents if value.mean is not None else _("te weinig respondenten"),
                    value.mean,
                ]
            )
    return out
