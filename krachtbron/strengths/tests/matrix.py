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


ROUTES = [
    Route(
        "strengths:profile",
        _family,
        allowed=ADVISER,
        family=True,
    ),
    Route(
        "strengths:goals",
        _family,
        allowed=ADVISER,
        family=True,
    ),
    Route(
        "strengths:first_question",
        _family,
        allowed=ADVISER,
        family=True,
    ),
    Route(
        "strengths:plan",
        _family,
        allowed=ADVISER,
        family=True,
    ),
    Route("strengths:plan_pdf", _family, allowed=ADVISER, family=True),
    Route("strengths:entry_add", _member, allowed=ADVISER, family=True),
    Route(
        "strengths:member_scalings",
        _member,
        allowed=ADVISER,
        family=True,
    ),
    Route("strengths:entry_edit", _entry, allowed=ADVISER, family=True),
    Route("strengths:entry_delete", _entry, allowed=NOBODY),
    Route("strengths:scaling_delete", _scaling, allowed=NOBODY),
    Route(
        "strengths:goal_scalings",
        lambda org: {"pk": org.goal.pk},
        allowed=ADVISER,
        family=True,
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
    "strengths:plan_pdf": Post("a download", changes=("audit.AccessLogEntry",)),
}
