"""Access matrix declarations for every network route (SECURITY.md 8)."""

from krachtbron.testing.forms import CreateForm, Post
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


def _more_network(org):
    """More people on the map (of the family and of a member) and more moments kept."""
    from krachtbron.network.tests.factories import NetworkPersonFactory, NetworkSnapshotFactory

    for _ in range(3):
        NetworkPersonFactory(family=org.family, member=org.member)
        NetworkPersonFactory(family=org.family, professional=True)
        NetworkPersonFactory(family=org.family, burdening=True)
        NetworkSnapshotFactory(family=org.family)


ROUTES = [
    Route("network:map", _family, allowed=ADVISER, family=True, list_page=True, grow=_more_network),
    Route("network:person_add", _family, allowed=ADVISER, family=True),
    Route("network:snapshot_add", _family, allowed=ADVISER, family=True),
    Route(
        "network:compare", _family, allowed=ADVISER, family=True, list_page=True, grow=_more_network
    ),
    Route("network:person_edit", _person, allowed=ADVISER, family=True),
    Route("network:person_delete", _person, allowed=NOBODY),
    Route("network:snapshot", _snapshot, allowed=ADVISER, family=True),
    Route("network:snapshot_delete", _snapshot, allowed=NOBODY),
]


# --- Forms that post (krachtbron/testing/forms.py) ----------------------------------------------

CREATE_FORMS = [
    # The example of issue 12: a double click stored "buurvrouw Els" twice.
    CreateForm(
        "network:person_add",
        "network.NetworkPerson",
        lambda org: {
            "label": "buurvrouw Els",
            "member": "",
            "relation": "buurt",
            "closeness": "2",
            "quality": "steunend",
            "note": "Haalt de kinderen op woensdag van school",
        },
        _family,
        typed=("buurvrouw Els", "Haalt de kinderen op woensdag van school"),
    ),
    CreateForm(
        "network:snapshot_add",
        "network.NetworkSnapshot",
        lambda org: {"taken_on": _today(), "title": "Bij de start"},
        _family,
        typed=("Bij de start",),
    ),
]

OTHER_POSTS = {
    "network:person_edit": Post(
        "changes a person (optimistic locking)",
        lambda org: {
            "label": "tante Samira",
            "member": "",
            "relation": "familie",
            "closeness": "1",
            "quality": "steunend",
            "note": "",
            "version": "1",
        },
        changes=("network.NetworkPerson",),
    ),
    "network:person_delete": Post("deletes", changes=("network.NetworkPerson",), allowed=ADVISER),
    "network:snapshot_delete": Post(
        "deletes", changes=("network.NetworkSnapshot",), allowed=ADVISER
    ),
}


def _today():
    from django.utils import timezone

    return timezone.localdate().isoformat()
