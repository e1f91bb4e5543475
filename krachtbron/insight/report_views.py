"""The team report (``insight.report``) as a page and as a PDF: a teamleider for their own
team, a beheerder for any team. The figures are anonymous group figures of closed quarters (no
family data), so reading or downloading the report writes no access-log row, as the dashboard
and its CSV write none."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from krachtbron.accounts.decorators import role_required
from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.accounts.models import Role, Team
from krachtbron.insight.forms import ReportFilterForm
from krachtbron.insight.permissions import dashboard_teams
from krachtbron.insight.report import TeamReport, report_filename, report_pdf, team_report
from krachtbron.lib.download import attachment
from krachtbron.lib.quarters import parse_quarter
from krachtbron.lib.suppression import minimum

managers = role_required(Role.TEAMLEIDER, Role.BEHEERDER)


@dataclass
class Chosen:
    teams: list[Team]
    team: Team
    quarters: list[int]
    report: TeamReport | None
    errors: list[str]

    def form(self) -> ReportFilterForm:
        initial = {
            "team": str(self.team.pk),
            "quarter": str(self.report.quarter) if self.report else "",
        }
        return ReportFilterForm(initial=initial, teams=self.teams, quarters=self.quarters)


def _chosen(request: AuthenticatedHttpRequest, teams: list[Team]) -> Chosen:
    """The team and quarter from the query string; a wrong value is named, and the first
    team or the newest quarter with figures is shown instead."""
    errors: list[str] = []
    team = teams[0]
    raw_team = request.GET.get("team") or ""
    found = next((t for t in teams if str(t.pk) == raw_team), None)
    if raw_team and found is None:
        # A teamleider asking for another team's report (a hand-made URL) reads their own.
        errors.append(
            _("Dit team kun je niet kiezen; je ziet nu je eigen team.")
            if len(teams) == 1
            else _("Dit team kun je niet kiezen; je ziet nu het eerste team.")
        )
    elif found is not None:
        team = found
    raw_quarter = request.GET.get("quarter") or ""
    asked = parse_quarter(raw_quarter) if raw_quarter else None
    quarters, report = team_report(team, asked)
    if raw_quarter and (asked is None or asked not in quarters):
        errors.append(
            _(
                "Van dat kwartaal heeft dit team geen cijfers (het is nog niet afgesloten, of te "
                "weinig mensen vulden iets in). Je ziet het nieuwste kwartaal met cijfers."
            )
        )
    return Chosen(teams, team, quarters, report, errors)


def _page(request: AuthenticatedHttpRequest, chosen: Chosen, status: int = 200) -> HttpResponse:
    context = {
        "chosen": chosen,
        "report": chosen.report,
        "form": chosen.form(),
        "min_group_size": minimum(),
    }
    return render(request, "insight/report.html", context, status=status)


@managers
@require_safe
def report(request: AuthenticatedHttpRequest) -> HttpResponse:
    teams = dashboard_teams(request.user)
    if not teams:
        return render(request, "insight/no_team.html")
    return _page(request, _chosen(request, teams))


@managers
@require_safe
def report_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    teams = dashboard_teams(request.user)
    if not teams:
        return render(request, "insight/no_team.html")
    chosen = _chosen(request, teams)
    if chosen.report is None or chosen.errors:
        # No PDF of another quarter than the one asked for: the page says why.
        query = request.GET.urlencode()
        return redirect(reverse("insight:report") + (f"?{query}" if query else ""))
    response = HttpResponse(report_pdf(chosen.report), content_type="application/pdf")
    return attachment(response, report_filename(chosen.report))
