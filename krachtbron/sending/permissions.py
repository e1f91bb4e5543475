"""Who may see and send again a message: the family's own advisers (families.permissions)."""

from typing import Any

from krachtbron.accounts.models import User
from krachtbron.families.permissions import get_owned_for_user
from krachtbron.sending.models import Delivery


def get_delivery_for_user(user: User, pk: Any) -> Delivery:
    return get_owned_for_user(user, Delivery.objects.select_related("family", "member"), pk)
