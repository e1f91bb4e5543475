from krachtbron.testing.forms import CreateForm, Post
from krachtbron.testing.matrix import MEMBERS, STAFF, Route

BEHEERDER = frozenset({"beheerder"})
# Public pages: staff, an anonymous visitor and a family member signed in to Mijn Krachtbron.
EVERY_VISITOR = STAFF | {"anonymous"} | MEMBERS


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


# --- How the lists grow (krachtbron/testing/test_list_queries.py) ------------------------------


def _more_teams(org):
    """Teams with active and inactive members and families: the team list counts them."""
    from krachtbron.testing.factories import FamilyFactory, TeamFactory, UserFactory

    for _ in range(3):
        team = TeamFactory()
        UserFactory(team=team)
        UserFactory(team=team, is_active=False)
        FamilyFactory(team=team)


def _more_users(org):
    """Users of several teams, and requests for the privacy-officer right waiting."""
    from krachtbron.accounts.models import PrivilegeRequest
    from krachtbron.testing.factories import TeamFactory, UserFactory

    for _ in range(3):
        UserFactory(team=TeamFactory())
        PrivilegeRequest.objects.create(
            user=UserFactory(role="beheerder", team=None),
            requested_by=UserFactory(role="beheerder", team=None),
        )


ROUTES = [
    # Sign-in pages are public; a signed-in user may see them too.
    Route("accounts:login", allowed=EVERY_VISITOR, public=True),
    Route("accounts:logout", allowed=frozenset(), public=True),  # POST only: GET is 405
    Route("accounts:activate", _uid_token, allowed=EVERY_VISITOR, public=True),
    # Before the second factor only; a verified user is sent on (302).
    Route("accounts:verify", allowed=STAFF),
    Route("accounts:setup", allowed=STAFF),
    Route("accounts:team_list", allowed=BEHEERDER, list_page=True, grow=_more_teams),
    Route("accounts:team_create", allowed=BEHEERDER),
    Route("accounts:team_edit", lambda org: {"pk": org.team.pk}, allowed=BEHEERDER),
    Route("accounts:user_list", allowed=BEHEERDER, list_page=True, grow=_more_users),
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
    # The start page: staff to their role's page, a signed-in member to Ons plan (a redirect).
    Route("home", allowed=STAFF | MEMBERS),
    Route("health", allowed=EVERY_VISITOR, public=True),
    Route("health_live", allowed=EVERY_VISITOR, public=True),
    # The accessibility statement: for everyone (linked from every page's footer).
    Route("accessibility", allowed=EVERY_VISITOR, public=True),
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


def _signed_in_user(client):
    from django.contrib.auth import get_user

    from krachtbron.accounts.models import User

    user = get_user(type("Request", (), {"session": client.session})())
    return user if isinstance(user, User) else None


def _half_signed_in(client, org, kwargs):
    """After the password, before the code: the session forgets the verified device; the code
    is the one the persona's app shows now."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = _signed_in_user(client)
    if user is None:
        return {"code": "123456"}
    session = client.session
    session.pop(DEVICE_ID_SESSION_KEY, None)
    session.save()
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return {"code": f"{code:0{device.digits}d}"}


def _app_not_connected(client, org, kwargs):
    """The first sign-in: no app connected yet; the code is the one the new app shows."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from krachtbron.accounts.otp import pending_device

    user = _signed_in_user(client)
    if user is None:
        return {"code": "123456"}
    TOTPDevice.objects.filter(user=user).delete()
    session = client.session
    session.pop(DEVICE_ID_SESSION_KEY, None)
    session.save()
    device = pending_device(user)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return {"code": f"{code:0{device.digits}d}"}


def _reset_link_opened(client, org, kwargs):
    """Django keeps the token in the session on the first visit and posts to "set-password"."""
    from django.urls import reverse

    client.get(reverse("accounts:activate", kwargs=_uid_token(org)))
    return {}


def _set_password(org):
    return {**_uid_token(org), "token": "set-password"}


def _other_privacy_officer(org):
    from krachtbron.testing.factories import UserFactory

    return {"pk": UserFactory(role="beheerder", team=None, is_privacy_officer=True).pk}


def _someone_elses_request(org):
    """Waiting for a third beheerder: Bea neither asked nor would get the right."""
    from krachtbron.accounts.models import PrivilegeRequest
    from krachtbron.testing.factories import UserFactory

    waiting = PrivilegeRequest.objects.create(
        user=UserFactory(role="beheerder", team=None),
        requested_by=UserFactory(role="beheerder", team=None),
    )
    return {"pk": waiting.pk}


def _credentials(org):
    from krachtbron.testing.factories import PASSWORD

    return {"username": org.adviser.username, "password": PASSWORD}


def _edited_user(org):
    return {
        "first_name": "Alice",
        "last_name": "de Vries",
        "username": org.adviser.username,
        "email": "alice.devries@example.org",
        "role": "adviseur",
        "team": org.team.pk,
    }


EVERYONE = EVERY_VISITOR
SESSION = ("sessions.Session",)

OTHER_POSTS = {
    "accounts:privacy_officer_revoke": Post(
        "takes the right away",
        changes=("accounts.User",),
        allowed=BEHEERDER,
        kwargs=_other_privacy_officer,
    ),
    "accounts:privacy_officer_decide": Post(
        "decides a waiting request (once: the row is locked)",
        lambda org: {"decision": "approve"},
        changes=("accounts.PrivilegeRequest", "accounts.User"),
        allowed=BEHEERDER,
        kwargs=_someone_elses_request,
    ),
    "accounts:login": Post(
        "signs in", _credentials, changes=SESSION, allowed=EVERYONE, persona="anonymous"
    ),
    "accounts:verify": Post(
        "signs in (second step)",
        changes=(*SESSION, "otp_totp.TOTPDevice"),
        prepare=_half_signed_in,
    ),
    "accounts:setup": Post(
        "connects an authenticator app (one device per user)",
        changes=(*SESSION, "otp_totp.TOTPDevice"),
        prepare=_app_not_connected,
    ),
    "accounts:logout": Post("signs out", changes=SESSION, allowed=EVERYONE),
    "accounts:session_extend": Post(
        "extends the session ('Blijf ingelogd')", changes=SESSION, allowed=STAFF
    ),
    "accounts:activate": Post(
        "sets a password",
        lambda org: {
            "new_password1": "een-lange-zin-als-wachtwoord",
            "new_password2": "een-lange-zin-als-wachtwoord",
        },
        changes=("accounts.User",),
        persona="anonymous",
        kwargs=_set_password,
        prepare=_reset_link_opened,
    ),
    "accounts:team_edit": Post(
        "changes a team",
        lambda org: {"name": "Team Oost-Zuid", "is_active": "on"},
        changes=("accounts.Team",),
    ),
    "accounts:user_edit": Post("changes a user", _edited_user, changes=("accounts.User",)),
    "accounts:user_set_active": Post(
        "switches an account on or off",
        lambda org: {"active": "0"},
        changes=("accounts.User",),
        allowed=BEHEERDER,
    ),
    "accounts:user_reset_2fa": Post(
        "removes the second factor", changes=("otp_totp.TOTPDevice",), allowed=BEHEERDER
    ),
    "set_language": Post(
        "sets the language cookie",
        lambda org: {"language": "en", "next": "/"},
        unchanged="the choice is a cookie, not a row",
        allowed=EVERYONE,
    ),
}
