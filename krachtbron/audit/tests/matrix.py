from krachtbron.testing.forms import Post
from krachtbron.testing.matrix import Route

# "beheerder" is Bea, beheerder *and* privacy officer; a beheerder without the right gets 403
# (tested in test_admin_changes.py and test_access_log.py).


ROUTES = [
    Route("audit:access_log", allowed=frozenset({"beheerder"})),
    Route("audit:admin_changes", allowed=frozenset({"beheerder"})),
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
