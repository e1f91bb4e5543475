"""Every error page is Krachtbron's: Dutch, with the security headers, and without a query.

An error page must work when the database does not (tests/test_database_down.py shows it
through a real server with the database stopped); here, through the test client, no error page
may make a single query, even for a signed-in user whose session lives in the database.
"""

import pytest
from django.test import Client, override_settings

from krachtbron.lib.tests.test_request_limits import assert_friendly
from krachtbron.testing.error_urls import ERROR_URLS, answer_without_queries
from krachtbron.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


CASES = [
    ("get", "/kapot/", 500, "Er ging iets mis bij ons"),
    ("get", "/verboden/", 403, "Geen toegang"),
    ("get", "/vreemd/", 400, "Dit verzoek kunnen we niet verwerken"),
    ("get", "/bestaat-niet/", 404, "Deze pagina bestaat niet"),
    ("get", "/uitloggen/", 405, "Dit kan op deze pagina niet"),
    ("get", "/inloggen/?q=" + "x" * 5000, 414, "Deze link werkt niet"),
]


@override_settings(ROOT_URLCONF=ERROR_URLS)
@pytest.mark.parametrize(("method", "url", "status", "heading"), CASES)
def test_an_error_page_needs_no_database(method, url, status, heading):
    client = Client(raise_request_exception=False)
    assert_friendly(answer_without_queries(client, method, url), status, heading)


@override_settings(ROOT_URLCONF=ERROR_URLS)
def test_a_signed_in_user_s_error_page_shows_no_name_or_menu(org, as_user):
    """Rendering it must not load the user (from the database) to show their name or menu."""
    client = as_user(org.adviser)
    client.raise_request_exception = False
    response = client.get("/kapot/")
    assert_friendly(response, 500, "Er ging iets mis bij ons")
    body = response.content.decode()
    assert org.adviser.username not in body and "main-nav" not in body


def test_the_csrf_page_and_the_413_page_need_no_database():
    client = Client(enforce_csrf_checks=True)
    answered = {}

    def post_both():
        answered["csrf"] = client.post("/inloggen/", {"username": "x"})
        answered["too_big"] = client.post("/inloggen/", {"username": "x" * (300 * 1024)})

    assert_constant_queries(post_both, exactly=0)
    assert_friendly(answered["csrf"], 403, "Deze pagina is verlopen")
    assert_friendly(answered["too_big"], 413, "Dit is te veel om te versturen")


def test_the_405_page_keeps_the_allowed_methods():
    response = Client().get("/uitloggen/")
    assert response["Allow"] == "POST"


def test_error_pages_follow_the_chosen_language():
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert 'lang="en"' in response.content.decode()
    assert "Deze pagina bestaat niet" not in response.content.decode()
