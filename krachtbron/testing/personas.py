"""The fixed people every access test talks about (STYLE.md: tests read like sentences)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from krachtbron.accounts.middleware import AUTH_AT, SEEN_AT
from krachtbron.accounts.models import Role, Team, User
from krachtbron.families.choices import MemberRole
from krachtbron.families.models import Family, FamilyMember, Goal
from krachtbron.portal.session import AUTH_AT as MEMBER_AUTH_AT
from krachtbron.portal.session import SEEN_AT as MEMBER_SEEN_AT
from krachtbron.testing.factories import (
    FamilyFactory,
    GoalFactory,
    MemberFactory,
    TeamFactory,
    UserFactory,
)


@dataclass
class Org:
    team: Team
    other_team: Team
    adviser: User  # Alice: the family's own adviser
    colleague: User  # Bob: same team, not assigned
    other_adviser: User  # Charlie: another team
    teamleider: User  # Tess: leads the team, not assigned
    beheerder: User  # Bea: beheerder and privacy officer
    onderzoeker: User  # Olga
    family: Family  # on Alice's caseload
    member: FamilyMember  # Fatima, opvoeder (with gezag)
    goal: Goal
    other_family: Family  # on Charlie's caseload
    youth: FamilyMember  # Sem, 15, jeugdige in Alice's family
    other_member: FamilyMember  # Lotte, opvoeder in Charlie's family
    #: persona -> the session its real sign-in left ({key: value}, `sign_in_everyone`); empty:
    #: `client_for` signs each new client in. Only for an org that outlives its tests' rollbacks.
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)

    def personas(self) -> dict[str, User | None]:
        """Everyone who must NOT see self.family's content (None = anonymous)."""
        return {
            "colleague": self.colleague,
            "other_team": self.other_adviser,
            "teamleider": self.teamleider,
            "beheerder": self.beheerder,
            "onderzoeker": self.onderzoeker,
            "anonymous": None,
        }


def _years_ago(years: int) -> date:
    """A date of birth that makes someone ``years`` old today, whatever today is (born on
    1 January: the birthday of this year has always passed)."""
    return date(timezone.localdate().year - years, 1, 1)


def make_org() -> Org:
    team = TeamFactory(name="Team Oost")
    other_team = TeamFactory(name="Team West")
    adviser = UserFactory(username="alice", first_name="Alice", team=team)
    family = FamilyFactory(team=team, display_name="Gezin Amrani", advisers=[adviser])
    other_adviser = UserFactory(username="charlie", first_name="Charlie", team=other_team)
    return Org(
        team=team,
        other_team=other_team,
        adviser=adviser,
        colleague=UserFactory(username="bob", first_name="Bob", team=team),
        other_adviser=other_adviser,
        teamleider=UserFactory(username="tess", first_name="Tess", role=Role.TEAMLEIDER, team=team),
        beheerder=UserFactory(
            username="bea",
            first_name="Bea",
            role=Role.BEHEERDER,
            team=None,
            is_privacy_officer=True,
        ),
        onderzoeker=UserFactory(
            username="olga", first_name="Olga", role=Role.ONDERZOEKER, team=None
        ),
        family=family,
        member=MemberFactory(family=family, first_name="Fatima"),
        goal=GoalFactory(family=family),
        other_family=(other_family := FamilyFactory(team=other_team, advisers=[other_adviser])),
        youth=MemberFactory(
            family=family,
            first_name="Sem",
            role=MemberRole.YOUTH,
            birth_date=(born := _years_ago(15)),
            birth_year=born.year,
        ),
        other_member=MemberFactory(family=other_family, first_name="Lotte"),
    )


#: How a test client becomes each persona of the access matrix (krachtbron/testing/matrix.py):
#: persona -> the Org attribute of the staff user who signs in, or None for a visitor who is not
#: signed in. A persona that signs in another way (a family member with a passkey) adds itself to
#: `SIGN_IN` instead.
STAFF_USERS: dict[str, str | None] = {
    "adviser": "adviser",
    "colleague": "colleague",
    "other_team": "other_adviser",
    "teamleider": "teamleider",
    "beheerder": "beheerder",
    "onderzoeker": "onderzoeker",
    "anonymous": None,
}


def _member(attribute: str) -> Callable[[Client, Org], None]:
    """Sign a family member of the org in to Mijn Krachtbron, with a one-time link used as its
    pages use it (testing/portal.py ``force_member_login``: the session, without the pages)."""

    def sign_in(client: Client, org: Org) -> None:
        from krachtbron.testing.portal import force_member_login

        force_member_login(client, getattr(org, attribute))

    return sign_in


