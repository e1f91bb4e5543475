"""Dashboards (teamleider: own team; beheerder: all teams) and the team mirror, with CSV; the
teamleider's figures of the family questionnaire."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_safe

from krachtbron.accounts.decorators import role_required
from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.accounts.models import Role, Team
from krachtbron.accounts.roles import has_role
from krachtbron.families.permissions import managed_team
from krachtbron.insight.dashboards import (
    Dashboard,
    MirrorRow,
    add_charts,
    build_dashboard,
    dashboard_csv,
    dashboard_instruments,
    mirror_csv,
    mirror_page,
    offered_quarters,
)
from krachtbron.insight.forms import DashboardFilterForm
from krachtbron.insight.outcomes import outcome_tables
from krachtbron.insight.permissions import dashboard_teams
from krachtbron.insight.team_figures import team_figures
from krachtbron.lib.answer_sources import registered_outcomes
from krachtbron.lib.csvfile import csv_response
from krachtbron.lib.quarters import parse_quarter, quarter_label
from krachtbron.lib.suppression import minimum

managers = role_required(Role.TEAMLEIDER, Role.BEHEERDER)


@dataclass
class Selection:
    teams: list[Team]
    instrument_id: str
    team: Team | None
    quarter: int | None
    errors: list[str]

    @property
    def all_teams(self) -> bool:
        return len(self.teams) > 1 and self.team is None

    @property
    def team_label(self) -> str:
        """The chosen team's name, or "alle teams" (the mirror's heading and its CSV)."""
        return self.team.name if self.team else _("alle teams")

    @property
    def period_label(self) -> str:
        """The chosen quarter (``lib.quarters.quarter_label``), or "alle kwartalen"."""
        return quarter_label(self.quarter) if self.quarter else _("alle kwartalen")

    def dashboard(self) -> Dashboard:
        """The dashboard of this selection (``insight.dashboards.build_dashboard``)."""
        return build_dashboard(
            self.instrument_id,
            self.teams,
            team=self.team,
            quarter=self.quarter,
            all_teams=self.all_teams,
        )


def _selection(request: AuthenticatedHttpRequest) -> Selection:
    """Read the filters from the query string; a wrong value is named and ignored."""
    teams = dashboard_teams(request.user)
    errors: list[str] = []
    # The registered instruments; the first (the family questionnaire) is the default.
    offered = [instrument_id for instrument_id, _label in dashboard_instruments()]
    instrument_id = request.GET.get("instrument") or offered[0]
    if instrument_id not in offered:
        errors.append(_("Deze vragenlijst bestaat niet; je ziet nu de vragenlijst voor gezinnen."))
        instrument_id = offered[0]
    team = teams[0] if len(teams) == 1 else None
    raw_team = request.GET.get("team") or ""
    asked_team = next((t for t in teams if str(t.pk) == raw_team), None)
    if raw_team and asked_team is None and len(teams) == 1:
        errors.append(_("Dit team kun je niet kiezen; je ziet nu je eigen team."))
    elif raw_team and len(teams) > 1:
        team = asked_team
        if team is None:
            errors.append(_("Dit team kun je niet kiezen; je ziet nu alle teams."))
    raw_quarter = request.GET.get("quarter") or ""
    quarter = parse_quarter(raw_quarter) if raw_quarter else None
    if raw_quarter and quarter is None:
        errors.append(_("Kies een kwartaal uit de lijst; je ziet nu alle kwartalen."))
    return Selection(teams, instrument_id, team, quarter, errors)


def _offered_only(selection: Selection, offered: list[int]) -> bool:
    """Drop a chosen quarter the picker does not offer (``offered``: the quarters with a
    figure): an open, future or empty quarter is named, and the page shows all quarters, as for
    a quarter that is no quarter at all. True when the quarter was dropped (the caller then
    builds the figures again without it)."""
    if selection.quarter is None or selection.quarter in offered:
        return False
    selection.errors.append(
        _(
            "Van dat kwartaal zijn er geen cijfers (het is nog niet afgesloten, of te weinig "
            "mensen vulden iets in). Je ziet nu alle kwartalen."
        )
    )
    selection.quarter = None
    return True


def _board(selection: Selection) -> Dashboard:
    """The dashboard of ``selection`` over an offered quarter only (``_offered_only``)."""
    board = selection.dashboard()
    if _offered_only(selection, offered_quarters([board])):
        board = selection.dashboard()
    return board


def _mirror(selection: Selection) -> tuple[list[MirrorRow], list[int]]:
    """The mirror's rows and offered quarters (``mirror_page``) over an offered quarter only."""

    def page() -> tuple[list[MirrorRow], list[int]]:
        return mirror_page(
            selection.teams,
            team=selection.team,
            quarter=selection.quarter,
            all_teams=selection.all_teams,
        )

    rows, quarters = page()
    if _offered_only(selection, quarters):
        rows, quarters = page()
    return rows, quarters


