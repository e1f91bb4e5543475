"""One lookup per object kind, all through the families' generic permission mechanism."""

from typing import Any

from krachtbron.accounts.models import User
from krachtbron.families.permissions import get_owned_for_user
from krachtbron.strengths.models import GoalScaling, Scaling, StrengthEntry


def get_entry_for_user(user: User, pk: Any) -> StrengthEntry:
    queryset = StrengthEntry.objects.select_related("member__family")
    return get_owned_for_user(user, queryset, pk, family_path="member__family")


def get_scaling_for_user(user: User, pk: Any) -> Scaling:
    queryset = Scaling.objects.select_related("member__family")
    return get_owned_for_user(user, queryset, pk, family_path="member__family")


def get_goal_scaling_for_user(user: User, pk: Any) -> GoalScaling:
    queryset = GoalScaling.objects.select_related("goal__family")
    return get_owned_for_user(user, queryset, pk, family_path="goal__family")
