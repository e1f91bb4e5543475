"""'Ons krachtenplan': the family's own plan in plain language (B1).

`build_plan` gathers everything in a fixed number of queries into a `FamilyPlan`; the templates
`plan.html` (print view in the browser) and `plan_pdf.html` (PDF) render the same data through
`_plan_document.html`, so the screen and the paper never differ.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from krachtbron.families.choices import Dimension, LifeDomain
from krachtbron.families.models import Family
from krachtbron.network.ecomap import render_ecomap
from krachtbron.network.indicators import Indicators, indicators
from krachtbron.network.mapdata import MapPerson, current_map
from krachtbron.strengths.models import FirstQuestion
from krachtbron.strengths.overview import goal_progress, member_profiles
from krachtbron.strengths.questionnaire_summary import QuestionnaireSummary, latest_summary


@dataclass(frozen=True)
class PlanStrength:
    dimension: str
    domain: str  # "" for life in general
    goes_well: str
    gives_energy: str
    is_hard: str


@dataclass(frozen=True)
class PlanScore:
    dimension: str
    own: int | None
    adviser: int | None
    chart: SafeString | None


@dataclass(frozen=True)
class PlanMember:
    name: str
    role: str
    strengths: tuple[PlanStrength, ...]
    scores: tuple[PlanScore, ...]


@dataclass(frozen=True)
class PlanGoal:
    text: str
    who: str
    domain: str
    dimension: str
    status: str
    score: int | None
    chart: SafeString | None


@dataclass(frozen=True)
class FamilyPlan:
    family_label: str
    reference: str
    made_on: date
    first_question: FirstQuestion | None
    members: tuple[PlanMember, ...]
    goals: tuple[PlanGoal, ...]
    network: tuple[MapPerson, ...]
    network_svg: SafeString
    network_indicators: Indicators
    questionnaire: QuestionnaireSummary | None


def build_plan(family: Family) -> FamilyPlan:
    persons = current_map(family)
    return FamilyPlan(
        family_label=family.label,
        reference=family.reference,
        made_on=timezone.localdate(),
        first_question=FirstQuestion.objects.filter(family=family).first(),
        members=tuple(_members(family)),
        goals=tuple(_goals(family)),
        network=tuple(persons),
        network_svg=render_ecomap(
            persons,
            centre_label=family.label,
            title=_("Wie er voor ons zijn: de netwerkkaart van %s") % family.label,
        ),
        network_indicators=indicators(persons),
        questionnaire=latest_summary(family),
    )


def _members(family: Family) -> list[PlanMember]:
    result = []
    for profile in member_profiles(family):
        strengths = []
        scores = []
        for part in profile.parts:
            for entry in part.entries:
                strengths.append(
                    PlanStrength(
                        dimension=part.label,
                        domain=str(LifeDomain(entry.life_domain).label)
                        if entry.life_domain
                        else "",
                        goes_well=entry.goes_well,
                        gives_energy=entry.gives_energy,
                        is_hard=entry.is_hard,
                    )
                )
            own, adviser = part.own.latest, part.adviser.latest
            if own or adviser:
                scores.append(
                    PlanScore(
                        dimension=part.label,
                        own=own.score if own else None,
                        adviser=adviser.score if adviser else None,
                        chart=part.own_chart if len(part.own.points) > 1 else None,
                    )
                )
        member = profile.member
        result.append(
            PlanMember(
                name=member.first_name,
                role=member.get_role_display(),
                strengths=tuple(strengths),
                scores=tuple(scores),
            )
        )
    return result


def _goals(family: Family) -> list[PlanGoal]:
    goals = []
    for item in goal_progress(family):
        goal = item.goal
        latest = item.trend.latest
        goals.append(
            PlanGoal(
                text=goal.text,
                who=goal.member.first_name if goal.member else _("het hele gezin"),
                domain=goal.get_life_domain_display(),
                dimension=str(Dimension(goal.dimension).label) if goal.dimension else "",
                status=goal.get_status_display(),
                score=latest.score if latest else None,
                chart=item.chart if len(item.trend.points) > 1 else None,
            )
        )
    return goals
