"""One lookup per object kind of the netwerkplan, through the families' permission mechanism."""

from typing import Any

from krachtbron.accounts.models import User
from krachtbron.families.permissions import get_owned_for_user
from krachtbron.networkplan.models import Agreement, PlanCall, Share


def get_agreement_for_user(user: User, pk: Any) -> Agreement:
    """An agreement of a family on this user's caseload (else 404, a refused look logged)."""
    return get_owned_for_user(
        user,
        Agreement.objects.select_related(
            "family", "goal", "performer_member", "performer_person", "added_by_member"
        ),
        pk,
    )


def get_call_for_user(user: User, pk: Any) -> PlanCall:
    """A line of "wie bel je waarvoor", for the family's own advisers."""
    return get_owned_for_user(
        user, PlanCall.objects.select_related("plan__family", "person"), pk, "plan__family"
    )


def get_share_for_user(user: User, pk: Any) -> Share:
    """A share of the family's plan, for the family's own advisers (to stop it)."""
    return get_owned_for_user(
        user, Share.objects.select_related("plan__family", "person"), pk, "plan__family"
    )
