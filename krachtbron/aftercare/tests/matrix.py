"""Access matrix declarations for closing the help and follow-up (issue 15, items 3 and 4)."""

from krachtbron.testing.forms import CreateForm, Post
from krachtbron.testing.matrix import Route

ADVISER = frozenset({"adviser"})
NOBODY = frozenset()
VISITOR = frozenset({"anonymous"})  # a browser without a staff or Mijn Krachtbron session
FAMILY_MEMBERS = frozenset({"member", "youth"})
# The requests page: every adviser or teamleider sees their own team's (Charlie: Team West).
TEAM_STAFF = frozenset({"adviser", "colleague", "other_team", "teamleider"})


def _family(org):
    return {"pk": org.family.pk}


def _closed_family(org):
    from krachtbron.aftercare.tests.helpers import close

    close(org.adviser, org.family)
    return {"pk": org.family.pk}


def _another_closed_family(org):
    from krachtbron.aftercare.tests.helpers import close
    from krachtbron.testing.factories import FamilyFactory

    family = FamilyFactory(team=org.team, advisers=[org.adviser])
    close(org.adviser, family)
    return {"pk": family.pk}


def _open_check_in(org):
    from krachtbron.aftercare.tests.helpers import open_check_in

    return {"pk": open_check_in(org.adviser, org.family).pk}


def _portal_check_in(org):
    from krachtbron.aftercare.tests.helpers import check_in_beside_an_open_file

    return {"pk": check_in_beside_an_open_file(org.adviser, org.family).pk}


def _answered_portal_check_in(org):
    from krachtbron.aftercare.tests.helpers import check_in_beside_an_open_file

    follow_up = check_in_beside_an_open_file(org.adviser, org.family, answered_by=org.member)
    return {"pk": follow_up.pk}


def _request(org):
    from krachtbron.aftercare.tests.helpers import answered_check_in

    return {"pk": answered_check_in(org.adviser, org.family, org.member, contact=True).pk}


def _more_requests(org):
    from krachtbron.aftercare.tests.helpers import answered_check_in
    from krachtbron.testing.factories import FamilyFactory, MemberFactory

    for team, adviser in [(org.team, org.adviser)] * 3 + [(org.other_team, org.other_adviser)] * 3:
        family = FamilyFactory(team=team, advisers=[adviser])
        answered_check_in(adviser, family, MemberFactory(family=family), contact=True)


def _link_token(org):
    """A check-in link of another closed family of the team (the org's family stays open)."""
    from krachtbron.aftercare import actions
    from krachtbron.aftercare.tests.helpers import open_check_in
    from krachtbron.testing.factories import FamilyFactory, MemberFactory

    family = FamilyFactory(team=org.team, advisers=[org.adviser])
    member = MemberFactory(family=family, first_name="Ilse")
    follow_up = open_check_in(org.adviser, family)
    return {"token": actions.make_link(org.adviser, follow_up, member)}


ROUTES = [
    Route("aftercare:close", _family, allowed=ADVISER, family=True),
    # The GET asks to confirm (a closed family of the team: the org's family stays open).
    Route("aftercare:reopen", _another_closed_family, allowed=ADVISER),
    Route("aftercare:make_link", _open_check_in, allowed=NOBODY),
    Route("aftercare:requests", allowed=TEAM_STAFF, list_page=True, grow=_more_requests),
    Route("aftercare:request_done", _request, allowed=NOBODY),
    # A check-in link shows its three questions to whoever holds it (GET changes nothing), in
    # a browser without another identity: a staff or member session gets "voor iemand anders".
    Route("aftercare:checkin_link", _link_token, allowed=VISITOR, public=True, side="portal"),
    # In Mijn Krachtbron: a check-in of the member's own (closed) family.
    Route("portal:followup", _portal_check_in, allowed=FAMILY_MEMBERS, side="portal"),
    Route("portal:followup_done", _answered_portal_check_in, allowed=FAMILY_MEMBERS, side="portal"),
]

CREATE_FORMS = [
    CreateForm(
        "aftercare:close",
        "aftercare.Closure",
        lambda org: {"followup": "ja", "version": str(org.family.version)},
        kwargs=_family,
    ),
]

_CHECK_IN = {"score": "8", "agreements_work": "deels", "wants_contact": "nee"}

OTHER_POSTS = {
    "aftercare:reopen": Post(
        "reopens a closed file",
        kwargs=lambda org: _closed_family(org),
        changes=("families.Family", "aftercare.Closure", "aftercare.FollowUp"),
        allowed=ADVISER,
    ),
    "aftercare:make_link": Post(
        "makes a personal link to a check-in",
        lambda org: {"member": str(org.member.pk)},
        changes=("aftercare.FollowUp",),
        allowed=ADVISER,
    ),
    "aftercare:request_done": Post(
        "marks a request for contact taken up",
        changes=("aftercare.FollowUp",),
        allowed=frozenset({"adviser", "colleague", "teamleider"}),  # the family's team
    ),
    "aftercare:checkin_link": Post(
        "answers the check-in once",
        lambda org: _CHECK_IN,
        changes=("aftercare.FollowUp",),
        allowed=VISITOR,
    ),
    "portal:followup": Post(
        "answers the check-in",
        lambda org: _CHECK_IN,
        changes=("aftercare.FollowUp",),
        allowed=FAMILY_MEMBERS,
    ),
}
