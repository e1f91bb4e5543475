"""The benchmark generator and the demo loader produce data the dashboards can show."""

import random

import pytest
from django.core.management import call_command

from krachtbron.accounts.models import Team
from krachtbron.insight.dashboards import build_dashboard
from krachtbron.instruments.ids import FAMILIES, ORGANISATION, PROFESSIONALS
from krachtbron.questionnaires.models import Answer, Response
from krachtbron.reflection.models import (
    OrganisationResponse,
    ProfessionalReflection,
    ReflectionRound,
    RoundParticipation,
    RoundStatus,
)
from krachtbron.research.models import ExportProject
from krachtbron.testing.tasks import publish_closed_periods

pytestmark = pytest.mark.django_db


def test_generate_organisation_makes_teams_responses_reflections_and_rounds():
    call_command(
        "generate_organisation", teams=3, years=1, responses=90, staff_per_team=6, stdout=None
    )
    teams = list(Team.objects.all())
    assert len(teams) == 3
    assert Response.objects.count() == 90
    assert Answer.objects.count() == 90 * 13
    assert ProfessionalReflection.objects.count() == 3 * 6 * 4
    assert ReflectionRound.objects.filter(status=RoundStatus.CLOSED).count() == 4
    assert OrganisationResponse.objects.count() == RoundParticipation.objects.count()
    publish_closed_periods()
    board = build_dashboard(FAMILIES, teams, all_teams=True)
    assert board.total.n is not None and board.total.n >= 5


def test_the_demo_gives_the_teamleider_figures_and_the_onderzoeker_a_project():
    from krachtbron.accounts import demo_data as accounts_demo
    from krachtbron.demo.context import DemoContext
    from krachtbron.families import demo_data as families_demo
    from krachtbron.insight import demo_data as insight_demo
    from krachtbron.reflection import demo_data as reflection_demo
    from krachtbron.research import demo_data as research_demo

    ctx = DemoContext(rng=random.Random(1))
    accounts_demo.load(ctx)
    families_demo.load(ctx)
    reflection_demo.load(ctx)
    insight_demo.load(ctx)
    research_demo.load(ctx)
    leader = ctx.users["teamleider1"]
    publish_closed_periods()
    for instrument_id in (FAMILIES, PROFESSIONALS, ORGANISATION):
        board = build_dashboard(instrument_id, [leader.team], team=leader.team)
        assert not board.total.suppressed, instrument_id
    open_round = ReflectionRound.objects.get(status=RoundStatus.OPEN)
    # Answers of the open round are sealed; it shows only its response rate until it closes.
    assert open_round.sealed.count() == open_round.participations.count() >= 5
    assert not open_round.responses.exists()
    closed = ReflectionRound.objects.get(status=RoundStatus.CLOSED)
    board = build_dashboard(ORGANISATION, list(Team.objects.all()), all_teams=True, round_=closed)
    assert board.total.n == closed.participations.count()
    assert ExportProject.objects.filter(researcher=ctx.users["onderzoeker"]).exists()
    # The team report of the newest quarter shows the figures of all three instruments.
    from krachtbron.insight.report import team_report

    quarters, report = team_report(leader.team, None)
    assert report is not None and report.quarter == quarters[0]
    assert [part.figures.suppressed for part in report.parts] == [False, False, False]
    assert report.strong and report.invest and report.has_mirror
