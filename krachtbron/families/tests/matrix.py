from krachtbron.testing.matrix import Route

ADVISER = frozenset({"adviser"})


def _family(org):
    return {"pk": org.family.pk}


ROUTES = [
    Route(
        "families:caseload", allowed=frozenset({"adviser", "colleague", "other_team", "teamleider"})
    ),
    Route(
        "families:create", allowed=frozenset({"adviser", "colleague", "other_team", "teamleider"})
    ),
    Route("families:detail", _family, allowed=ADVISER),
    Route("families:edit", _family, allowed=ADVISER),
    Route("families:member_add", _family, allowed=ADVISER),
    Route("families:goal_add", _family, allowed=ADVISER),
    Route("families:access_history", _family, allowed=ADVISER),
    Route("families:copy", _family, allowed=ADVISER),
    Route("families:member_edit", lambda org: {"pk": org.member.pk}, allowed=ADVISER),
    Route("families:member_delete", lambda org: {"pk": org.member.pk}, allowed=frozenset()),
    Route("families:goal_edit", lambda org: {"pk": org.goal.pk}, allowed=ADVISER),
    Route("families:goal_delete", lambda org: {"pk": org.goal.pk}, allowed=frozenset()),
    Route("families:retention", allowed=frozenset({"beheerder"})),
    # The teamleider's pages: assignments only, never content.
    Route("families:team", allowed=frozenset({"teamleider"})),
    Route("families:assign", _family, allowed=frozenset({"teamleider"})),
    Route(
        "families:unassign",
        lambda org: {"pk": org.family.pk, "adviser_pk": org.adviser.pk},
        allowed=frozenset(),
    ),
]
