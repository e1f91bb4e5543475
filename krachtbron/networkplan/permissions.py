"""One lookup per object kind of the netwerkplan, through the families' permission mechanism."""

from typing import Any

from krachtbron.accounts.models import User
from krachtbron.families.permissions import get_owned_for_user
from krachtbron.networkplan.models import Agreement


def get_agreement_for_user(user: User, pk: Any) -> Agreement:
    """An agreement of a family on this user's caseload (else 404, a refused look logged)."""
    return get_owned_for_user(
        user,
        Agreement.objects.select_related(
            "family", "goal", "performer_member", "performer_person", "added_by_member"
        ),
        pk,
    )
