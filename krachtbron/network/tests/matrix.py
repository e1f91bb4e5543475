"""Access matrix declarations for every network route (SECURITY.md 8)."""

from krachtbron.testing.matrix import Route

ADVISER = frozenset({"adviser"})
NOBODY = frozenset()  # POST-only routes: a GET is 405 for everyone


def _family(org):
    return {"pk": org.family.pk}


def _person(org):
    from krachtbron.network.tests.factories import NetworkPersonFactory

    return {"pk": NetworkPersonFactory(family=org.family).pk}


def _snapshot(org):
    from krachtbron.network.tests.factories import NetworkSnapshotFactory

    return {"pk": NetworkSnapshotFactory(family=org.family).pk}


ROUTES = [
    Route("network:map", _family, allowed=ADVISER),
    Route("network:person_add", _family, allowed=ADVISER),
    Route("network:snapshot_add", _family, allowed=ADVISER),
    Route("network:compare", _family, allowed=ADVISER),
    Route("network:person_edit", _person, allowed=ADVISER),
    Route("network:person_delete", _person, allowed=NOBODY),
    Route("network:snapshot", _snapshot, allowed=ADVISER),
    Route("network:snapshot_delete", _snapshot, allowed=NOBODY),
]