SIGN_IN: dict[str, Callable[[Client, Org], None]] = {
    "member": _member("member"),  # Fatima: opvoeder of the family
    "youth": _member("youth"),  # Sem: a jeugdige of 15 in the same family
    "other_member": _member("other_member"),  # Lotte: opvoeder of another family
}


def persona_user(org: Org, persona: str) -> User | None:
    """The staff user a persona signs in as (None: not a staff user)."""
    attribute = STAFF_USERS.get(persona)
    return getattr(org, attribute) if attribute else None


def client_for(org: Org, persona: str) -> Client:
    """A new test client, signed in as this persona (with the second factor).

    When ``org.sessions`` holds the persona (``sign_in_everyone``), the client gets a new session
    row of its own holding what that sign-in left, its clock at now; otherwise it signs in.
    """
    client = Client()
    if persona in org.sessions:
        return _with_session(client, org.sessions[persona])
    if persona in SIGN_IN:
        SIGN_IN[persona](client, org)
    elif persona not in STAFF_USERS:
        raise KeyError(f"Unknown persona {persona!r}: add it to testing/personas.py")
    elif (user := persona_user(org, persona)) is not None:
        # A fresh copy: signing in sets last_login on the instance, which a test that rolls
        # back its savepoint would otherwise keep in org (and so break its password tokens).
        login(client, User.objects.get(pk=user.pk))
    return client


def sign_in_everyone(org: Org) -> Org:
    """Sign every persona of the access matrix in once, through ``client_for`` (the real
    sign-in: ``force_login`` with django-axes, the key rotation and the signals, with the second
    factor; a member's one-time link), and keep what each session holds in ``org.sessions``.

    For an org made once for many tests (conftest.py ``signed_in_org``): each ``client_for``
    then costs one session row instead of a sign-in (about 40 % of a matrix check), and every
    request still passes every middleware (second factor, idle time, the member's session).
    Returns ``org``, its rows read again (a sign-in sets the user's last_login, which a password
    token is made from); the anonymous persona has no session.
    """
    org.sessions.clear()
    for persona in (*STAFF_USERS, *SIGN_IN):
        client = client_for(org, persona)
        if settings.SESSION_COOKIE_NAME in client.cookies:
            org.sessions[persona] = dict(client.session.items())
    for value in vars(org).values():  # as the sign-ins left them (a user's last_login)
        if isinstance(value, Model):
            value.refresh_from_db()
    return org


#: The clocks a session starts at its sign-in: the staff session's and the member's.
_CLOCKS = (AUTH_AT, SEEN_AT, MEMBER_AUTH_AT, MEMBER_SEEN_AT)


def _with_session(client: Client, held: dict[str, Any]) -> Client:
    """Give ``client`` a new session row holding ``held``, as if signed in just now (a new key:
    what one client's requests do to their session never reaches another's)."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.update(held)
    now = timezone.now().isoformat()
    for clock in _CLOCKS:
        if clock in held:
            store[clock] = now
    store.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    client.cookies[settings.SESSION_COOKIE_NAME].update(
        {"path": "/", "domain": settings.SESSION_COOKIE_DOMAIN or ""}
    )
    return client


def login(client: Client, user: User) -> Client:
    """Sign in with password and second factor, as the real flow leaves the session."""
    from django.utils import timezone

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    session = client.session
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    now = timezone.now().isoformat()
    session[AUTH_AT] = now
    session[SEEN_AT] = now
    session.save()
    return client


def sign_in_through_the_pages(client: Client, user: User, next_url: str = "") -> Any:
    """Sign in as a person does: the password page (with `next`), then a fresh TOTP code.

    Returns the response of the code step (a redirect to where the user was going).
    A code works once per 30 s step; the device forgets the last one, as a new step would.
    """
    from django.urls import reverse
    from django_otp.oath import TOTP

    from krachtbron.testing.factories import PASSWORD

    def csrf() -> dict[str, str]:  # for a client that checks CSRF, as a browser does
        cookie = client.cookies.get("csrftoken")
        return {"csrfmiddlewaretoken": cookie.value} if cookie else {}

    client.get(reverse("accounts:login"))
    data = {"username": user.username, "password": PASSWORD, **csrf()}
    if next_url:
        data["next"] = next_url
    response = client.post(reverse("accounts:login"), data)
    assert response.status_code == 302, response.status_code
    TOTPDevice.objects.filter(user=user).update(last_t=-1)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return client.post(reverse("accounts:verify"), {"code": f"{code:0{device.digits}d}", **csrf()})
