"""Every list page runs a fixed number of queries, however long its list (issue 12, section 6).

Generated from the routes declared `list_page=True` in `<app>/tests/matrix.py`: each is asked
for by every persona who may see it, its data grows (`grow(org)`: more rows of what it lists),
and it must run as many queries as before (testing/queries.py prints the SQL when not).
"""

import copy
import re

import pytest
from django.urls import reverse

from krachtbron.testing.matrix import PERSONAS, declared_routes
from krachtbron.testing.personas import client_for
from krachtbron.testing.queries import assert_constant_queries

ROUTES = declared_routes()


@pytest.fixture
def org(signed_in_org, db):
    """The module's org, every persona signed in once (conftest.py ``signed_in_org``)."""
    return copy.deepcopy(signed_in_org)


LISTS = [route for route in ROUTES if route.list_page]
# Files, not pages (the last test leaves them out; the test above checks it is told so).
DOWNLOADS = frozenset(
    {
        "strengths:plan_pdf",
        "portal:plan_pdf",  # its own test: portal/tests/test_language.py (3 vs 60 goals)
        # The netwerkplan's PDF: its own test, networkplan/tests/test_plan.py.
        "networkplan:plan_pdf",
        "portal:network_plan_pdf",
        "insight:dashboard_csv",
        "insight:mirror_csv",
        # The team report's PDF: the same reads as its page (insight:report, checked here).
        "insight:report_pdf",
        "research:project_codebook",
        "accounts:session_status",
        "health",
        "health_live",
    }
)


# Pages that ask the worker for the PDF they offer (families.stored_pdf.ask, ADR 0017): a change
# of the file empties the store, so the first look after grow() asks again, once. They are
# looked at once after growing: their steady state is compared.
ASK_FOR_PDF = frozenset(
    {"strengths:plan", "portal:home", "networkplan:plan", "portal:network_plan"}
)


def test_every_list_page_says_how_its_list_grows():
    assert LISTS, "no list page declared"
    without = [route.url_name for route in LISTS if route.grow is None]
    assert not without, f"declare grow=... for these list pages: {without}"
    stray = [route.url_name for route in ROUTES if route.grow and not route.list_page]
    assert not stray, f"grow=... without list_page=True: {stray}"


@pytest.mark.django_db
@pytest.mark.parametrize("route", LISTS, ids=[route.url_name for route in LISTS])
def test_a_list_page_runs_as_many_queries_for_a_longer_list(route, org):
    kwargs = route.kwargs(org) if route.kwargs else {}
    url = reverse(route.url_name, kwargs=kwargs)
    route.grow(org)  # some rows to start with: an empty list skips the queries of its rows
    for persona in PERSONAS:
        if persona not in route.allowed:
            continue
        client = client_for(org, persona)
        if route.setup is not None:
            route.setup(client, org, kwargs)
        shown = _shown(client.get(url))

        def grow(client=client):
            route.grow(org)
            if route.url_name in ASK_FOR_PDF:
                client.get(url)

        assert_constant_queries(client, url, grow=grow)
        assert _shown(client.get(url)) != shown, f"{persona}: grow() added nothing to {url}"


def _shown(response) -> str:
    """The page without what differs on every request (CSRF tokens, form keys, nonces)."""
    body = response.content.decode(errors="replace")
    body = re.sub(r'<input type="hidden" name="(csrfmiddlewaretoken|form_key)"[^>]*>', "", body)
    return re.sub(r'nonce="[^"]*"', "", body)


@pytest.mark.django_db
def test_no_page_runs_more_queries_when_everything_grows(org):
    """The pages not declared as lists: each, as the first persona who may see it, runs as
    many queries after every list grew (a page that lists something undeclared, or shows part
    of a list, fails here). Downloads are left out: each is built by the same code as the page
    it belongs to, and a PDF takes seconds."""
    pages = {}
    for route in ROUTES:
        persona = next((p for p in PERSONAS if p in route.allowed), None)
        if persona is None or route.list_page or route.url_name in DOWNLOADS:
            continue
        kwargs = route.kwargs(org) if route.kwargs else {}
        client = client_for(org, persona)
        if route.setup is not None:
            route.setup(client, org, kwargs)
        url = reverse(route.url_name, kwargs=kwargs)
        pages[f"{persona}: GET {url} ({route.url_name})"] = _get(client, url)

    def grow_everything():
        for route in LISTS:
            route.grow(org)

    grow_everything()  # every list has rows to start with
    assert_constant_queries(pages, grow=grow_everything)


def _get(client, url):
    def work():
        response = client.get(url)
        assert response.status_code < 400, f"GET {url}: {response.status_code}"
        assert "html" in response["Content-Type"] or response.status_code == 302, (
            f"GET {url} is a download: add it to DOWNLOADS"
        )

    return work
