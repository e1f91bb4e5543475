"""Sign a family member in to Mijn Krachtbron on a Django test client, through the real flow.

``sign_in_member(client, member)`` does what an adviser and a member do: the adviser makes a
one-time link (``portal.actions.make_one_time_link``, as the "Eenmalige link" button does), the
member opens it (GET shows the page, the POST uses the link). No session key is written by
hand, so every check of the real flow runs (eligibility, single use, the session's clock).
"""

from typing import Any

from django.test import Client
from django.urls import reverse

from krachtbron.families.models import FamilyMember


def one_time_link(member: FamilyMember, adviser: Any = None) -> str:
    """A fresh one-time link's path for ``member``, made by ``adviser`` (default: one of the
    family's advisers)."""
    from krachtbron.portal.actions import make_one_time_link

    adviser = adviser or member.family.advisers.first()
    if adviser is None:
        raise ValueError("The member's family needs an adviser to make a link.")
    _link, token = make_one_time_link(adviser, member)
    return reverse("portal:open", args=[token])


def sign_in_member(client: Client, member: FamilyMember, adviser: Any = None) -> Client:
    """Sign ``member`` in on ``client`` through a one-time link; returns the client."""
    path = one_time_link(member, adviser)
    page = client.get(path)
    assert page.status_code == 200, page.status_code
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == reverse("portal:home"), (
        response.status_code,
        response.get("Location"),
    )
    return client


def force_member_login(client: Client, member: FamilyMember, adviser: Any = None) -> Client:
    """Sign ``member`` in on ``client`` as opening a one-time link leaves it, without the two
    pages (what Django's ``Client.force_login`` is for staff); returns the client.

    For a test of what a signed-in member may see or do (the access matrix, personas.client_for),
    not of signing in: the link is made and used by the real actions (its single use and its
    access-log row), the session begun by ``portal.session.begin``, as ``portal.views.use_link``
    does. The pages of a link are tested through ``sign_in_member``. About a third of its time.
    """
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest
    from django.utils import translation

    from krachtbron.portal import actions, session
    from krachtbron.portal.models import MemberLink

    adviser = adviser or member.family.advisers.first()
    if adviser is None:
        raise ValueError("The member's family needs an adviser to make a link.")
    link, _token = actions.make_one_time_link(adviser, member)
    assert isinstance(link, MemberLink) and actions.use_one_time_link(link)
    request = HttpRequest()
    request.user = AnonymousUser()
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    with translation.override(translation.get_language()):  # begin() activates theirs
        session.begin(request, member, session.Via.ONE_TIME, link.pk)
    request.session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = request.session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME].update(
        {"path": "/", "domain": settings.SESSION_COOKIE_DOMAIN or ""}
    )
    return client


def invitation_link(member: FamilyMember, adviser: Any = None) -> str:
    """A fresh invitation's path for ``member`` (revokes the member's passkeys, as it does)."""
    from krachtbron.portal.actions import invite_member

    adviser = adviser or member.family.advisers.first()
    _link, token = invite_member(adviser, member)
    return reverse("portal:open", args=[token])


def enrol(client: Client, member: FamilyMember, authenticator: Any, adviser: Any = None) -> Any:
    """The first visit: open a new invitation, make a passkey with ``authenticator`` (a
    testing.authenticator.SoftAuthenticator). Returns the response of the passkey's POST."""
    from krachtbron.testing.authenticator import options_on

    path = invitation_link(member, adviser)
    client.get(path)
    opened = client.post(path)
    assert opened.status_code == 302 and opened["Location"] == reverse("portal:welcome")
    page = client.get(reverse("portal:welcome"))
    assert page.status_code == 200, page.status_code
    answer = authenticator.create(options_on(page))
    return client.post(reverse("portal:welcome"), {"credential": answer})


def sign_in_with_passkey(client: Client, authenticator: Any, **answer: Any) -> Any:
    """Sign in on the sign-in page with the authenticator's newest passkey; ``answer`` goes
    to ``authenticator.get`` (origin=..., credential=...). Returns the POST's response."""
    from krachtbron.testing.authenticator import options_on

    page = client.get(reverse("portal:sign_in"))
    assert page.status_code == 200, page.status_code
    return client.post(
        reverse("portal:sign_in"), {"credential": authenticator.get(options_on(page), **answer)}
    )
