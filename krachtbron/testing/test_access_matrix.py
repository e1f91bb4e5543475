"""The access matrix and the anonymous sweep, generated from the URL configuration."""

import copy

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessResult
from krachtbron.testing.forms import mentions
from krachtbron.testing.matrix import PERSONAS, declared_routes, named_patterns
from krachtbron.testing.methods import methods_of
from krachtbron.testing.personas import client_for

#: A refused GET: 403 or 404 where the view takes a GET; where it does not (a POST-only route),
#: 405 for whoever gets past the role check, 403 for whoever does not (docs/adr/0018).
DENIED = {403, 404}


@pytest.fixture
def org(signed_in_org, db):
    """The module's org, every persona signed in once (conftest.py ``signed_in_org``)."""
    return copy.deepcopy(signed_in_org)


ROUTES = declared_routes()


def test_every_url_pattern_is_declared_in_the_matrix():
    declared = {route.url_name for route in ROUTES}
    missing = {name for name, _ in named_patterns()} - declared
    assert not missing, f"Declare these routes in <app>/tests/matrix.py: {sorted(missing)}"


def _is_login_redirect(response, route=None) -> bool:
    """A redirect to the sign-in page of the route's side (staff, or Mijn Krachtbron)."""
    sign_in = route.sign_in_url() if route is not None else reverse(settings.LOGIN_URL)
    return response.status_code == 302 and response["Location"].startswith(sign_in)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=[r.url_name for r in ROUTES])
def test_only_allowed_personas_get_the_page(route, org):
    kwargs = route.kwargs(org) if route.kwargs else {}
    url = reverse(route.url_name, kwargs=kwargs)
    denied = DENIED if "GET" in methods_of(route.url_name) else DENIED | {405}
    unexpected = []
    for persona in PERSONAS:
        client = client_for(org, persona)
        if route.setup is not None:
            route.setup(client, org, kwargs)
        response = client.get(url)
        if persona in route.allowed:
            if response.status_code >= 400:
                unexpected.append(f"{persona}: {response.status_code} (expected access)")
        elif route.sends_to_sign_in(persona):
            # Anonymous, a family member on a staff page, staff on a member's page.
            if not _is_login_redirect(response, route):
                unexpected.append(f"{persona}: {response.status_code} (expected sign-in)")
        elif response.status_code == 200:
            unexpected.append(f"{persona}: unexpected 200")
        elif (
            response.status_code not in denied
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
            assert _is_login_redirect(response, route), f"{url} answered {response.status_code}"


@pytest.mark.django_db
def test_anonymous_sweep_covers_every_portal_url(org):
    """Mijn Krachtbron's public routes too (a link, the sign-in, making a passkey, signing out):
    an anonymous visitor without a member session gets the page it may see (a link's button,
    the sign-in page) or is sent to the portal's sign-in; nothing else, never an error."""
    client = Client(enforce_csrf_checks=False)
    portal = [route for route in ROUTES if route.side == "portal"]
    assert {route.url_name for route in portal} >= {"portal:home", "portal:welcome"}
    for route in portal:
        url = reverse(route.url_name, kwargs=route.kwargs(org) if route.kwargs else {})
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code < 500, f"{url}: {response.status_code}"
            if "anonymous" in route.allowed:
                continue
            # A public route (signing out) has no session to check: its method check answers.
            assert _is_login_redirect(response, route) or (
                route.public and response.status_code == 405
            ), f"{method.__name__.upper()} {url} answered {response.status_code}"


@pytest.mark.django_db
def test_a_member_of_another_family_never_sees_this_family(org):
    """Every page a member of another family may open shows that member's own family only:
    nothing of org.family (its dossier number, its members' names, its goal)."""
    names = (org.family.reference, org.member.first_name, org.youth.first_name, org.goal.text)
    seen = []
    for route in ROUTES:
        if "other_member" not in route.allowed:
            continue
        kwargs = route.kwargs(org) if route.kwargs else {}
        client = client_for(org, "other_member")
        if route.setup is not None:
            route.setup(client, org, kwargs)
        body = _text_of(client.get(reverse(route.url_name, kwargs=kwargs)))
        seen += [f"{route.url_name}: {name}" for name in names if mentions(body, name)]
    assert not seen


def _text_of(response) -> str:
    """A page's HTML, or a PDF's text (the family's plan as PDF)."""
    if response.get("Content-Type") != "application/pdf":
        return response.content.decode()
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


# --- The access log of a look at a family file (SECURITY.md 17) ---------------------------------

FAMILY_ROUTES = [route for route in ROUTES if route.family]
LOGGED_KINDS = (AccessKind.READ, AccessKind.PRINT, AccessKind.EXPORT)


def _new_rows(org, since: int):
    return AccessLogEntry.objects.filter(pk__gt=since, family_id=org.family.pk)


def _last_log_id() -> int:
    return AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.django_db
@pytest.mark.parametrize("route", FAMILY_ROUTES, ids=[r.url_name for r in FAMILY_ROUTES])
def test_a_look_at_a_family_file_writes_its_access_log_row(route, org):
    """An allowed GET writes a row (a READ, or the PRINT of a download) for that family; a
    refused GET by someone signed in writes a DENIED row, since the file exists."""
    kwargs = route.kwargs(org) if route.kwargs else {}
    url = reverse(route.url_name, kwargs=kwargs)
    problems = []
    for persona in PERSONAS:
        client = client_for(org, persona)
        since = _last_log_id()
        client.get(url)
        rows = _new_rows(org, since)
        if persona in route.allowed:
            if not rows.filter(kind__in=LOGGED_KINDS, result=AccessResult.OK).exists():
                problems.append(f"{persona}: an allowed look wrote no row")
        elif not route.sends_to_sign_in(persona):
            if rows.filter(result=AccessResult.OK).exists():
                problems.append(f"{persona}: a refused look was logged as allowed")
            if not rows.filter(result=AccessResult.DENIED).exists():
                problems.append(f"{persona}: a refused look wrote no DENIED row")
    assert not problems, f"GET {url}:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_every_page_that_shows_a_family_file_is_declared_as_one(org):
    """A page that shows the dossier number or a member's name shows the file: it must be declared
    `family=True`, so the test above checks its log rows. (Lists log in their own way.)"""
    names = (org.family.reference, org.member.first_name)
    undeclared = []
    for route in ROUTES:
        if route.family or route.list_page or "adviser" not in route.allowed:
            continue
        kwargs = route.kwargs(org) if route.kwargs else {}
        response = client_for(org, "adviser").get(reverse(route.url_name, kwargs=kwargs))
        body = response.content.decode(errors="replace") if response.status_code == 200 else ""
        if any(mentions(body, name) for name in names):
            undeclared.append(route.url_name)
    assert not undeclared, f"Declare family=True in <app>/tests/matrix.py: {undeclared}"