def _filter_form(
    selection: Selection, quarters: list[int], *, with_instrument: bool
) -> DashboardFilterForm:
    initial = {
        "instrument": selection.instrument_id,
        "team": selection.team.pk if selection.team and len(selection.teams) > 1 else "",
        "quarter": str(selection.quarter) if selection.quarter else "",
    }
    return DashboardFilterForm(
        initial=initial,
        teams=selection.teams,
        quarters=quarters,
        instruments=dashboard_instruments() if with_instrument else None,
    )


def _no_team(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "insight/no_team.html", status=200)


@managers
@require_safe
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    selection = _selection(request)
    if not selection.teams:
        return _no_team(request)
    board = _board(selection)
    add_charts(board)
    context = {
        "board": board,
        "selection": selection,
        # Only quarters with a figure in this selection (an empty quarter is not offered).
        "form": _filter_form(selection, offered_quarters([board]), with_instrument=True),
        "query": request.GET.urlencode(),
        "sections_with_items": [
            {
                "section": section,
                "items": [
                    {"item": i, "chart": board.charts.get("items", {}).get(i.id)}
                    for i in board.total.items
                    if i.section_id == section.id
                ],
                "figure": board.total.sections[index],
            }
            for index, section in enumerate(board.instrument.sections)
        ],
    }
    return render(request, "insight/dashboard.html", context)


@managers
@require_safe
def dashboard_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    selection = _selection(request)
    board = _board(selection)
    return csv_response(dashboard_csv(board), f"krachtbron-dashboard-{selection.instrument_id}")


@managers
@require_safe
def mirror(request: AuthenticatedHttpRequest) -> HttpResponse:
    selection = _selection(request)
    if not selection.teams:
        return _no_team(request)
    rows, quarters = _mirror(selection)
    context = {
        "rows": rows,
        "selection": selection,
        "team_label": selection.team_label,
        "quarter_label": selection.period_label,
        # Only quarters in which at least one voice has a figure (not every quarter since 2023).
        "form": _filter_form(selection, quarters, with_instrument=False),
        "query": request.GET.urlencode(),
    }
    return render(request, "insight/mirror.html", context)


@managers
@require_safe
def mirror_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    selection = _selection(request)
    rows, _quarters = _mirror(selection)
    csv = mirror_csv(rows, selection.team_label, selection.period_label)
    return csv_response(csv, "krachtbron-spiegel")


@role_required(Role.TEAMLEIDER)
@require_GET
def team(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The team's anonymous figures; nothing is shown below the minimum group size."""
    team = managed_team(request.user)
    asked = request.GET.get("kwartaal", "")
    figures = team_figures(team, quarter=parse_quarter(asked))
    if asked and figures.quarter is None:
        messages.warning(
            request,
            _(
                "Van dat kwartaal zijn er geen cijfers (het bestaat niet of heeft minder dan "
                "5 ingevulde vragenlijsten). Je ziet alle kwartalen."
            ),
        )
    return render(request, "insight/team.html", {"team": team, "figures": figures})


@managers
@require_safe
def outcomes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Nazorg in cijfers: per team and closed quarter, at 1, 3 and 6 months after the help, the
    share of families whose agreements still work and the mean of how it goes (0-10)
    (``insight.outcomes``: the same suppression as every dashboard)."""
    teams = dashboard_teams(request.user)
    all_teams = has_role(request.user, Role.BEHEERDER)
    named = [(team.pk, team.name) for team in teams]
    # A quarter whose every figure this reader would see is "te weinig gezinnen" is left out,
    # as the period pickers leave out periods without a published figure (issue 18).
    sources = [
        (
            source,
            [
                table
                for table in outcome_tables(source, named, pool=all_teams)
                if not all(row.suppressed for row in table.rows)
            ],
        )
        for source in registered_outcomes()
    ]
    context = {"sources": sources, "min_group_size": minimum(), "teams": teams}
    return render(request, "insight/outcomes.html", context)
