"""Writes to conversation plans. A family plan's write logs access in the same transaction."""

from typing import Any

from django.db import transaction

from krachtbron.accounts.models import User
from krachtbron.audit.models import AccessKind
from krachtbron.families.actions import record_file_change
from krachtbron.families.models import Family
from krachtbron.knowledge.models import ConversationPlan, PlanKind
from krachtbron.lib.locking import save_versioned

PLAN_FIELDS = ("topic", "purpose", "audiences", "participants", "planned_on", "approach", "cards")
RECORD_FIELDS = ("status", "notes", "agreements")


def _only(fields: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    return {name: fields[name] for name in allowed if name in fields}


def create_team_plan(user: User, **fields: Any) -> ConversationPlan:
    return ConversationPlan.objects.create(
        kind=PlanKind.TEAM, owner=user, team=user.team, **_only(fields, PLAN_FIELDS)
    )


def create_family_plan(user: User, family: Family, **fields: Any) -> ConversationPlan:
    with transaction.atomic():
        plan = ConversationPlan.objects.create(
            kind=PlanKind.FAMILY, owner=user, family=family, **_only(fields, PLAN_FIELDS)
        )
        record_file_change(user, family, AccessKind.CREATE, plan)
    return plan


def update_plan(
    user: User, plan: ConversationPlan, expected_version: int, **changes: Any
) -> ConversationPlan:
    """Save preparation or record fields; raises StaleEditError when someone saved first."""
    changes = _only(changes, PLAN_FIELDS + RECORD_FIELDS)
    with transaction.atomic():
        save_versioned(plan, expected_version, **changes)
        if plan.family is not None:
            record_file_change(
                user, plan.family, AccessKind.CHANGE, plan, extra={"fields": sorted(changes)}
            )
    return plan


def delete_plan(user: User, plan: ConversationPlan) -> None:
    with transaction.atomic():
        if plan.family is not None:
            record_file_change(user, plan.family, AccessKind.DELETE, plan)
        plan.delete()
