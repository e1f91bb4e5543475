"""Access matrix for the kennisbank and the conversation planner.

The kennisbank holds no personal data: every staff persona may read it. Team plans: the team's
advisers and teamleider (Alice owns it; Bob and Tess are in her team). Family plans: only the
family's own adviser.
"""

from krachtbron.knowledge.tests.factories import FamilyPlanFactory, TeamPlanFactory
from krachtbron.testing.forms import CreateForm, Post
from krachtbron.testing.matrix import STAFF, Route

ADVISER = frozenset({"adviser"})
PLANNERS = frozenset({"adviser", "colleague", "other_team", "teamleider"})
ALICES_TEAM = frozenset({"adviser", "colleague", "teamleider"})
NOBODY: frozenset[str] = frozenset()  # POST-only routes: a GET gets 405


def _team_plan(org):
    return {"pk": TeamPlanFactory(owner=org.adviser).pk}


def _family_plan(org):
    return {"pk": FamilyPlanFactory(owner=org.adviser, family=org.family).pk}


def _family(org):
    return {"pk": org.family.pk}


def _more_team_plans(org):
    """Plans of everyone in Alice's team (and of another team, which must stay out)."""
    for owner in (org.adviser, org.colleague, org.teamleider, org.other_adviser):
        TeamPlanFactory(owner=owner)


def _more_family_plans(org):
    from krachtbron.testing.factories import UserFactory

    for owner in (org.adviser, UserFactory(team=org.team)):
        FamilyPlanFactory(owner=owner, family=org.family)


ROUTES = [
    Route("knowledge:index", allowed=STAFF),
    Route("knowledge:search", allowed=STAFF),
    Route("knowledge:cards", allowed=STAFF),
    Route("knowledge:cards_print", allowed=STAFF),
    Route("knowledge:card", lambda org: {"card_id": "waaier-regie"}, allowed=STAFF),
    Route("knowledge:page", lambda org: {"page_id": "werken-met-netwerk"}, allowed=STAFF),
    Route("knowledge:plans", allowed=PLANNERS, list_page=True, grow=_more_team_plans),
    Route("knowledge:plan_create", allowed=PLANNERS),
    Route("knowledge:plan", _team_plan, allowed=ALICES_TEAM),
    Route("knowledge:plan_edit", _team_plan, allowed=ALICES_TEAM),
    Route("knowledge:plan_record", _team_plan, allowed=ALICES_TEAM),
    Route("knowledge:plan_delete", _team_plan, allowed=NOBODY),
    Route(
        "knowledge:family_plans",
        _family,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_family_plans,
    ),
    Route("knowledge:family_plan_create", _family, allowed=ADVISER, family=True),
    Route("knowledge:family_plan", _family_plan, allowed=ADVISER, family=True),
    Route("knowledge:family_plan_edit", _family_plan, allowed=ADVISER, family=True),
    Route("knowledge:family_plan_record", _family_plan, allowed=ADVISER, family=True),
    Route("knowledge:family_plan_delete", _family_plan, allowed=NOBODY),
]


# --- Forms that post (krachtbron/testing/forms.py) ----------------------------------------------


def _plan(topic):
    return lambda org: {
        "topic": topic,
        "purpose": "Samen kijken wie er na de hulp nog is",
        "participants": "",
        "planned_on": "",
        "approach": "",
        "version": "",
    }


CREATE_FORMS = [
    CreateForm(
        "knowledge:plan_create",
        "knowledge.ConversationPlan",
        _plan("Teamoverleg over netwerken"),
        typed=("Teamoverleg over netwerken", "Samen kijken wie er na de hulp nog is"),
    ),
    CreateForm(
        "knowledge:family_plan_create",
        "knowledge.ConversationPlan",
        _plan("Netwerkgesprek met moeder"),
        _family,
        typed=("Netwerkgesprek met moeder", "Samen kijken wie er na de hulp nog is"),
    ),
]


def _edited_plan(org):
    return {**_plan("Teamoverleg over grenzen")(org), "version": "1"}


def _record(org):
    return {
        "status": "gevoerd",
        "notes": "Iedereen kwam aan het woord",
        "agreements": "",
        "version": "1",
    }


PLANS = ("knowledge.ConversationPlan",)

OTHER_POSTS = {
    "knowledge:plan_edit": Post("changes a plan (optimistic locking)", _edited_plan, changes=PLANS),
    "knowledge:plan_record": Post("changes a plan (optimistic locking)", _record, changes=PLANS),
    # The plan's owner and the teamleider; a colleague may read it but not delete it.
    "knowledge:plan_delete": Post(
        "deletes", changes=PLANS, allowed=frozenset({"adviser", "teamleider"})
    ),
    "knowledge:family_plan_edit": Post(
        "changes a plan (optimistic locking)", _edited_plan, changes=PLANS
    ),
    "knowledge:family_plan_record": Post(
        "changes a plan (optimistic locking)", _record, changes=PLANS
    ),
    "knowledge:family_plan_delete": Post("deletes", changes=PLANS, allowed=ADVISER),
}
