"""Every page has the "Naar de inhoud" skip link to its ``<main id="main">`` (WCAG 2.4.1;
issue 15 break report, finding 11: the network person's page had none). Two sweeps: every page
layout (a template that starts a document) includes ``includes/skip_link.html``, and every
declared route, bad personal links of every kind and the error pages answer with it."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.testing.matrix import PERSONAS, declared_routes
from krachtbron.testing.personas import client_for
from krachtbron.testing.source import ROOT

SKIP_LINK = '<a class="skip-link" href="#main">'


def _layouts() -> list[str]:
    """Every template that starts an HTML document, apart from the PDF layouts (a PDF has no
    keyboard focus to skip) and the e-mail layouts (``…/mail/``: a message is no page)."""
    return sorted(
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("templates/**/*.html")
        if "<!doctype" in path.read_text(encoding="utf-8").lower()
        and "pdf" not in path.name
        and "mail" not in path.parent.parts
    )


def test_every_page_layout_has_the_skip_link():
    layouts = _layouts()
    assert len(layouts) >= 4  # base, the network person's, the questionnaire's, the letter
    missing = [
        name
        for name in layouts
        if "includes/skip_link.html" not in (ROOT / name).read_text(encoding="utf-8")
    ]
    assert not missing, f"include includes/skip_link.html in: {missing}"


def _problems(where: str, response: Any) -> list[str]:
    if not response.get("Content-Type", "").startswith("text/html") or not response.content:
        return []
    html = response.content.decode()
    if SKIP_LINK not in html:
        return [f"{where}: no skip link"]
    if 'id="main"' not in html:
        return [f"{where}: the skip link leads nowhere"]
    return []


@pytest.mark.django_db
def test_every_page_answers_with_the_skip_link(org):
    problems: list[str] = []
    pages = 0
    for route in declared_routes():
        kwargs = route.kwargs(org) if route.kwargs else {}
        url = reverse(route.url_name, kwargs=kwargs)
        personas = [p for p in PERSONAS if p in route.allowed][:1] or (
            [None] if route.public else []
        )
        for persona in personas:
            client = client_for(org, persona) if persona else Client()
            if route.setup is not None:
                route.setup(client, org, kwargs)
            response = client.get(url)
            pages += response.status_code == 200
            problems += _problems(f"{route.url_name} ({persona})", response)
    anonymous = Client()
    for url in (
        reverse("networkplan:open_share", args=["x" * 43]),
        reverse("questionnaires:open", args=["x" * 43]),
        reverse("portal:open", args=["x" * 43]),
        reverse("aftercare:checkin_link", args=["x" * 43]),
        "/bestaat-niet/",
    ):
        response = anonymous.get(url)
        pages += 1
        problems += _problems(url, response)
    assert pages > 100
    assert not problems, problems
