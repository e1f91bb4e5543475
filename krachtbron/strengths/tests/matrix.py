"""Access matrix declarations for every strengths route (SECURITY.md 8)."""

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
    Route("strengths:profile", _family, allowed=ADVISER),
    Route("strengths:goals", _family, allowed=ADVISER),
    Route("strengths:first_question", _family, allowed=ADVISER),
    Route("strengths:plan", _family, allowed=ADVISER),
    Route("strengths:plan_pdf", _family, allowed=ADVISER),
    Route("strengths:entry_add", _member, allowed=ADVISER),
    Route("strengths:member_scalings", _member, allowed=ADVISER),
    Route("strengths:entry_edit", _entry, allowed=ADVISER),
    Route("strengths:entry_delete", _entry, allowed=NOBODY),
    Route("strengths:scaling_delete", _scaling, allowed=NOBODY),
    Route("strengths:goal_scalings", lambda org: {"pk": org.goal.pk}, allowed=ADVISER),
    Route("strengths:goal_scaling_delete", _goal_scaling, allowed=NOBODY),
]
