"""Error pages of family pages in a concept language show the concept banner (docs/talen.md):
404, 403, 400, 405, 413, the CSRF page and the 500 page, each with its link to the Dutch page,
still without a single query (they render without the session or the user)."""

import html
import re

import pytest
from django.test import Client, override_settings
from django.utils import translation

from krachtbron.lib.family_text import REVIEWED
from krachtbron.testing.error_urls import ERROR_URLS, answer_without_queries

pytestmark = pytest.mark.django_db

CONCEPT = "Dit is een concept-vertaling van de Nederlandse tekst."


# (method, address, status, where the banner's link leads)
CASES = [
    ("get", "/mijn/kapot/?a=1", 500, "/mijn/kapot/?a=1&origineel=nl"),
    ("get", "/mijn/verboden/", 403, "/mijn/verboden/?origineel=nl"),
    ("get", "/mijn/vreemd/", 400, "/mijn/vreemd/?origineel=nl"),
    ("get", "/mijn/bestaat-niet/", 404, "/mijn/bestaat-niet/?origineel=nl"),
    ("get", "/vragenlijst/versturen/", 405, "/vragenlijst/versturen/?origineel=nl"),
    ("post", "/vragenlijst/vraag/1/", 403, "/vragenlijst/vraag/1/?origineel=nl"),  # CSRF
]


def _arabic_client() -> Client:
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.cookies["django_language"] = "ar"
    return client


def _banner(page: str) -> str | None:
    found = re.search(r'<p class="concept-banner">(.*?)</p>', page, re.S)
    return found.group(1) if found else None


@override_settings(ROOT_URLCONF=ERROR_URLS)
@pytest.mark.parametrize(("method", "url", "status", "original"), CASES)
def test_a_family_error_page_in_a_concept_language_shows_the_banner(method, url, status, original):
    response = answer_without_queries(_arabic_client(), method, url)
    assert response.status_code == status
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    banner = _banner(page)
    assert banner, f"{status} page of {url} has no concept banner"
    with translation.override("ar"):
        said = translation.gettext(CONCEPT)
    assert said != CONCEPT and said in banner
    link = re.search(r'<a href="([^"]+)" lang="nl" hreflang="nl">Nederlands</a>', banner)
    assert link and html.unescape(link.group(1)) == original


def test_a_family_post_too_big_gets_the_banner_too():
    response = _arabic_client().post("/mijn/inloggen/", {"x": "x" * (300 * 1024)})
    assert response.status_code == 413
    banner = _banner(response.content.decode()) or ""
    assert 'href="/mijn/inloggen/?origineel=nl"' in banner


@override_settings(ROOT_URLCONF=ERROR_URLS)
def test_the_dutch_error_page_links_back_to_the_members_language():
    client = _arabic_client()
    dutch = client.get("/mijn/bestaat-niet/?origineel=nl")
    page = dutch.content.decode()
    assert dutch.status_code == 404 and '<html lang="nl" dir="ltr">' in page
    assert "Deze pagina bestaat niet" in page
    back = re.search(r'<p class="concept-banner"><a href="([^"]+)" lang="ar"', page)
    assert back and back.group(1) == "/mijn/bestaat-niet/"
    # A 500 in Dutch too (the request's query string is all it reads).
    failed = client.get("/mijn/kapot/?origineel=nl").content.decode()
    assert '<html lang="nl"' in failed and 'lang="ar"' in (_banner(failed) or "")


@override_settings(ROOT_URLCONF=ERROR_URLS)
def test_no_banner_on_a_staff_error_page_or_in_a_reviewed_language(monkeypatch):
    staff = _arabic_client().get("/bestaat-niet/").content.decode()
    assert '<html lang="nl"' in staff and _banner(staff) is None
    english = Client()
    english.cookies["django_language"] = "en"
    page = english.get("/mijn/bestaat-niet/").content.decode()
    assert '<html lang="en"' in page and _banner(page) is None
    monkeypatch.setitem(REVIEWED, "ar", True)
    assert _banner(_arabic_client().get("/mijn/bestaat-niet/").content.decode()) is None
