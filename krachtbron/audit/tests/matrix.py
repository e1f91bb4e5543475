from krachtbron.testing.forms import Post
from krachtbron.testing.matrix import Route

# "beheerder" is Bea, beheerder *and* privacy officer; a beheerder without the right gets 403
# (tested in test_admin_changes.py and test_access_log.py).


def _more_access(org):
    """Rows of every kind and result, by staff of several roles, family members, network
    persons and the system, about several families, and list pages naming several families."""
    from krachtbron.audit.actors import Actor
    from krachtbron.audit.log import log_access, log_access_list
    from krachtbron.audit.models import AccessKind, AccessResult
    from krachtbron.network.tests.factories import NetworkPersonFactory
    from krachtbron.testing.factories import FamilyFactory, MemberFactory, UserFactory

    families = []
    for kind in (AccessKind.READ, AccessKind.CHANGE, AccessKind.EXPORT):
        family = FamilyFactory(team=org.team)
        families.append(family)
        log_access(UserFactory(team=org.team), family, kind)
        log_access(UserFactory(team=None), family, kind, result=AccessResult.DENIED)
        log_access(Actor.family_member(MemberFactory(family=family)), family, AccessKind.READ)
        log_access(Actor.network_person(NetworkPersonFactory(family=family)), family, kind)
    log_access(Actor.system("retention"), org.family, AccessKind.DELETE)
    log_access_list(UserFactory(team=org.team), families, object_type="caseload")


def _more_changes(org):
    """Administrative changes of several kinds, by several beheerders, about several objects."""
    from krachtbron.accounts import actions
    from krachtbron.testing.factories import TeamFactory, UserFactory

    for _ in range(3):
        beheerder = UserFactory(role="beheerder", team=None)
        team = actions.save_team(beheerder, None, name=f"Team {TeamFactory().pk}-b", is_active=True)
        actions.update_user(beheerder, UserFactory(team=team), role="teamleider", team=team)
        actions.reset_second_factor(beheerder, UserFactory(team=team))


ROUTES = [
    Route("audit:access_log", allowed=frozenset({"beheerder"}), list_page=True, grow=_more_access),
    Route(
        "audit:admin_changes", allowed=frozenset({"beheerder"}), list_page=True, grow=_more_changes
    ),
]

# Forms that post (krachtbron/testing/forms.py): the searches are filters kept in the session.
OTHER_POSTS = {
    "audit:access_log": Post(
        "a search filter, kept in the session",
        lambda org: {"family_reference": org.family.reference},
        changes=("sessions.Session",),
    ),
    "audit:admin_changes": Post(
        "a search filter, kept in the session",
        lambda org: {"object_type": "team"},
        changes=("sessions.Session",),
    ),
}
