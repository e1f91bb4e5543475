"""Every name and text people type is shown isolated, on every page, chart, map, PDF and CSV.

Issue 12: a team named "abc" + U+202E + "def" reached team tables, dashboard headers, SVG chart
labels, option lists and page titles as it was, turning the text after it around. This test
plants such a string (an override, an unclosed isolate and an embedding: `testing/bidi.py`) in
every field people type (`testing/planted.py`), renders every route of the URL configuration as
every persona that may see it (the access matrix declarations), the printable and PDF outputs and
every CSV download, and fails for every place the string is not isolated.
"""

import csv
import io
import re
import subprocess
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from krachtbron.testing.bidi import PLANTED, html_problems, text_problems
from krachtbron.testing.matrix import declared_routes
from krachtbron.testing.personas import client_for, login
from krachtbron.testing.planted import (
    NOT_USER_TEXT,
    USER_TEXT,
    krachtbron_text_fields,
    plant,
    rich_org,
)
from krachtbron.testing.prepared import downloaded

# What this checks is what the page or file shows: once, on SQLite (conftest.py, `render`).
pytestmark = pytest.mark.render

HOSTILE = " " + " ".join(PLANTED)
ROUTES = [route for route in declared_routes() if route.allowed]


def test_user_text_fields_are_declared():
    """A new text field must say whether people type it (then it is planted and checked)."""
    undeclared = []
    for name in krachtbron_text_fields():
        model, field = name.rsplit(".", 1)
        if field in USER_TEXT.get(model, ()) or name in NOT_USER_TEXT or model in NOT_USER_TEXT:
            continue
        undeclared.append(name)
    assert not undeclared, f"Declare in krachtbron/testing/planted.py: {undeclared}"


def problems_in(response) -> list[str]:
    """Unisolated overrides in an HTML page, a CSV file or a PDF (its text as poppler reads it)."""
    if response.status_code != 200:
        return []  # a redirect shows nothing (its target is a route of its own)
    kind = response.get("Content-Type", "")
    body = response.content
    if kind.startswith("text/html"):
        return html_problems(body.decode())
    if kind.startswith("text/csv"):
        rows = csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";")
        return [p for row in rows for value in row for p in text_problems(value)]
    if kind.startswith("application/pdf"):
        return pdf_problems(body)
    return []


def pdf_problems(pdf: bytes) -> list[str]:
    """The override of "abc" U+202E "def" turns "def" around: isolated, the reader sees "abcfed"
    and the rest of the line in order; not isolated, the rest of the line comes reversed
    between "abc" and "fed"."""
    done = subprocess.run(  # noqa: S603 - poppler from PATH, as the other PDF tests
        ["pdftotext", "-layout", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    )
    text = done.stdout.decode()
    problems = []
    for line in text.splitlines():
        start = line.find("abc")
        while start != -1:
            # A name cut short on the network map ends in "…" inside its isolate: the override
            # turns that around with the rest of the name ("abc…fed"), still isolated; or the
            # cut fell before the override ("Gezin 1 abc…"), and nothing is left to turn.
            after = line[start + 3 :]
            cut = after.startswith("…") and after[1:2] in ("", " ")
            if not cut and not after.removeprefix("…").startswith(("fed", "def")):
                problems.append(f"PDF line {line.strip()!r}")
            start = line.find("abc", start + 3)
    if "abc" not in text:
        problems.append("no planted name in the PDF at all: the check checked nothing")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=[r.url_name for r in ROUTES])
def test_every_page_isolates_every_name(route, org):
    rich_org(org)
    kwargs = route.kwargs(org) if route.kwargs else {}
    plant(HOSTILE)
    url = reverse(route.url_name, kwargs=kwargs)
    problems = []
    for persona in sorted(route.allowed):
        client = client_for(org, persona)  # a family member signs in through a link
        if route.setup is not None:
            route.setup(client, org, kwargs)
            plant(HOSTILE)  # what the setup made, too
        response = client.get(url)
        assert response.status_code < 400, f"{url} as {persona}: {response.status_code}"
        problems += [f"{persona}: {p}" for p in problems_in(response)]
    assert not problems, f"{url}\n" + "\n".join(problems)


