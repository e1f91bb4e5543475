"""The team report: one team's figures of one closed quarter, to hold in your hands (issue 18
item 4), as a page and as a tagged PDF.

It holds, for the team and the quarter: the figures of every registered instrument (families
about the team, professionals about themselves, the organisation round), the team mirror, the
after-care figures when there are any, and a short section for the team meeting, "Waar zijn we
sterk, waar willen we in investeren", made from the figures by two simple rules (``highlights``).

Every number is read from published cells through ``build_dashboard``, ``build_mirror`` and
``outcome_tables`` (closed periods, after the one suppression rule: docs/anonimiteit.md), so the
report shows exactly what the dashboard shows for this team and quarter, with n beside it, and
nothing where fewer than the minimum stand behind a figure. A quarter is offered only when it
holds at least one figure of the team (``report_quarters``), so which quarters are offered says
nothing that the figures themselves do not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from krachtbron.accounts.models import Team
from krachtbron.insight.cells import Figures, ItemFigure, figures
from krachtbron.insight.dashboards import (
    Dashboard,
    MirrorRow,
    build_dashboard,
    build_mirror,
    dashboard_instruments,
)
from krachtbron.insight.outcomes import GroupShown, OutcomeRow, outcome_tables
from krachtbron.lib.answer_sources import OutcomeSource, registered_outcomes
from krachtbron.lib.charts import hbar_chart, hbar_print
from krachtbron.lib.pdf import render_pdf
from krachtbron.lib.quarters import quarter_label

#: How many questions a rule names at most, per instrument ("the two highest", "the two lowest").
HIGHLIGHTS = 2


@dataclass
class InstrumentPart:
    """One instrument's figures of the team in the quarter (``figures.suppressed``: none)."""

    instrument_id: str
    label: str
    title: str
    figures: Figures
    chart: SafeString | None = None  # the page's SVG chart
    chart_print: SafeString | None = None  # the PDF's: labels as HTML text (``hbar_print``)

    @property
    def shown_items(self) -> list[ItemFigure]:
        return [i for i in self.figures.items if i.mean is not None and i.answered is not None]


@dataclass
class Highlight:
    """A question named in the team-meeting section, with its mean and n."""

    source: str
    number: int
    text: str
    mean: float
    n: int


@dataclass
class OutcomePart:
    """The after-care figures of one outcome source: the team's row and all teams' row, per
    group (month after the help)."""

    label: str
    ok_label: str
    score_label: str
    months: list[int]
    team: list[GroupShown]
    all_teams: list[GroupShown]

    @property
    def tables(self) -> list[tuple[list[tuple[int, GroupShown]], str]]:
        """(month, figures) rows of the team, then of all teams, each with its caption."""
        return [
            (list(zip(self.months, self.team, strict=True)), _("Ons team")),
            (
                list(zip(self.months, self.all_teams, strict=True)),
                _("Alle teams, ter vergelijking"),
            ),
        ]


@dataclass
class TeamReport:
    team: Team
    quarter: int
    parts: list[InstrumentPart]
    mirror: list[MirrorRow]
    outcomes: list[OutcomePart]
    strong: list[Highlight] = field(default_factory=list)
    invest: list[Highlight] = field(default_factory=list)
    min_group_size: int = settings.MIN_GROUP_SIZE

    @property
    def quarter_label(self) -> str:
        return quarter_label(self.quarter)

    @property
    def mirror_voices(self) -> list[str]:
        return [v.source_label for v in self.mirror[0].values] if self.mirror else []

    @property
    def has_mirror(self) -> bool:
        return any(v.mean is not None for row in self.mirror for v in row.values)


def _boards(team: Team) -> list[tuple[str, Dashboard]]:
    """The team's dashboard of every registered instrument, over all its published quarters
    (its ``trend`` holds each quarter's figures, suppressed where too few answered)."""
    return [
        (label, build_dashboard(instrument_id, [team], team=team))
        for instrument_id, label in dashboard_instruments()
    ]


def _outcome_rows(
    team: Team,
) -> list[tuple[OutcomeSource, dict[int, tuple[OutcomeRow, OutcomeRow]]]]:
    """Per outcome source: quarter -> (the team's row, all teams' row)."""
    result = []
    for source in registered_outcomes():
        tables = outcome_tables(source, [(team.pk, team.name)], pool=False)
        result.append((source, {t.quarter: (t.rows[0], t.rows[-1]) for t in tables}))
    return result


def _figure_quarters(boards: list[tuple[str, Dashboard]]) -> set[int]:
    return {
        group.key
        for _label, board in boards
        for group in board.trend
        if group.key is not None and not group.figures.suppressed
    }


def _quarters(
    boards: list[tuple[str, Dashboard]],
    outcome_rows: list[tuple[OutcomeSource, dict[int, tuple[OutcomeRow, OutcomeRow]]]],
) -> list[int]:
    quarters = _figure_quarters(boards)
    for _source, by_quarter in outcome_rows:
        quarters |= {q for q, (mine, _all) in by_quarter.items() if not mine.suppressed}
    return sorted(quarters, reverse=True)


def report_quarters(team: Team) -> list[int]:
    """The closed quarters (newest first) in which the team has at least one published figure:
    of an instrument, or of the after-care. Only these are offered: a quarter without a figure
    would be an empty report, and offering only quarters with a figure reveals nothing the
    report itself does not show."""
    return _quarters(_boards(team), _outcome_rows(team))


