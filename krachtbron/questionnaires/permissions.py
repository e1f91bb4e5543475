"""Who may see which invitation or response: the family's own advisers (families.permissions)."""

from typing import Any

from krachtbron.accounts.models import User
from krachtbron.families.permissions import get_owned_for_user
from krachtbron.questionnaires.models import Invitation, Response


def get_invitation_for_user(user: User, pk: Any) -> Invitation:
    return get_owned_for_user(
        user, Invitation.objects.select_related("family", "member", "response"), pk
    )


def get_response_for_user(user: User, pk: Any) -> Response:
    return get_owned_for_user(user, Response.objects.select_related("family", "member"), pk)
