"""Access matrix declarations for the netwerkplan's staff routes (SECURITY.md 8): the file's
Afspraken tab and its forms are for the family's own adviser."""

from krachtbron.testing.forms import CreateForm, Post
from krachtbron.testing.matrix import Route

ADVISER = frozenset({"adviser"})
NOBODY = frozenset()  # POST-only routes: a GET is 405 for everyone


def _family(org):
    return {"pk": org.family.pk}


def _agreement(org):
    from krachtbron.networkplan.tests.factories import AgreementFactory

    return {"pk": AgreementFactory(family=org.family, goal=org.goal).pk}


def _person(org):
    from krachtbron.network.tests.factories import NetworkPersonFactory

    return {"pk": NetworkPersonFactory(family=org.family, label="Oma Aziza").pk}


def _more_agreements(org):
    """More goals, persons (with and without an aanspreekpunt) and agreements: the tab grows."""
    from krachtbron.networkplan.tests.factories import grow_agreements

    grow_agreements(org.family, org.member, 4)


ROUTES = [
    Route(
        "networkplan:agreements",
        _family,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_agreements,
    ),
    Route("networkplan:agreement_add", _family, allowed=ADVISER, family=True),
    Route("networkplan:agreement_edit", _agreement, allowed=ADVISER, family=True),
    Route("networkplan:agreements_seen", _family, allowed=NOBODY),
    Route("networkplan:contact_point", _person, allowed=ADVISER, family=True),
]


def _goal_id(org):
    return str(org.goal.pk)


CREATE_FORMS = [
    CreateForm(
        "networkplan:agreement_add",
        "networkplan.Agreement",
        lambda org: {
            "goal": _goal_id(org),
            "text": "Oma haalt de kinderen op woensdag van school",
            "performer": f"m{org.member.pk}",
            "when": "elke woensdag",
            "status": "afgesproken",
        },
        _family,
        typed=("Oma haalt de kinderen op woensdag van school", "elke woensdag"),
    ),
    CreateForm(
        "networkplan:contact_point",
        "networkplan.ContactPoint",
        lambda org: {"turns_to": "", "turns_to_text": "het buurtteam", "version": "0"},
        _person,
        typed=("het buurtteam",),
    ),
]

OTHER_POSTS = {
    "networkplan:agreement_edit": Post(
        "changes an agreement (optimistic locking)",
        lambda org: {
            "goal": _goal_id(org),
            "text": "Opa kookt op vrijdag",
            "performer": "ik",
            "when": "vrijdag",
            "status": "loopt",
            "version": "1",
        },
        changes=("networkplan.Agreement",),
    ),
    "networkplan:agreements_seen": Post(
        "the adviser has seen what the family added (the marks go)",
        changes=("networkplan.Agreement",),
        allowed=ADVISER,
        kwargs=lambda org: _family_with_news(org),
    ),
}


def _family_with_news(org):
    from krachtbron.networkplan.tests.factories import family_agreement

    family_agreement(org.member, org.goal)
    return {"pk": org.family.pk}
