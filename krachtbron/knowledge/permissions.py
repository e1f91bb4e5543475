"""Who may see which conversation plan.

Family plans belong to the family file: only the family's own advisers (the generic family
rule, `get_owned_for_user`). Team plans belong to a team: every adviser and the teamleider of
that team may see and edit them (a team session is prepared and recorded together), and the
owner keeps access after moving to another team. Beheerder and onderzoeker have no plans.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from krachtbron.accounts.models import Role, User
from krachtbron.accounts.roles import WORKS_WITH_FAMILIES, has_role
from krachtbron.families.permissions import get_owned_for_user
from krachtbron.knowledge.models import ConversationPlan, PlanKind
from krachtbron.lib.lookup import pk_or_404


def plans_allowed(user: User) -> bool:
    return has_role(user, *WORKS_WITH_FAMILIES)


def visible_team_plans(user: User) -> QuerySet[ConversationPlan]:
    if not plans_allowed(user):
        return ConversationPlan.objects.none()
    mine = Q(owner=user)
    if user.team_id:
        mine |= Q(team_id=user.team_id)
    return ConversationPlan.objects.filter(mine, kind=PlanKind.TEAM)


def get_team_plan_for_user(user: User, pk: Any) -> ConversationPlan:
    plan = visible_team_plans(user).select_related("team", "owner").filter(pk=pk_or_404(pk)).first()
    if plan is None:
        raise Http404
    return plan


def get_family_plan_for_user(user: User, pk: Any) -> ConversationPlan:
    return get_owned_for_user(
        user,
        ConversationPlan.objects.filter(kind=PlanKind.FAMILY).select_related("family", "owner"),
        pk,
    )


def can_delete_team_plan(user: User, plan: ConversationPlan) -> bool:
    """The owner, or the teamleider of the plan's team."""
    return plan.owner_id == user.pk or (
        has_role(user, Role.TEAMLEIDER) and user.team_id == plan.team_id
    )
