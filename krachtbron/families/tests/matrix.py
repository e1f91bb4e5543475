from krachtbron.testing.forms import CreateForm
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


# --- Forms that post (krachtbron/testing/forms.py) ----------------------------------------------


def _new_family(org):
    return {
        "display_name": "Gezin Dubbelklik",
        "reference": "",
        "team": org.team.pk,
        "status": "aangemeld",
    }


def _new_member(org):
    return {"first_name": "Yusuf", "role": "jeugdige", "birth_year": "2011"}


def _new_goal(org):
    return {
        "text": "Zelf de brieven van de woningcorporatie lezen en beantwoorden",
        "member": org.member.pk,
        "life_domain": "wonen",
        "dimension": "competence",
        "status": "open",
    }


def _hold(org):
    from datetime import timedelta

    from django.utils import timezone

    return {
        "hold-reference": org.family.reference,
        "hold-until": (timezone.localdate() + timedelta(days=400)).isoformat(),
        "hold-reason": "Lopende klachtprocedure bij de ombudsman",
    }


CREATE_FORMS = [
    CreateForm("families:create", "families.Family", _new_family, typed=("Gezin Dubbelklik",)),
    CreateForm(
        "families:member_add", "families.FamilyMember", _new_member, _family, typed=("Yusuf",)
    ),
    CreateForm(
        "families:goal_add",
        "families.Goal",
        _new_goal,
        _family,
        typed=("Zelf de brieven van de woningcorporatie lezen en beantwoorden",),
    ),
    CreateForm(
        "families:retention",
        "families.RetentionHold",
        _hold,
        persona="beheerder",
        typed=("Lopende klachtprocedure bij de ombudsman",),
    ),
    CreateForm(
        "families:assign",
        "families.CaseAssignment",
        lambda org: {"adviser": org.colleague.pk},
        _family,
        persona="teamleider",
    ),
]

OTHER_POSTS = {
    "families:caseload": "a search filter, kept in the session",
    "families:team": "a filter, kept in the session",
    "families:edit": "changes the family (optimistic locking)",
    "families:member_edit": "changes a member (optimistic locking)",
    "families:goal_edit": "changes a goal (optimistic locking)",
    "families:member_delete": "deletes",
    "families:goal_delete": "deletes",
    "families:unassign": "removes an assignment",
    "families:copy": "a download (the access-log row is its record)",
    "families:access_history": "a period filter, kept in the session",
}
