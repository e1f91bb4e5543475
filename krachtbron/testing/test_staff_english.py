"""Staff pages in English show no Dutch outside ``lang="nl"`` (issue 17, item 8).

Every staff route of the access matrix (``testing/matrix.py``) is opened in English as the
first persona that may see it; every visible text that reads as Dutch (``testing/dutch.py``:
two frequent Dutch function words, or a whole Dutch label of the catalogue) must sit inside an
element with ``lang="nl"``: content that is Dutch by nature (a knowledge page, a card, what a
family wrote, an instrument item without an English version). Dutch interface text on an
English page is a string that escaped the catalogue.
"""

import html
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from krachtbron.testing.dutch import dutch_without_lang, reads_as_dutch
from krachtbron.testing.matrix import STAFF, declared_routes
from krachtbron.testing.personas import client_for

# What this checks is what the page or file shows: once, on SQLite (conftest.py, `render`).
pytestmark = pytest.mark.render

#: The order in which a persona is chosen to look at a page: the first allowed one.
_ORDER = ("adviser", "teamleider", "beheerder", "onderzoeker", "colleague", "other_team")

STAFF_ROUTES = [
    route
    for route in declared_routes()
    if route.side == "staff" and (STAFF & route.allowed or route.public)
]


def _persona(route) -> str:
    for persona in _ORDER:
        if persona in route.allowed:
            return persona
    return "anonymous"


@pytest.fixture(autouse=True)
def _back_to_dutch():
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_the_detector_tells_dutch_from_english():
    assert reads_as_dutch("Dit is een zin van het gezin.")
    assert reads_as_dutch("Gemiddelde")  # a whole Dutch label of the catalogue
    assert not reads_as_dutch("This is a sentence about the family.")
    assert not reads_as_dutch("Team")  # the same word in both languages
    html = (
        '<html lang="en"><body><p>Average</p><div lang="nl"><p>Wat gaat er goed in het'
        " gezin?</p></div><p>Wat gaat er goed in het gezin?</p>"
        '<img alt="Een kaart van het netwerk"></body></html>'
    )
    assert dutch_without_lang(html) == [
        "Wat gaat er goed in het gezin?",
        "<img alt> Een kaart van het netwerk",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("route", STAFF_ROUTES, ids=[r.url_name for r in STAFF_ROUTES])
def test_a_staff_page_in_english_marks_its_dutch(route, org):
    persona = _persona(route)
    client = client_for(org, persona)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    kwargs = route.kwargs(org) if route.kwargs else {}
    if route.setup is not None:
        route.setup(client, org, kwargs)
    response = client.get(reverse(route.url_name, kwargs=kwargs))
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return  # a download, a redirect: no page to read
    found = dutch_without_lang(response.content.decode())
    assert not found, f"{route.url_name} as {persona}: " + " | ".join(found[:12])


# --- The demo, crawled as its staff would click through it ---------------------------------------

_DEMO_STAFF = ("adviseur1", "teamleider1", "beheerder", "onderzoeker")
_HREF = re.compile(r'href="(/[^"#]*)"')
#: Not a staff page, or not one a click should open in a crawl.
_SKIP = ("/static/", "/taal/", "/gezondheid/") + tuple(settings.FAMILY_URL_PREFIXES)
_PAGES_PER_PERSON = 250


def _crawl(client, found: dict[str, list[str]]) -> int:
    queue, seen, pages = ["/"], {"/"}, 0
    while queue and pages < _PAGES_PER_PERSON:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code == 302 and (target := response["Location"]) not in seen:
            seen.add(target)
            queue.append(target)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        body = html.unescape(response.content.decode())
        if dutch := dutch_without_lang(response.content.decode()):
            found[url] = dutch
        for link in _HREF.findall(body):
            if link not in seen and not link.startswith(_SKIP):
                seen.add(link)
                queue.append(link)
    return pages


@pytest.mark.django_db
def test_the_demo_in_english_marks_its_dutch(settings):
    """Every staff page of the demo a click away from the start page of an adviser, a team
    leader, an administrator and a researcher (up to 250 each), in English."""
    from krachtbron.accounts.models import User
    from krachtbron.testing.personas import login

    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    found: dict[str, list[str]] = {}
    pages = 0
    for username in _DEMO_STAFF:
        client = login(Client(), User.objects.get(username=username))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        pages += _crawl(client, found)
    report = "\n".join(f"{url}: {' | '.join(texts[:6])}" for url, texts in sorted(found.items()))
    assert pages > 100
    assert not found, f"{len(found)} of {pages} pages show unmarked Dutch:\n{report}"
