"""What the portal home ("Ons plan") shows one member, in plain words (B1).

The eerste vraag and what was agreed to do about it; the goals with their status, the latest
0-10 number and the next step; what the member (and whom they may see) named as strengths and
as hard, both (handreiking §4.3); the member's own latest scores per dimension. Only the parts
the member may see (``families.rights.rights_of``): every query goes through ``rights.filter``.

A fixed number of queries whatever the size of the file (tested, see test_plan_pages).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from krachtbron.families.choices import Dimension, GoalProposal, GoalStatus, LifeDomain
from krachtbron.families.models import FamilyMember, Goal
from krachtbron.families.rights import ViewerRights
from krachtbron.portal.models import TalkFlag
from krachtbron.strengths.models import (
    FirstQuestion,
    GoalScaling,
    Perspective,
    Scaling,
    StrengthEntry,
)


@dataclass(frozen=True)
class PlanGoal:
    pk: int
    text: str
    who: str  # a first name, or "" for the whole family
    status: str
    status_label: str
    score: int | None  # the latest 0-10 number
    scored_on: date | None
    next_step: str  # what the latest number said is one step higher (or its note)
    proposal: str  # GoalProposal value: "" agreed
    proposal_label: str
    by_family: bool  # added by a family member in Mijn Krachtbron
    flagged: bool  # this member wants to talk about it (an open flag)


@dataclass(frozen=True)
class PlanStrength:
    who: str
    dimension: str
    dimension_label: str  # the family's words ("Wat je weet en kunt")
    domain_label: str  # "" for life in general
    goes_well: str
    is_hard: str
    gives_energy: str


@dataclass(frozen=True)
class OwnScore:
    dimension: str
    label: str
    score: int | None
    noted_on: date | None


@dataclass(frozen=True)
class OurPlan:
    question: str  # "" when the family has none yet
    agreed: str  # what we do about the question together ("" when nothing is written yet)
    goals: list[PlanGoal]
    strengths: list[PlanStrength]
    scores: list[OwnScore]
    flagged_count: int = field(default=0)


def our_plan(member: FamilyMember, rights: ViewerRights) -> OurPlan:
    """The plan as ``member`` may see it (six queries)."""
    question = rights.filter(FirstQuestion.objects.all()).values("text", "practical_help").first()
    goals = list(
        rights.filter(Goal.objects.all())
        .select_related("member")
        .order_by("created_at", "id")
        .only("text", "status", "proposal", "added_by_member_id", "member__first_name")
    )
    latest = _latest_goal_scores(rights)
    flagged = set(
        TalkFlag.objects.filter(
            raised_by=member, talked_at__isnull=True, goal__isnull=False
        ).values_list("goal_id", flat=True)
    )
    proposal_labels = {value: str(label) for value, label in GoalProposal.choices}
    status_labels = {value: str(label) for value, label in GoalStatus.choices}
    plan_goals = []
    for goal in goals:
        score = latest.get(goal.pk)
        plan_goals.append(
            PlanGoal(
                pk=goal.pk,
                text=goal.text,
                who=goal.member.first_name if goal.member else "",
                status=goal.status,
                status_label=status_labels.get(goal.status, goal.status),
                score=score[0] if score else None,
                scored_on=score[1] if score else None,
                next_step=score[2] if score else "",
                proposal=goal.proposal,
                proposal_label=proposal_labels.get(goal.proposal, ""),
                by_family=goal.added_by_member_id is not None,
                flagged=goal.pk in flagged,
            )
        )
    return OurPlan(
        question=question["text"] if question else "",
        agreed=question["practical_help"] if question else "",
        goals=plan_goals,
        strengths=_strengths(rights),
        scores=_own_scores(member, rights),
        flagged_count=len(flagged),
    )


def _latest_goal_scores(rights: ViewerRights) -> dict[int, tuple[int, date, str]]:
    """Per goal: (score, date, next step) of its newest number. One query."""
    latest: dict[int, tuple[int, date, str]] = {}
    rows = rights.filter(GoalScaling.objects.all()).order_by("noted_on", "created_at", "id")
    for goal_id, score, noted_on, step, note in rows.values_list(
        "goal_id", "score", "noted_on", "one_step_higher", "note"
    ):
        latest[goal_id] = (score, noted_on, step or note)
    return latest


def _strengths(rights: ViewerRights) -> list[PlanStrength]:
    dimension_order = {value: index for index, value in enumerate(Dimension.values)}
    domain_labels = {value: str(label) for value, label in LifeDomain.choices}
    family_labels = {d.value: str(d.family_label) for d in Dimension}
    entries = rights.filter(StrengthEntry.objects.all()).select_related("member")
    rows = sorted(
        entries,
        key=lambda e: (
            e.member.birth_year or 0,
            e.member_id,
            dimension_order.get(e.dimension, 9),
            e.life_domain,
        ),
    )
    return [
        PlanStrength(
            who=entry.member.first_name,
            dimension=entry.dimension,
            dimension_label=family_labels.get(entry.dimension, ""),
            domain_label=domain_labels.get(entry.life_domain, ""),
            goes_well=entry.goes_well,
            is_hard=entry.is_hard,
            gives_energy=entry.gives_energy,
        )
        for entry in rows
        if entry.goes_well or entry.is_hard or entry.gives_energy
    ]


def _own_scores(member: FamilyMember, rights: ViewerRights) -> list[OwnScore]:
    """The member's own latest number per dimension (their own view, never the adviser's)."""
    latest: dict[str, tuple[int, date]] = {}
    rows = (
        rights.filter(Scaling.objects.all())
        .filter(member=member, perspective=Perspective.MEMBER)
        .order_by("noted_on", "created_at", "id")
    )
    for dimension, score, noted_on in rows.values_list("dimension", "score", "noted_on"):
        latest[dimension] = (score, noted_on)
    scores = []
    for dimension in Dimension:
        found = latest.get(dimension.value)
        scores.append(
            OwnScore(
                dimension=dimension.value,
                label=str(dimension.family_label),
                score=found[0] if found else None,
                noted_on=found[1] if found else None,
            )
        )
    return scores


def goal_score_label() -> str:
    return _("Hoe ver ben je met dit doel? (0 = nog niets, 10 = bereikt)")
