from krachtbron.testing.forms import CreateForm, Post
from krachtbron.testing.matrix import Route

ADVISER = frozenset({"adviser"})


def _family(org):
    return {"pk": org.family.pk}


def _adviser_file(org, ready=False):
    from krachtbron.testing.prepared import a_file

    return {"pk": org.family.pk, "file_id": a_file(org, org.adviser, ready=ready).pk}


# --- How the lists grow (krachtbron/testing/test_list_queries.py) ------------------------------


def _more_families(org):
    """Families on the caseload of everyone who has one, each with members and two advisers."""
    from krachtbron.testing.factories import FamilyFactory, MemberFactory, UserFactory

    for user in (org.adviser, org.colleague, org.other_adviser, org.teamleider):
        for _ in range(2):
            family = FamilyFactory(team=user.team, advisers=[user, UserFactory(team=user.team)])
            MemberFactory(family=family)
            MemberFactory(family=family, role="jeugdige", birth_year=None)


def _more_of_the_file(org):
    """More members, goals (with and without a member) and advisers of org.family."""
    from krachtbron.families.models import CaseAssignment
    from krachtbron.testing.factories import GoalFactory, MemberFactory, UserFactory

    for _ in range(3):
        member = MemberFactory(family=org.family, role="kind", birth_year=None)
        GoalFactory(family=org.family, member=member)
        GoalFactory(family=org.family)
        CaseAssignment.objects.create(
            family=org.family, adviser=UserFactory(team=org.team), is_substitute=True
        )


def _more_looks(org):
    """More rows in the file's access history: by staff, by a family member, by the system,
    and list pages that showed the family."""
    from krachtbron.audit.actors import Actor
    from krachtbron.audit.log import log_access, log_access_list
    from krachtbron.audit.models import AccessKind
    from krachtbron.testing.factories import UserFactory

    for kind in (AccessKind.READ, AccessKind.CHANGE, AccessKind.PRINT):
        log_access(UserFactory(team=org.team), org.family, kind, org.member)
    log_access(Actor.family_member(org.member), org.family, AccessKind.READ)
    log_access(Actor.system("retention"), org.family, AccessKind.CHANGE)
    log_access_list(UserFactory(team=org.team), [org.family], object_type="caseload")


def _more_destroyed(org):
    from krachtbron.families.models import DestructionRecord
    from krachtbron.testing.factories import UserFactory

    for number in range(3):
        DestructionRecord.objects.create(
            family_reference=f"KB-WEG-{DestructionRecord.objects.count()}-{number}",
            reason=DestructionRecord.Reason.REQUEST,
            decided_by=UserFactory(role="beheerder", team=None, is_privacy_officer=True),
        )


def _more_in_the_team(org):
    """Advisers of the team with families, and families waiting for an adviser."""
    from krachtbron.testing.factories import FamilyFactory, UserFactory

    for _ in range(3):
        adviser = UserFactory(team=org.team)
        FamilyFactory(team=org.team, advisers=[adviser])
        FamilyFactory(team=org.team, advisers=[adviser, org.adviser])
        FamilyFactory(team=org.team)


def _more_advisers_of_the_family(org):
    from krachtbron.families.models import CaseAssignment
    from krachtbron.testing.factories import UserFactory

    for substitute in (False, True, True):
        CaseAssignment.objects.create(
            family=org.family, adviser=UserFactory(team=org.team), is_substitute=substitute
        )


def _stepfather(org):
    from krachtbron.testing.factories import MemberFactory

    johan = MemberFactory(family=org.family, first_name="Johan", has_parental_authority=False)
    return {"pk": johan.pk}


def _decision(org):
    """An open share of Fatima's own data with a step-parent."""
    from krachtbron.families.models import RightsDecision
    from krachtbron.testing.factories import MemberFactory

    johan = MemberFactory(family=org.family, first_name="Johan", has_parental_authority=False)
    decision = RightsDecision.objects.create(
        family=org.family,
        kind=RightsDecision.Kind.SHARE,
        subject=org.member,
        other=johan,
        reason="Fatima wil dit",
        decided_by=org.adviser,
    )
    return {"pk": decision.pk}


