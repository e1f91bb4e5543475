"""One lookup per object kind, through the families' generic permission mechanism."""

from typing import Any

from krachtbron.accounts.models import User
from krachtbron.families.permissions import get_owned_for_user
from krachtbron.network.models import NetworkPerson, NetworkSnapshot


def get_person_for_user(user: User, pk: Any) -> NetworkPerson:
    return get_owned_for_user(user, NetworkPerson.objects.select_related("family", "member"), pk)


def get_snapshot_for_user(user: User, pk: Any) -> NetworkSnapshot:
    return get_owned_for_user(user, NetworkSnapshot.objects.select_related("family"), pk)
