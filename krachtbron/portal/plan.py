"""What the portal home ("Ons plan") shows one member, in plain words (B1).

The eerste vraag and what was agreed to do about it; the goals with their status, the latest
0-10 number and the next step; what the member (and whom they may see) named as strengths and
as hard, both (handreiking §4.3); the member's own latest scores per dimension. Only the parts
the member may see (``families.rights.rights_of``): every query goes through ``rights.filter``.

A fixed number of queries whatever the size of the file (tested, see test_plan_pages).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from krachtbron.families.choices import Dimension, GoalProposal, GoalStatus, LifeDomain
from krachtbron.families.models import FamilyMember, Goal
from krachtbron.families.rights import ViewerRights
from krachtbron.lib.prepared import Prepared
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
    mine: bool = False  # this member wrote it (may correct it, or take it back: own_goals)


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


def _newest_first(partition: str) -> Window:
    """Rank 1 for the newest row per ``partition`` (by date, then as entered)."""
    return Window(
        RowNumber(),
        partition_by=F(partition),
        order_by=[F("noted_on").desc(), F("created_at").desc(), F("id").desc()],
    )


def _visible(model: type[models.Model], family_id: int, members: tuple[int, ...]) -> Any:
    return ViewerRights.standing_in(family_id, members).filter(model._default_manager.all())


# The page's queries, each compiled once (``lib.prepared``): the home page is the portal's most
# opened page, and building its queries cost more than running them. Every one goes through
# the member's rights (``ViewerRights.filter``); their values are ``rights.prepared_values``.
_QUESTION = Prepared(
    lambda family_id, members: (
        _visible(FirstQuestion, family_id, members)
        .order_by("id")
        .values_list("text", "practical_help")[:1]
    )
)
_GOALS = Prepared(
    lambda family_id, members: (
        _visible(Goal, family_id, members)
        .select_related("member")
        .order_by("created_at", "id")
        .only("text", "status", "proposal", "added_by_member_id", "member__first_name")
    )
)
# Per goal its newest number: one row per goal (the database picks it; no work here over a year
# of numbers).
_GOAL_SCORES = Prepared(
    lambda family_id, members: (
        _visible(GoalScaling, family_id, members)
        .annotate(rank=_newest_first("goal_id"))
        .filter(rank=1)
        .values_list("goal_id", "score", "noted_on", "one_step_higher", "note")
    )
)
_FLAGGED = Prepared(
    lambda member_id: (
        TalkFlag.objects.filter(raised_by_id=member_id, talked_at__isnull=True, goal__isnull=False)
        .order_by()
        .values_list("goal_id")
    )
)
_STRENGTHS = Prepared(
    lambda family_id, members: _visible(StrengthEntry, family_id, members).select_related("member")
)
# The member's own newest number per dimension (their own view, never the adviser's).
_OWN_SCORES = Prepared(
    lambda family_id, members, member_id: (
        _visible(Scaling, family_id, members)
        .filter(member_id=member_id, perspective=Perspective.MEMBER)
        .annotate(rank=_newest_first("dimension"))
        .filter(rank=1)
        .values_list("dimension", "score", "noted_on")
    )
)


def our_plan(member: FamilyMember, rights: ViewerRights) -> OurPlan:
    """The plan as ``member`` may see it (six queries, whatever the size of the file)."""
    if not rights.has_portal:
        return OurPlan("", "", [], [], _own_scores({}))
    family_id, members = rights.prepared_values
    question = _QUESTION.first(family_id, members)
    goals = _GOALS.rows(family_id, members)
    latest = {
        goal_id: (score, noted_on, step or note)
        for goal_id, score, noted_on, step, note in _GOAL_SCORES.rows(family_id, members)
    }
    flagged = {goal_id for (goal_id,) in _FLAGGED.rows(member.pk)}
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
                mine=goal.added_by_member_id == member.pk,
            )
        )
    own = {
        dimension: (score, noted_on)
        for dimension, score, noted_on in _OWN_SCORES.rows(family_id, members, member.pk)
    }
    return OurPlan(
        question=question[0] if question else "",
        agreed=question[1] if question else "",
        goals=plan_goals,
        strengths=_strengths(_STRENGTHS.rows(family_id, members)),
        scores=_own_scores(own),
        flagged_count=len(flagged),
    )


def _strengths(entries: list[StrengthEntry]) -> list[PlanStrength]:
    dimension_order = {value: index for index, value in enumerate(Dimension.values)}
    domain_labels = {value: str(label) for value, label in LifeDomain.choices}
    family_labels = {d.value: str(d.family_label) for d in Dimension}
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


def _own_scores(latest: dict[str, tuple[int, date]]) -> list[OwnScore]:
    """One per dimension: the member's own newest number, if any."""
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
