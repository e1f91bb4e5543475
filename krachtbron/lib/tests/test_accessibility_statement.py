"""The accessibility statement (toegankelijkheidsverklaring): public, in the parts of the Dutch
government's model (which pages, status, what was tested and how, what was not, known limits,
contact, date), and linked from the footer of staff, family and error pages. Its B1 reading
ease is measured with every family page (testing/test_family_readability.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.lib.errors import page_html
from krachtbron.lib.views import ACCESSIBILITY_STATEMENT_DATE
from krachtbron.questionnaires.tests.factories import invite, open_link
from krachtbron.testing.forms import shown_text
from krachtbron.testing.personas import client_for

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_statement_with_every_part_of_the_model():
    response = Client().get(reverse("accessibility"))
    assert response.status_code == 200
    text = shown_text(response.content.decode())
    for part in (
        "Toegankelijkheidsverklaring",
        "Over welke pagina's gaat dit?",
        "voldoet voor een deel aan de eisen",  # the status ("voldoet gedeeltelijk")
        "WCAG 2.1, niveau AA",
        "axe in de browser Chromium",
        "360 pixels",
        "1280 pixels",
        "alleen het toetsenbord",
        "Flesch en Douma",
        "schermlezer",  # not tested by hand: said so
        "Wat nog niet goed werkt",
        "Lukt iets niet?",
        "klacht",
        "1 december 2026",
    ):
        assert part in text, part
    assert ACCESSIBILITY_STATEMENT_DATE.year == 2026


def test_the_statement_is_in_english_too():
    client = Client()
    client.cookies["django_language"] = "en"
    text = shown_text(
        client.get(reverse("accessibility"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert "Accessibility statement" in text and "Toegankelijkheidsverklaring" not in text


def _links_to_statement(html: str) -> bool:
    return f'href="{reverse("accessibility")}"' in html


def test_every_kind_of_page_links_to_the_statement_in_its_footer(org):
    staff = client_for(org, "adviser").get(reverse("home"), follow=True)
    member = client_for(org, "member").get(reverse("portal:home"))
    _invitation, token = invite(org.youth, org.adviser)
    family = Client()
    open_link(family, token)
    question = family.get(reverse("questionnaires:form_start"))
    pages = {
        "staff": staff.content.decode(),
        "member": member.content.decode(),
        "questionnaire": question.content.decode(),
        "sign-in": Client().get(reverse("portal:sign_in")).content.decode(),
        "error": page_html("errors/404.html"),
    }
    for name, html in pages.items():
        footer = html[html.rindex("<footer") :]
        assert _links_to_statement(footer), name
