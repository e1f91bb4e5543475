"""Read models for the family file: the profile and goals of a family in a fixed number of
queries, whatever the number of members, entries or scalings (tested in test_query_counts)."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from krachtbron.families.choices import Dimension, LifeDomain
from krachtbron.families.models import Family, FamilyMember, Goal
from krachtbron.lib.charts import sparkline
from krachtbron.strengths.models import GoalScaling, Perspective, Scaling, StrengthEntry

# A sparkline shows the last few points; the full history is on the scalings page.
TREND_POINTS = 12

#: Narrows a queryset of parts of the file to what someone may see (``families.rights``:
#: ``shared_with_family`` for a document the family gets, ``ViewerRights.filter`` for one
#: member in the portal). None: the adviser's own view, everything.
Scope = Callable[[QuerySet[Any]], QuerySet[Any]] | None


def _scoped(queryset: QuerySet[Any], scope: Scope) -> QuerySet[Any]:
    return scope(queryset) if scope is not None else queryset


@dataclass(frozen=True)
class Point:
    score: int
    noted_on: date


@dataclass
class Trend:
    """The scalings of one perspective (or one goal), oldest first."""

    points: list[Point] = field(default_factory=list)

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def previous(self) -> Point | None:
        return self.points[-2] if len(self.points) > 1 else None

    @property
    def change(self) -> int | None:
        if self.latest is None or self.previous is None:
            return None
        return self.latest.score - self.previous.score

    def describe(self) -> str:
        """The trend in words: the text alternative of the sparkline."""
        shown = self.points[-TREND_POINTS:]
        return ", ".join(f"{p.score} ({p.noted_on:%d-%m-%Y})" for p in shown)

    def chart(self, title: str) -> SafeString:
        values = [p.score for p in self.points[-TREND_POINTS:]]
        return sparkline(values, y_max=10, title=title)


@dataclass
class DimensionPart:
    dimension: str
    label: str
    general: StrengthEntry | None
    by_domain: list[StrengthEntry]
    own: Trend
    adviser: Trend

    @property
    def own_chart(self) -> SafeString:
        return self.own.chart(_("Verloop eigen cijfer: %s") % self.own.describe())

    @property
    def adviser_chart(self) -> SafeString:
        return self.adviser.chart(_("Verloop cijfer adviseur: %s") % self.adviser.describe())

    @property
    def entries(self) -> list[StrengthEntry]:
        return ([self.general] if self.general else []) + self.by_domain

    @property
    def is_empty(self) -> bool:
        return self.general is None and not self.by_domain and not self.own.points


@dataclass
class MemberProfile:
    member: FamilyMember
    parts: list[DimensionPart]

    @property
    def is_empty(self) -> bool:
        return all(part.is_empty for part in self.parts)


def member_profiles(family: Family, scope: Scope = None) -> list[MemberProfile]:
    """Every member with their three dimensions: 3 queries in all (``scope``: see Scope)."""
    members = list(family.members.all())
    entries: dict[tuple[int, str], list[StrengthEntry]] = defaultdict(list)
    for entry in _scoped(StrengthEntry.objects.filter(member__family=family), scope).order_by("id"):
        entries[(entry.member_id, entry.dimension)].append(entry)
    trends: dict[tuple[int, str, str], Trend] = defaultdict(Trend)
    rows = _scoped(Scaling.objects.filter(member__family=family), scope).order_by(
        "noted_on", "created_at", "id"
    )
    for member_id, dimension, perspective, score, noted_on in rows.values_list(
        "member_id", "dimension", "perspective", "score", "noted_on"
    ):
        trends[(member_id, dimension, perspective)].points.append(Point(score, noted_on))
    domain_order = {value: index for index, value in enumerate(LifeDomain.values)}
    profiles = []
    for member in members:
        parts = []
        for dimension in Dimension:
            mine = entries.get((member.pk, dimension.value), [])
            parts.append(
                DimensionPart(
                    dimension=dimension.value,
                    label=str(dimension.label),
                    general=next((e for e in mine if not e.life_domain), None),
                    by_domain=sorted(
                        (e for e in mine if e.life_domain),
                        key=lambda e: domain_order.get(e.life_domain, 99),
                    ),
                    own=trends.get((member.pk, dimension.value, Perspective.MEMBER), Trend()),
                    adviser=trends.get((member.pk, dimension.value, Perspective.ADVISER), Trend()),
                )
            )
        profiles.append(MemberProfile(member, parts))
    return profiles


@dataclass
class GoalProgress:
    goal: Goal
    trend: Trend

    @property
    def chart(self) -> SafeString:
        return self.trend.chart(_("Verloop van dit doel: %s") % self.trend.describe())


def goal_progress(family: Family, scope: Scope = None) -> list[GoalProgress]:
    """Every goal with its scalings: 2 queries in all (``scope``: see Scope)."""
    goals = list(_scoped(family.goals.all(), scope).select_related("member", "added_by_member"))
    trends: dict[int, Trend] = defaultdict(Trend)
    rows = _scoped(GoalScaling.objects.filter(goal__family=family), scope).order_by(
        "noted_on", "created_at", "id"
    )
    for goal_id, score, noted_on in rows.values_list("goal_id", "score", "noted_on"):
        trends[goal_id].points.append(Point(score, noted_on))
    return [GoalProgress(goal, trends.get(goal.pk, Trend())) for goal in goals]
