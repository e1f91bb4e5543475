"""Every view says which HTTP methods it takes (docs/adr/0018-every-view-names-its-methods.md).

A view that only shows answers a POST with 405 (`@require_safe`), a view that only changes
answers a GET with 405 (`@require_POST`), a form takes both (`@require_http_methods(["GET",
"POST"])`), a class-based view names them in `http_method_names` (or inherits Django's own, as
`LogoutView` does). The sweep walks every URL pattern through Django's resolver and reads what
each view declares; the access matrices (test_access_matrix.py, test_post_matrix.py) ask what a
client gets. Reading the declaration fails safe: a decorator without `functools.wraps` hides
the method check from the sweep, which then names the view.

Who may reach a view is checked before the method: the staff sign-in by middleware, before any
view; the side (Mijn Krachtbron's `member_required`, the questionnaire's `family_page`) and the
role (`role_required` and its kin) by decorators outside the method check. Only `create_once`
may sit inside it. The method check comes before the view looks anything up, so its 405 is the
same for every object and tells nothing about one.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from krachtbron.testing.forms import declared_create_forms, declared_other_posts
from krachtbron.testing.matrix import declared_routes, named_patterns
from krachtbron.testing.methods import declared_methods, method_check
from krachtbron.testing.personas import client_for


def test_every_view_declares_its_methods():
    offenders = [
        f"{name} ({pattern.lookup_str})"
        for name, pattern in named_patterns()
        if declared_methods(pattern.callback) is None
    ]
    assert not offenders, (
        "These views take any method: give them @require_safe, @require_POST or "
        f"@require_http_methods([...]) (a class: http_method_names): {offenders}"
    )


def test_who_may_reach_a_view_is_checked_before_its_method():
    """A role or side check inside the method check would answer 405 to someone who may not
    use the view at all, where everyone else of their kind gets the refusal: only
    `create_once` (which reads the POST, refuses no one) may sit inside."""
    inside = []
    for name, pattern in named_patterns():
        found = method_check(pattern.callback)
        if found is None:
            continue
        inside += [
            f"{name}: {wrapper.__code__.co_qualname}"
            for wrapper in found[1]
            if not getattr(wrapper, "creates_once", False)
        ]
    assert not inside, f"Put these checks above the method decorator: {inside}"


def test_the_methods_agree_with_the_matrix():
    """A route declared as posting (CREATE_FORMS, OTHER_POSTS) takes a POST and the others do
    not; a route someone may GET takes a GET, a POST-only route behind a sign-in does not."""
    posted = {form.url_name for form in declared_create_forms()} | set(declared_other_posts())
    routes = {route.url_name: route for route in declared_routes()}
    wrong = []
    for name, pattern in named_patterns():
        methods = declared_methods(pattern.callback) or frozenset()
        if (name in posted) != ("POST" in methods):
            wrong.append(f"{name}: takes {sorted(methods)}, declared as posting: {name in posted}")
        route = routes[name]
        # A public link's page takes a GET that the matrix cannot make succeed (a used link).
        if bool(route.allowed) != ("GET" in methods) and not (route.public and "GET" in methods):
            wrong.append(f"{name}: takes {sorted(methods)}, GET for {set(route.allowed)}")
    assert not wrong, wrong


def test_a_view_that_only_shows_refuses_a_post(org):
    """The krachtenplan PDF: a POST with a valid CSRF token no longer gets the PDF (nor writes
    its PRINT row)."""
    from krachtbron.audit.models import AccessKind, AccessLogEntry

    client = client_for(org, "adviser")
    url = reverse("strengths:plan_pdf", args=[org.family.pk])
    response = client.post(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert not AccessLogEntry.objects.filter(kind=AccessKind.PRINT).exists()
    assert client.get(url)["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_a_view_that_only_changes_refuses_a_get():
    """The language choice (Django's set_language) changes a cookie: a GET did nothing, and now
    says so."""
    client = Client()
    response = client.get(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_form_refuses_other_methods_and_a_role_check_comes_first(org):
    """A form takes GET and POST, nothing else; who may not use the view at all (a beheerder on
    the caseload, which is for advisers and team leaders) is refused as for a GET."""
    url = reverse("families:caseload")
    assert client_for(org, "adviser").put(url).status_code == 405
    beheerder = client_for(org, "beheerder")
    assert beheerder.get(url).status_code == 403
    assert beheerder.put(url).status_code == 403
