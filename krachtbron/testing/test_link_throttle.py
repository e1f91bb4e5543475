"""Every personal-link route is throttled (``lib.throttle``; issue 15 session 6): after
``AXES_FAILURE_LIMIT`` guesses from one address the next answer is the route's own friendly
"Te vaak geprobeerd" page (429), even for a good link from that address; a good link from
another address still works; a malformed token is not counted; no token is stored with an
attempt. One case per kind of link: Mijn Krachtbron, the questionnaire, a shared netwerkplan,
a follow-up check-in, a message's "geen berichten meer" link."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import Client
from django.urls import reverse

from krachtbron.lib.tokens import new_token

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class LinkRoute:
    url_name: str
    method: str  # how the link is opened ("post": the portal's button)
    good: Callable[[Any], str]  # org -> a working token
    opened: int  # the status of a good link that opens


def _portal(org: Any) -> str:
    from krachtbron.testing.portal import one_time_link

    return one_time_link(org.member).rsplit("/mijn/l/", 1)[1]


def _questionnaire(org: Any) -> str:
    from krachtbron.questionnaires.tests.factories import InvitationFactory

    _invitation, token = InvitationFactory.linked(member=org.member, created_by=org.adviser)
    return token


def _share(org: Any) -> str:
    from krachtbron.networkplan.tests.share_helpers import make_plan, share_all

    _share, token = share_all(org.member, make_plan(org).aunt)
    return token


def _follow_up(org: Any) -> str:
    from krachtbron.aftercare import actions
    from krachtbron.aftercare.tests.helpers import open_check_in

    return actions.make_link(org.adviser, open_check_in(org.adviser, org.family), org.member)


def _stop(org: Any) -> str:
    from krachtbron.sending.tests.matrix import _stop_token

    return _stop_token(org)["token"]


ROUTES = [
    LinkRoute("portal:open", "post", _portal, 302),
    LinkRoute("questionnaires:open", "get", _questionnaire, 302),
    LinkRoute("networkplan:open_share", "get", _share, 302),
    LinkRoute("aftercare:checkin_link", "get", _follow_up, 200),
    LinkRoute("sending:stop", "get", _stop, 200),
]


def _open(client: Client, route: LinkRoute, token: str) -> Any:
    return getattr(client, route.method)(reverse(route.url_name, args=[token]))


@pytest.mark.parametrize("route", ROUTES, ids=[r.url_name for r in ROUTES])
def test_guesses_at_a_link_are_throttled_per_address(route, org, settings):
    settings.AXES_FAILURE_LIMIT = 3
    good = route.good(org)
    guesser = Client(REMOTE_ADDR="192.0.2.10")
    guesses = [new_token() for _ in range(3)]
    for _ in range(5):  # malformed: never counted
        assert _open(guesser, route, "kort").status_code == 404
    for guess in guesses[:2]:
        assert _open(guesser, route, guess).status_code == 404
    locked = _open(guesser, route, guesses[2])
    assert locked.status_code == 429
    assert "Te vaak geprobeerd" in locked.content.decode()
    # Locked: even a good link from this address waits (a guesser cannot tell a hit).
    held = _open(guesser, route, good)
    assert held.status_code == 429 and "Te vaak geprobeerd" in held.content.decode()
    # Another address is not affected.
    assert _open(Client(REMOTE_ADDR="192.0.2.11"), route, good).status_code == route.opened
    # No token (good or guessed) is stored with an attempt or its logs.
    stored = " ".join(
        str(row)
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
        for row in model.objects.values()
    )
    assert stored and not any(token in stored for token in [good, *guesses])


def test_every_personal_link_route_is_in_the_sweep():
    """A route whose path holds a token is a personal link: it must be a case above."""
    from django.urls import URLResolver, get_resolver

    def names(resolver: Any, prefix: str = "") -> set[str]:
        found = set()
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
                found |= names(entry, namespace)
            elif "token" in entry.pattern.regex.groupindex:
                found.add(prefix + entry.name)
        return found

    assert names(get_resolver()) - NOT_GUESSABLE == {route.url_name for route in ROUTES}


#: Token routes that need no throttle, and why.
NOT_GUESSABLE = {
    # A staff member's activation link: Django's password-reset token, an HMAC under the
    # SECRET_KEY of the user's id, password hash and last sign-in; nothing to look up by guessing,
    # and it stops working once used.
    "accounts:activate",
}