@pytest.fixture
def planted(org):
    made = rich_org(org)
    plant(HOSTILE)
    return made


@pytest.mark.django_db
def test_the_printable_invitation_and_its_pdf_isolate_every_name(org, planted):
    client = login(Client(), org.adviser)
    invitation = planted["invitation"]
    for name in ("questionnaires:print", "questionnaires:pdf"):
        url = reverse(name, kwargs={"pk": invitation.pk})
        response = client.post(url, {"token": planted["token"]})
        assert response.status_code == 200, name
        assert not problems_in(response), (name, problems_in(response))


@pytest.mark.django_db
def test_the_family_copy_isolates_every_name(org, planted):
    from krachtbron.families.file_copy import make_family_copy

    copy = make_family_copy(
        org.adviser, org.family, org.member, include_third_parties=True, fmt="pdf"
    )
    assert not html_problems(render_to_string("families/copy_pdf.html", {"copy": copy}))
    client = login(Client(), org.adviser)
    response = downloaded(
        client,
        client.post(
            reverse("families:copy", kwargs={"pk": org.family.pk}),
            {"requester": org.member.pk, "third_parties": "1", "format": "pdf"},
        ),
    )
    assert response["Content-Type"] == "application/pdf"
    assert not problems_in(response)


@pytest.mark.django_db
def test_the_research_dataset_isolates_every_team_name(org, planted):
    client = login(Client(), org.onderzoeker)
    project = planted["project"]
    response = client.post(reverse("research:project_export", args=[project.pk, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert "abc" in body  # the team column holds the planted team names
    assert not problems_in(response)


# --- What people type and get shown back without it being stored -------------------------------

_READS = re.compile(
    r"""request\.(?:GET|POST)\.get\(\s*["'](\w+)["']|_choice_param\(request,\s*["'](\w+)["']"""
)
# Forms bound to the query string read their own field names (network:compare).
_GET_FORM_FIELDS = ("a", "b")


def query_parameters() -> list[str]:
    """Every query or form parameter a view reads by name, found in the source: a new one is
    planted without anyone having to list it."""
    root = Path(__file__).resolve().parents[1]
    found = set(_GET_FORM_FIELDS)
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "testing" in path.parts:
            continue
        for match in _READS.finditer(path.read_text()):
            found.add(match.group(1) or match.group(2))
    return sorted(found)


def test_the_parameter_scan_finds_the_search_query_and_the_filters():
    assert {"q", "quarter", "team", "kwartaal", "gezinslid", "dimensie", "a"} <= set(
        query_parameters()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=[r.url_name for r in ROUTES])
def test_every_page_isolates_what_was_typed_in_the_query_string(route, org):
    """Tester of issue 12 (finding 5): the search page repeated the typed query in its result
    sentence without isolation; the test above plants only stored fields. Here every parameter
    any view reads carries the planted texts, on every route, as one persona that may see it."""
    rich_org(org)
    kwargs = route.kwargs(org) if route.kwargs else {}
    url = reverse(route.url_name, kwargs=kwargs)
    persona = sorted(route.allowed)[0]
    client = client_for(org, persona)
    if route.setup is not None:
        route.setup(client, org, kwargs)
    problems = []
    for planted in PLANTED:
        response = client.get(url, dict.fromkeys(query_parameters(), planted + " netwerk"))
        assert response.status_code < 500, f"{url}: {response.status_code}"
        # A PDF without planted stored names holds no "abc" at all: nothing to check there.
        problems += [f"{persona}: {p}" for p in problems_in(response) if "at all" not in p]
    assert not problems, f"{url}\n" + "\n".join(problems)
