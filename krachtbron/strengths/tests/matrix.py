"""Access matrix declarations for every strengths route (SECURITY.md 8)."""

from krachtbron.testing.forms import CreateForm, Post
from krachtbron.testing.matrix import Route

ADVISER = frozenset({"adviser"})
NOBODY = frozenset()  # POST-only routes: a GET is 405 for everyone


def _family(org):
    return {"pk": org.family.pk}


def _member(org):
    return {"pk": org.member.pk}


def _entry(org):
    from krachtbron.strengths.tests.factories import StrengthEntryFactory

    return {"pk": StrengthEntryFactory(member=org.member).pk}


def _scaling(org):
    from krachtbron.strengths.tests.factories import ScalingFactory

    return {"pk": ScalingFactory(member=org.member).pk}


def _goal_scaling(org):
    from krachtbron.strengths.tests.factories import GoalScalingFactory

    return {"pk": GoalScalingFactory(goal=org.goal).pk}


# --- How the lists grow (krachtbron/testing/test_list_queries.py) ------------------------------


def _more_strengths(org):
    """More members, each with an entry per dimension and scalings; more goals with progress;
    the network the plan shows. What the profile, goals and plan pages list."""
    from krachtbron.families.choices import Dimension
    from krachtbron.network.tests.factories import NetworkPersonFactory
    from krachtbron.strengths.tests.factories import (
        GoalScalingFactory,
        ScalingFactory,
        StrengthEntryFactory,
    )
    from krachtbron.testing.factories import GoalFactory, MemberFactory

    new = MemberFactory(family=org.family, first_name="Amir", role="jeugdige", birth_year=2010)
    for member in (org.member, new):
        for dimension in Dimension:
            StrengthEntryFactory(member=member, dimension=dimension, life_domain="wonen")
            ScalingFactory(member=member, dimension=dimension)
        goal = GoalFactory(family=org.family, member=member)
        for target in (goal, org.goal):
            GoalScalingFactory(goal=target)
        NetworkPersonFactory(family=org.family, member=member)


def _more_scalings(org):
    from krachtbron.families.choices import Dimension
    from krachtbron.strengths.tests.factories import ScalingFactory

    for dimension in Dimension:
        ScalingFactory(member=org.member, dimension=dimension)
        ScalingFactory(member=org.member, dimension=dimension, by_adviser=True)


def _more_goal_scalings(org):
    from krachtbron.strengths.tests.factories import GoalScalingFactory

    for _ in range(3):
        GoalScalingFactory(goal=org.goal)


def _more_revisions(org):
    """Earlier versions of the first question, saved by different people."""
    from krachtbron.strengths import actions
    from krachtbron.strengths.models import FirstQuestion
    from krachtbron.testing.factories import UserFactory

    for number in range(3):
        current = FirstQuestion.objects.filter(family=org.family).first()
        actions.save_first_question(
            UserFactory(team=org.team),
            org.family,
            current.version if current else None,
            text=f"De brief over de huur, versie {number}",
            status="open",
            practical_help="",
        )


ROUTES = [
    Route(
        "strengths:profile",
        _family,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_strengths,
    ),
    Route(
        "strengths:goals",
        _family,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_strengths,
    ),
    Route(
        "strengths:first_question",
        _family,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_revisions,
    ),
    Route(
        "strengths:plan",
        _family,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_strengths,
    ),
    Route("strengths:plan_pdf", _family, allowed=ADVISER, family=True),
    Route("strengths:entry_add", _member, allowed=ADVISER, family=True),
    Route(
        "strengths:member_scalings",
        _member,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_scalings,
    ),
    Route("strengths:entry_edit", _entry, allowed=ADVISER, family=True),
    Route("strengths:entry_delete", _entry, allowed=NOBODY),
    Route("strengths:scaling_delete", _scaling, allowed=NOBODY),
    Route(
        "strengths:goal_scalings",
        lambda org: {"pk": org.goal.pk},
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_goal_scalings,
    ),
    Route("strengths:goal_scaling_delete", _goal_scaling, allowed=NOBODY),
]


# --- Forms that post (krachtbron/testing/forms.py) ----------------------------------------------


def _today():
    from django.utils import timezone

    return timezone.localdate().isoformat()


CREATE_FORMS = [
    CreateForm(
        "strengths:entry_add",
        "strengths.StrengthEntry",
        lambda org: {
            "dimension": "social",
            "life_domain": "opvoeden",
            "goes_well": "Vraagt de buren om hulp bij het ophalen van school",
            "is_hard": "",
            "gives_energy": "",
        },
        _member,
        typed=("Vraagt de buren om hulp bij het ophalen van school",),
    ),
    CreateForm(
        "strengths:member_scalings",
        "strengths.Scaling",
        lambda org: {
            "dimension": "motivation",
            "perspective": "gezinslid",
            "score": "6",
            "not_zero_because": "Ze staat elke ochtend op tijd op",
            "one_step_higher": "",
            "noted_on": _today(),
        },
        _member,
        typed=("Ze staat elke ochtend op tijd op",),
    ),
    CreateForm(
        "strengths:goal_scalings",
        "strengths.GoalScaling",
        lambda org: {"score": "4", "note": "De eerste brief samen gelezen", "noted_on": _today()},
        lambda org: {"pk": org.goal.pk},
        typed=("De eerste brief samen gelezen",),
    ),
    CreateForm(
        "strengths:first_question",
        "strengths.FirstQuestion",
        lambda org: {
            "text": "Ik krijg een brief over de huur die ik niet snap",
            "status": "open",
            "practical_help": "",
            "version": "",
        },
        _family,
        typed=("Ik krijg een brief over de huur die ik niet snap",),
    ),
]

OTHER_POSTS = {
    "strengths:entry_edit": Post(
        "changes an entry (optimistic locking)",
        lambda org: {
            "dimension": "social",
            "life_domain": "opvoeden",
            "goes_well": "Belt haar zus als het even niet gaat",
            "is_hard": "",
            "gives_energy": "",
            "version": "1",
        },
        changes=("strengths.StrengthEntry",),
    ),
    "strengths:entry_delete": Post(
        "deletes", changes=("strengths.StrengthEntry",), allowed=ADVISER
    ),
    "strengths:scaling_delete": Post("deletes", changes=("strengths.Scaling",), allowed=ADVISER),
    "strengths:goal_scaling_delete": Post(
        "deletes", changes=("strengths.GoalScaling",), allowed=ADVISER
    ),
}


# --- The adviser's answer to a goal the family proposed in Mijn Krachtbron ------------------


def _proposed_goal(org):
    from krachtbron.families.actions import add_family_goal

    goal = add_family_goal(
        org.member, text="Minder ruzie aan tafel", life_domain="opvoeden", for_whole_family=True
    )
    return {"pk": goal.pk}


ROUTES += [
    Route("strengths:settle_goal", _proposed_goal, allowed=NOBODY),
]

OTHER_POSTS["strengths:settle_goal"] = Post(
    "the adviser agrees the family's goal (once)",
    lambda org: {"antwoord": "akkoord"},
    changes=("families.Goal",),
    allowed=ADVISER,
)
