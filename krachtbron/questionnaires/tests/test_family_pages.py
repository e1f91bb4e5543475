"""Every family page sends Referrer-Policy: no-referrer, and its forms still work (SECURITY.md 5).

The routes come from the URL configuration itself: every public route that is not one of the
few staff pages that must be public (sign-in, health) is a family route. A new one is covered
here without being listed, and fails if it is not under a family URL prefix.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from krachtbron.questionnaires.models import Answer
from krachtbron.questionnaires.tests.factories import invite, open_link
from krachtbron.testing.matrix import declared_routes
from krachtbron.testing.personas import login

pytestmark = pytest.mark.django_db

# Public, and not for families: they keep the ordinary "same-origin" policy.
STAFF_PUBLIC = {
    "accounts:login",
    "accounts:logout",
    "accounts:activate",
    "health",
    "health_live",
    "set_language",
    "accessibility",  # for everyone; carries no link or token, so no need for no-referrer
    "home",  # the start page: it only sends each visitor on (portal/views.py start)
}


def _public_url_names(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= _public_url_names(entry, namespace)
        elif isinstance(entry, URLPattern):
            view = entry.callback
            if not getattr(view, "login_required", True):
                names.add(prefix + entry.name)
    return names


FAMILY_ROUTES = [
    route for route in declared_routes() if route.url_name in _public_url_names() - STAFF_PUBLIC
]


def test_the_family_routes_are_found():
    """The walk finds the questionnaire's family routes (so the tests below are not empty)."""
    names = {route.url_name for route in FAMILY_ROUTES}
    assert {"questionnaires:open", "questionnaires:form_start", "questionnaires:form_done"} <= names
    assert _public_url_names() - STAFF_PUBLIC == names  # every public route is declared


@pytest.mark.parametrize("route", FAMILY_ROUTES, ids=[r.url_name for r in FAMILY_ROUTES])
def test_every_family_route_sends_no_referrer(route, org):
    kwargs = route.kwargs(org) if route.kwargs else {}
    url = reverse(route.url_name, kwargs=kwargs)
    assert url.startswith(tuple(settings.FAMILY_URL_PREFIXES)), url
    for signed_in in (None, org.adviser):
        for method in ("get", "post"):
            client = Client()
            if signed_in is not None:
                login(client, signed_in)
            if route.setup is not None:
                route.setup(client, org, kwargs)
            response = getattr(client, method)(url)
            assert response["Referrer-Policy"] == "no-referrer", (
                f"{method.upper()} {url} as {signed_in or 'family'}: {response.status_code}"
            )


@pytest.mark.parametrize(
    "url", ["/vragenlijst/bestaat-niet/", "/v/", "/vragenlijst/vraag/999999999999999999999/"]
)
def test_family_error_pages_send_no_referrer(url):
    response = Client().get(url)
    assert response.status_code in (302, 404)
    assert response["Referrer-Policy"] == "no-referrer"


def test_staff_pages_keep_same_origin(org, as_user):
    response = as_user(org.adviser).get(reverse("families:caseload"))
    assert response["Referrer-Policy"] == "same-origin"


# With no-referrer a browser posts a family form with "Origin: null" (seen in Chromium).


def _family_client(org):
    _invitation, token = invite(org.member, org.adviser)
    client = Client(enforce_csrf_checks=True)
    open_link(client, token)
    page = client.get(reverse("questionnaires:form_question", args=[1]))
    return client, page.context["csrf_token"]


def _post_answer(client, csrf, **meta):
    return client.post(
        reverse("questionnaires:form_question", args=[1]),
        {"csrfmiddlewaretoken": str(csrf), "value": "3", "action": "next"},
        **meta,
    )


@pytest.mark.parametrize("fetch_site", ["same-origin", None])
@pytest.mark.parametrize("secure", [False, True])
def test_a_family_form_post_with_a_null_origin_from_our_own_page_is_taken(org, fetch_site, secure):
    client, csrf = _family_client(org)
    meta = {"HTTP_ORIGIN": "null"}
    if fetch_site:
        meta["HTTP_SEC_FETCH_SITE"] = fetch_site
    response = _post_answer(client, csrf, secure=secure, **meta)
    assert response.status_code == 302
    assert Answer.objects.get(item_id="g01").value == 3


@pytest.mark.parametrize("fetch_site", ["cross-site", "same-site", "none"])
def test_a_cross_site_family_post_with_a_null_origin_is_refused(org, fetch_site):
    client, csrf = _family_client(org)
    response = _post_answer(client, csrf, HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE=fetch_site)
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_a_family_post_without_the_csrf_token_is_still_refused(org):
    client, _csrf = _family_client(org)
    response = _post_answer(client, "wrong", HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_a_staff_post_with_a_null_origin_is_refused(org):
    """Only family pages hide their origin; a staff form with "Origin: null" is not ours."""
    client = Client(enforce_csrf_checks=True)
    login(client, org.adviser)
    page = client.get(reverse("families:member_add", args=[org.family.pk]))
    response = client.post(
        reverse("families:member_add", args=[org.family.pk]),
        {"csrfmiddlewaretoken": str(page.context["csrf_token"]), "first_name": "X", "role": "kind"},
        HTTP_ORIGIN="null",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 403
    assert not org.family.members.filter(first_name="X").exists()