ROUTES = [
    Route(
        "families:caseload",
        allowed=frozenset({"adviser", "colleague", "other_team", "teamleider"}),
        list_page=True,
        grow=_more_families,
    ),
    Route(
        "families:create", allowed=frozenset({"adviser", "colleague", "other_team", "teamleider"})
    ),
    Route(
        "families:detail",
        _family,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_of_the_file,
    ),
    Route("families:edit", _family, allowed=ADVISER, family=True),
    Route("families:member_add", _family, allowed=ADVISER, family=True),
    Route(
        "families:goal_add",
        _family,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_of_the_file,
    ),
    Route(
        "families:access_history",
        _family,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_looks,
    ),
    Route(
        "families:copy",
        _family,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_of_the_file,
    ),
    # A copy made in the background: only for the adviser who asked (families/prepared.py).
    Route("families:copy_file", _adviser_file, allowed=ADVISER, family=True),
    Route("families:copy_file_download", _adviser_file, allowed=frozenset()),
    Route("families:member_edit", lambda org: {"pk": org.member.pk}, allowed=ADVISER, family=True),
    Route("families:member_delete", lambda org: {"pk": org.member.pk}, allowed=frozenset()),
    Route(
        "families:member_rights", lambda org: {"pk": org.member.pk}, allowed=ADVISER, family=True
    ),
    Route("families:rights_decision_end", _decision, allowed=frozenset()),
    Route("families:goal_edit", lambda org: {"pk": org.goal.pk}, allowed=ADVISER, family=True),
    Route("families:goal_delete", lambda org: {"pk": org.goal.pk}, allowed=frozenset()),
    Route(
        "families:retention", allowed=frozenset({"beheerder"}), list_page=True, grow=_more_destroyed
    ),
    # The teamleider's pages: assignments only, never content.
    Route(
        "families:team", allowed=frozenset({"teamleider"}), list_page=True, grow=_more_in_the_team
    ),
    Route(
        "families:assign",
        _family,
        allowed=frozenset({"teamleider"}),
        list_page=True,
        grow=_more_advisers_of_the_family,
    ),
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
        "families:member_rights",
        "families.RightsDecision",
        lambda org: {
            "kind": "delen",
            "other": org.member.pk,
            "reason": "Johan deelt zijn doelen met Fatima",
        },
        _stepfather,
        typed=("Johan deelt zijn doelen met Fatima",),
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


def _edited_family(org):
    return {
        "display_name": "Gezin Amrani-Bakker",
        "team": org.team.pk,
        "status": "actief",
        "version": str(org.family.version),
    }


def _edited_member(org):
    return {"first_name": "Fatma", "role": "opvoeder", "birth_year": "1985", "version": "1"}


def _edited_goal(org):
    return {**_new_goal(org), "status": "bezig", "version": "1"}


SESSION = ("sessions.Session",)

OTHER_POSTS = {
    "families:caseload": Post(
        "a search filter, kept in the session", lambda org: {"q": "Amrani"}, changes=SESSION
    ),
    "families:team": Post(
        "a filter, kept in the session", lambda org: {"unassigned": "on"}, changes=SESSION
    ),
    "families:edit": Post(
        "changes the family (optimistic locking)", _edited_family, changes=("families.Family",)
    ),
    "families:member_edit": Post(
        "changes a member (optimistic locking)",
        _edited_member,
        changes=("families.FamilyMember",),
    ),
    "families:goal_edit": Post(
        "changes a goal (optimistic locking)", _edited_goal, changes=("families.Goal",)
    ),
    "families:member_delete": Post("deletes", changes=("families.FamilyMember",), allowed=ADVISER),
    "families:goal_delete": Post("deletes", changes=("families.Goal",), allowed=ADVISER),
    "families:rights_decision_end": Post(
        "ends a decision (kept in the file)", changes=("families.RightsDecision",), allowed=ADVISER
    ),
    "families:unassign": Post(
        "removes an assignment",
        changes=("families.CaseAssignment",),
        allowed=frozenset({"teamleider"}),
    ),
    "families:copy": Post(
        "a download (the access-log row is its record)",
        lambda org: {"requester": org.member.pk, "third_parties": "0", "format": "json"},
        changes=("audit.AccessLogEntry",),
    ),
    "families:copy_file_download": Post(
        "hands the made copy over once (erased; the access-log row is its record)",
        changes=("families.PreparedFile", "audit.AccessLogEntry"),
        allowed=ADVISER,
        kwargs=lambda org: _adviser_file(org, ready=True),
    ),
    "families:access_history": Post(
        "a period filter, kept in the session",
        lambda org: {"date_from": "2026-01-01", "date_to": ""},
        changes=SESSION,
    ),
}
