"""What the portal home ("Ons plan") shows: the family's first question and goals, in plain
words. A read helper only; the pages part of issue 14 extends it (scores, strengths, what is
agreed next) and the rights part decides per member what is shared."""

from dataclasses import dataclass

from krachtbron.families.choices import GoalStatus
from krachtbron.families.models import Family
from krachtbron.strengths.models import FirstQuestion


@dataclass(frozen=True)
class PlanGoal:
    text: str
    status_label: str


@dataclass(frozen=True)
class OurPlan:
    question: str  # "" when the family has none yet
    goals: list[PlanGoal]


def our_plan(family: Family) -> OurPlan:
    """The family's plan as the portal shows it: two queries, whatever the size of the file."""
    question = FirstQuestion.objects.filter(family=family).values_list("text", flat=True).first()
    goals = [
        PlanGoal(text, str(GoalStatus(status).label))
        for text, status in family.goals.order_by("created_at", "id").values_list("text", "status")
    ]
    return OurPlan(question=question or "", goals=goals)
