"""The access matrix and the anonymous sweep, generated from the URL configuration."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from krachtbron.testing.matrix import PERSONAS, declared_routes
from krachtbron.testing.personas import login

DENIED = {403, 404, 405}


def _all_url_names(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= _all_url_names(entry, namespace)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL pattern {entry.pattern} has no name: every route needs one"
            names.add(prefix + entry.name)
    return names


ROUTES = declared_routes()


def test_every_url_pattern_is_declared_in_the_matrix():
    declared = {route.url_name for route in ROUTES}
    missing = _all_url_names() - declared
    assert not missing, f"Declare these routes in <app>/tests/matrix.py: {sorted(missing)}"


def _persona_user(org, persona):
    return {
        "adviser": org.adviser,
        "colleague": org.colleague,
        "other_team": org.other_adviser,
        "teamleider": org.teamleider,
        "beheerder": org.beheerder,
        "onderzoeker": org.onderzoeker,
        "anonymous": None,
    }[persona]


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse(settings.LOGIN_URL)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=[r.url_name for r in ROUTES])
def test_only_allowed_personas_get_the_page(route, org):
    kwargs = route.kwargs(org) if route.kwargs else {}
    url = reverse(route.url_name, kwargs=kwargs)
    unexpected = []
    for persona in PERSONAS:
        client = Client()
        user = _persona_user(org, persona)
        if user is not None:
            login(client, user)
        if route.setup is not None:
            route.setup(client, org, kwargs)
        response = client.get(url)
        if persona in route.allowed:
            if response.status_code >= 400:
                unexpected.append(f"{persona}: {response.status_code} (expected access)")
        elif persona == "anonymous" and not route.public:
            if not _is_login_redirect(response):
                unexpected.append(f"anonymous: {response.status_code} (expected sign-in)")
        elif response.status_code == 200:
            unexpected.append(f"{persona}: unexpected 200")
        elif (
            response.status_code not in DENIED
            and not _is_login_redirect(response)
            and not (route.public and response.status_code in (302, 410))
        ):
            unexpected.append(f"{persona}: {response.status_code}")
    assert not unexpected, f"{url}: " + "; ".join(unexpected)


@pytest.mark.django_db
def test_anonymous_sweep_finds_nothing_outside_the_public_allow_list(org):
    """Every non-public route sends an anonymous visitor to the sign-in page, for GET and POST."""
    client = Client(enforce_csrf_checks=False)
    for route in ROUTES:
        if route.public:
            continue
        url = reverse(route.url_name, kwargs=route.kwargs(org) if route.kwargs else {})
        for method in (client.get, client.post):
            response = method(url)
            assert _is_login_redirect(response), f"{url} answered {response.status_code}"