def team_report(team: Team, asked: int | None) -> tuple[list[int], TeamReport | None]:
    """The quarters on offer (``report_quarters``) and the report of ``asked`` when it is one
    of them, else of the newest; None when the team has no figure in any quarter. Each
    dashboard is read once for both."""
    boards, outcome_rows = _boards(team), _outcome_rows(team)
    quarters = _quarters(boards, outcome_rows)
    chosen = asked if asked in quarters else (quarters[0] if quarters else None)
    if chosen is None:
        return quarters, None
    return quarters, _report(team, chosen, boards, outcome_rows)


def _section_chart(part: InstrumentPart, *, for_print: bool = False) -> SafeString | None:
    """The bar chart of the section means (None when there is no figure). ``for_print``: for
    the PDF, whose labels must be HTML text (WeasyPrint cannot shape SVG text: docs/talen.md)."""
    shown = [s for s in part.figures.sections if s.mean is not None]
    if part.figures.suppressed or not shown:
        return None
    chart = hbar_print if for_print else hbar_chart
    return chart(
        [(s.title, s.mean) for s in part.figures.sections],
        title=_("%(label)s: gemiddelde per onderdeel (n = %(n)s)")
        % {"label": part.label, "n": part.figures.n},
        desc=_("Gemiddelde 0–4 per onderdeel; de tabel eronder geeft ook het aantal (n)."),
    )


def highlights(parts: list[InstrumentPart]) -> tuple[list[Highlight], list[Highlight]]:
    """The team-meeting section, by two simple rules per instrument over the questions that
    have a figure (n at least the minimum), after handreiking §7 (high scores show where you
    are strong, low scores what you need to grow):

    * *strong*: the questions with the highest mean, at most ``HIGHLIGHTS`` and at most half
      of the questions with a figure, and only above the lowest mean;
    * *invest*: of the others, those with the lowest mean, as many at most, and only below
      every strong one.

    So no question is named twice, every strong mean is above every invest mean, and when all
    questions score the same nothing is named. Ties go to the lower question number."""
    strong: list[Highlight] = []
    invest: list[Highlight] = []
    for part in parts:
        means = {i.number: i.mean for i in part.shown_items if i.mean is not None}
        items = [i for i in part.shown_items if i.number in means]
        take = min(HIGHLIGHTS, len(items) // 2)
        if not take:
            continue
        lowest_mean = min(means.values())
        high = sorted(items, key=lambda i: (-means[i.number], i.number))
        chosen_high = [i for i in high if means[i.number] > lowest_mean][:take]
        ceiling = min((means[i.number] for i in chosen_high), default=max(means.values()))
        low = sorted(items, key=lambda i: (means[i.number], i.number))
        chosen_low = [i for i in low if i not in chosen_high and means[i.number] < ceiling][:take]
        strong += [_named(part, i) for i in chosen_high]
        invest += [_named(part, i) for i in chosen_low]
    return strong, invest


def _named(part: InstrumentPart, item: ItemFigure) -> Highlight:
    assert item.mean is not None and item.answered is not None
    return Highlight(part.label, item.number, item.text, item.mean, item.answered)


def build_report(team: Team, quarter: int) -> TeamReport:
    """The report of ``team`` for the closed ``quarter`` (one of ``report_quarters``; another
    quarter gives a report in which every figure says there are too few respondents)."""
    return _report(team, quarter, _boards(team), _outcome_rows(team))


def _report(
    team: Team,
    quarter: int,
    boards: list[tuple[str, Dashboard]],
    outcome_rows: list[tuple[OutcomeSource, dict[int, tuple[OutcomeRow, OutcomeRow]]]],
) -> TeamReport:
    parts = []
    for label, board in boards:
        group = next((g for g in board.trend if g.key == quarter), None)
        shown = group.figures if group is not None else empty_figures(board)
        part = InstrumentPart(board.instrument.id, label, board.instrument.title, shown)
        part.chart = _section_chart(part)
        part.chart_print = _section_chart(part, for_print=True)
        parts.append(part)
    outcomes = []
    for source, by_quarter in outcome_rows:
        rows = by_quarter.get(quarter)
        if rows is None or rows[0].suppressed:
            continue
        outcomes.append(
            OutcomePart(
                label=str(source.label),
                ok_label=str(source.ok_label),
                score_label=str(source.score_label),
                months=list(source.groups),
                team=rows[0].groups,
                all_teams=rows[1].groups,
            )
        )
    mirror = build_mirror([team], team=team, quarter=quarter, all_teams=False)
    report = TeamReport(team, quarter, parts, mirror, outcomes)
    report.strong, report.invest = highlights(parts)
    return report


def empty_figures(board: Dashboard) -> Figures:
    """The figures of a quarter without a published cell: everything suppressed."""
    return figures(board.instrument, None)


def report_pdf(report: TeamReport) -> bytes:
    """The report as a tagged PDF (headings, tables and lists a screen reader can follow), in
    the active language."""
    return render_pdf(render_to_string("insight/report_pdf.html", {"report": report}), tagged=True)


def report_filename(report: TeamReport) -> str:
    """What the file is, never whose (``lib.download``): no team name, only the quarter."""
    return f"teamrapport-{report.quarter // 10}-k{report.quarter % 10}.pdf"
