from krachtbron.testing.forms import CreateForm
from krachtbron.testing.matrix import STAFF, Route

BEHEERDER = frozenset({"beheerder"})


def _uid_token(org):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = org.colleague
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


def _pending_request(org):
    from krachtbron.accounts.models import PrivilegeRequest
    from krachtbron.testing.factories import UserFactory

    colleague = UserFactory(role="beheerder", team=None)
    waiting = PrivilegeRequest.objects.create(user=colleague, requested_by=org.beheerder)
    return {"pk": waiting.pk}


ROUTES = [
    # Sign-in pages are public; a signed-in user may see them too.
    Route("accounts:login", allowed=STAFF | {"anonymous"}, public=True),
    Route("accounts:logout", allowed=frozenset(), public=True),  # POST only: GET is 405
    Route("accounts:activate", _uid_token, allowed=STAFF | {"anonymous"}, public=True),
    # Before the second factor only; a verified user is sent on (302).
    Route("accounts:verify", allowed=STAFF),
    Route("accounts:setup", allowed=STAFF),
    Route("accounts:team_list", allowed=BEHEERDER),
    Route("accounts:team_create", allowed=BEHEERDER),
    Route("accounts:team_edit", lambda org: {"pk": org.team.pk}, allowed=BEHEERDER),
    Route("accounts:user_list", allowed=BEHEERDER),
    Route("accounts:user_invite", allowed=BEHEERDER),
    Route("accounts:user_edit", lambda org: {"pk": org.adviser.pk}, allowed=BEHEERDER),
    Route("accounts:user_set_active", lambda org: {"pk": org.adviser.pk}, allowed=frozenset()),
    Route("accounts:user_reset_2fa", lambda org: {"pk": org.adviser.pk}, allowed=frozenset()),
    # Four eyes for the privacy-officer right: POST only (GET is 405 for everyone).
    Route(
        "accounts:privacy_officer_request",
        lambda org: {"pk": org.beheerder.pk},
        allowed=frozenset(),
    ),
    Route(
        "accounts:privacy_officer_revoke", lambda org: {"pk": org.beheerder.pk}, allowed=frozenset()
    ),
    Route("accounts:privacy_officer_decide", _pending_request, allowed=frozenset()),
    Route("accounts:session_status", allowed=STAFF),  # JSON: seconds left
    Route("accounts:session_extend", allowed=frozenset()),  # POST only
    Route("home", allowed=STAFF),
    Route("health", allowed=STAFF | {"anonymous"}, public=True),
    Route("health_live", allowed=STAFF | {"anonymous"}, public=True),
    Route("set_language", allowed=frozenset(), public=True),  # POST only
]


# --- Forms that post (krachtbron/testing/forms.py) ----------------------------------------------

CREATE_FORMS = [
    CreateForm(
        "accounts:team_create",
        "accounts.Team",
        lambda org: {"name": "Team Centrum", "is_active": "on"},
        persona="beheerder",
        typed=("Team Centrum",),
    ),
    CreateForm(
        "accounts:user_invite",
        "accounts.User",
        lambda org: {
            "first_name": "Noor",
            "last_name": "El Amrani",
            "username": "noor",
            "email": "noor@example.org",
            "role": "adviseur",
            "team": org.team.pk,
        },
        persona="beheerder",
        typed=("El Amrani", "noor@example.org"),
    ),
]


def _other_beheerder(org):
    from krachtbron.testing.factories import UserFactory

    return {"pk": UserFactory(role="beheerder", team=None).pk}


def _user_page(org, kwargs):
    from django.urls import reverse

    return reverse("accounts:user_edit", kwargs=kwargs)


CREATE_FORMS.append(
    # One waiting request per beheerder (a unique row): a repeat gets "Er wacht al een aanvraag".
    CreateForm(
        "accounts:privacy_officer_request",
        "accounts.PrivilegeRequest",
        lambda org: {},
        _other_beheerder,
        persona="beheerder",
        page=_user_page,
        natural=True,
    )
)

OTHER_POSTS = {
    "accounts:privacy_officer_revoke": "takes the right away",
    "accounts:privacy_officer_decide": "decides a waiting request (once: the row is locked)",
    "accounts:login": "signs in",
    "accounts:verify": "signs in (second step)",
    "accounts:setup": "connects an authenticator app (one device per user)",
    "accounts:logout": "signs out",
    "accounts:session_extend": "extends the session ('Blijf ingelogd')",
    "accounts:activate": "sets a password",
    "accounts:team_edit": "changes a team",
    "accounts:user_edit": "changes a user",
    "accounts:user_set_active": "switches an account on or off",
    "accounts:user_reset_2fa": "removes the second factor",
    "set_language": "sets the language cookie",
}
