"""Who may see which portal link: the family's own advisers (families.permissions)."""

from typing import Any

from krachtbron.accounts.models import User
from krachtbron.families.permissions import get_owned_for_user
from krachtbron.portal.models import MemberLink


def get_link_for_user(user: User, pk: Any) -> MemberLink:
    return get_owned_for_user(user, MemberLink.objects.select_related("family", "member"), pk)
