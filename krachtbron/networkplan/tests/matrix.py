"""Access matrix declarations for the netwerkplan's routes (SECURITY.md 8, 30): the file's
Afspraken tab and its forms are for the family's own adviser.

B (Netwerkplan en delen): the file tab "Netwerkplan" is the family file's, for its own adviser;
the network person's link and view are public (no account) and reach only their share: a
browser with a staff or Mijn Krachtbron session gets nothing from them (403, a friendly page).
The network person is not a persona of its own: the anonymous persona holds the link, and the
link's session is what makes it that person (``setup``).
"""

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


# --- B: Netwerkplan en delen -----------------------------------------------------------------

NETWORK_PERSON = frozenset({"anonymous"})  # whoever holds the link, in a browser of their own


def planned(org):
    """org.family's plan with a call, an agreement and a goal, ready (made once per org)."""
    from krachtbron.network.models import NetworkPerson
    from krachtbron.networkplan.models import Agreement, PlanCall
    from krachtbron.networkplan.tests.share_helpers import Planned, make_plan

    aunt = NetworkPerson.objects.filter(family=org.family, label="Tante Noor").first()
    if aunt is None:
        return make_plan(org)
    return Planned(
        aunt=aunt,
        neighbour=NetworkPerson.objects.get(family=org.family, label="Buurman Kees"),
        call=PlanCall.objects.filter(plan__family=org.family).order_by("id").first(),
        agreement=Agreement.objects.filter(family=org.family).order_by("id").first(),
        youth_goal=None,
        youth_agreement=None,
    )


def _call(org):
    return {"pk": planned(org).call.pk}


def _live_share(org):
    from krachtbron.networkplan.tests.share_helpers import share_all

    share, _token = share_all(org.member, planned(org).aunt)
    return {"pk": share.pk}


def _more_plan(org):
    """More calls, agreements, goals and shares in the plan (the tab lists them all)."""
    from krachtbron.networkplan import plan_actions
    from krachtbron.networkplan.models import Agreement
    from krachtbron.networkplan.tests.share_helpers import share_all
    from krachtbron.testing.factories import GoalFactory

    made = planned(org)
    for text in ("Boodschappen", "Naar de dokter", "Oppassen"):
        plan_actions.add_call(org.adviser, org.family, made.neighbour, text, "0201234567")
        goal = GoalFactory(family=org.family, text=text)
        Agreement.objects.create(family=org.family, goal=goal, text=text, performer_adviser=True)
        plan_actions.choose_goals(org.adviser, org.family, [goal.pk], [goal.pk])
        share_all(org.member, made.neighbour)


_SHARE_TOKENS: dict[int, str] = {}


def _share_token(org):
    from krachtbron.networkplan.tests.share_helpers import share_all

    _share, token = share_all(org.member, planned(org).aunt)
    return {"token": token}


def _open_the_link(client, org, kwargs):
    """The network person's browser: the link opened (a staff or member browser gets 403)."""
    from django.urls import reverse

    from krachtbron.networkplan.tests.share_helpers import share_all

    _share, token = share_all(org.member, planned(org).aunt)
    client.get(reverse("networkplan:open_share", args=[token]))


ROUTES += [
    Route(
        "networkplan:plan",
        _family,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_plan,
    ),
    Route("networkplan:plan_pdf", _family, allowed=ADVISER, family=True),
    Route("networkplan:call_add", _family, allowed=NOBODY),
    Route("networkplan:goals", _family, allowed=NOBODY),
    Route("networkplan:call_remove", _call, allowed=NOBODY),
    Route("networkplan:share_stop", _live_share, allowed=NOBODY),
    Route("networkplan:open_share", _share_token, allowed=NETWORK_PERSON, public=True),
    Route("networkplan:shared", allowed=NETWORK_PERSON, public=True, setup=_open_the_link),
]


def _tab(org, kwargs):
    from django.urls import reverse

    return reverse("networkplan:plan", kwargs=kwargs)


CREATE_FORMS += [
    CreateForm(
        "networkplan:call_add",
        "networkplan.PlanCall",
        lambda org: {
            "person": planned(org).aunt.pk,
            "call_for": "Als de auto kapot is",
            "phone": "06 12345678",
        },
        _family,
        page=_tab,
        allowed=ADVISER,
    ),
]


def _chosen_goals(org):
    from krachtbron.testing.factories import GoalFactory

    planned(org)
    return {"goals": [GoalFactory(family=org.family, text="Samen koken").pk]}


OTHER_POSTS |= {
    "networkplan:goals": Post(
        "puts the chosen goals in the plan (the plan's goals change)",
        data=_chosen_goals,
        changes=("networkplan.NetworkPlan", "audit.AccessLogEntry"),
        allowed=ADVISER,
    ),
    "networkplan:call_remove": Post(
        "takes the line out of the plan",
        changes=("networkplan.PlanCall", "audit.AccessLogEntry"),
        allowed=ADVISER,
    ),
    "networkplan:share_stop": Post(
        "the adviser stops a share, with a reason from the list",
        data=lambda org: {"reason": "hv_veiligheid"},
        changes=("networkplan.Share", "audit.AccessLogEntry"),
        allowed=ADVISER,
    ),
}
