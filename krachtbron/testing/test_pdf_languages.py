"""'Ons krachtenplan' in every family language (issue 17 items 3, 5 and 6).

For each language of settings.LANGUAGES the member who chose it downloads the plan from Mijn
Krachtbron: the PDF is in their language (the translated heading, <html lang> as /Lang), it is
tagged (a structure tree with H1, H2 and a Table) and every glyph has a font (no ".notdef"
warning from WeasyPrint), with the member's own Arabic and Tigrinya text in it. The adviser's
download of one member's plan follows the member's language, not the adviser's.
"""

import io
import unicodedata

import pypdf
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.portal import actions
from krachtbron.testing.factories import GoalFactory
from krachtbron.testing.pdf import pdf_text, structure_roles, watch_notdef
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member

# What this checks is what the page or file shows: once, on SQLite (conftest.py, `render`).
pytestmark = [pytest.mark.render, pytest.mark.django_db]

USER_TEXT = ["نريد أن نأكل معا بهدوء", "ምሸት ብሓባር ክንበልዕ"]


def _bare(text: str) -> str:
    """``text`` without spaces, case or marks: poppler splits Arabic marks (shadda, hamza) off
    their letters and the kicker is printed in capitals, so compare the letters alone. Turkish
    dotless ı capitalises to I, which folds back to i: fold ı to i too."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isspace())


def _missing(words: list[str], text: str) -> list[str]:
    bare = _bare(text)
    return [word for word in words if _bare(word) not in bare]


def _heading(language: str) -> str:
    with translation.override(language):
        return translation.gettext("Ons krachtenplan")


@pytest.fixture
def notdef(caplog):
    return watch_notdef(caplog)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_plan_pdf_in_each_language_is_tagged_and_has_every_glyph(org, notdef, language):
    for text in USER_TEXT:
        GoalFactory(family=org.family, member=org.member, text=text)
    NetworkPersonFactory(family=org.family, label="خالة نور")
    actions.choose_language(org.member, language)
    client = sign_in_member(Client(), org.member)

    response = client.get(reverse("portal:plan_pdf"))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert notdef() == []
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert root["/MarkInfo"]["/Marked"]
    roles = structure_roles(root["/StructTreeRoot"])
    assert {"H1", "H2", "Table"} <= roles, roles
    text = pdf_text(response.content)
    assert _missing([*_heading(language).split(), *" ".join(USER_TEXT).split()], text) == []


def test_the_advisers_download_for_a_member_is_in_the_members_language(org, notdef):
    actions.choose_language(org.member, "ar")
    adviser = login(Client(), org.adviser)
    adviser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("strengths:plan_pdf", args=[org.family.pk])

    for_member = adviser.get(url, {"voor": org.member.pk})
    whole_family = adviser.get(url)

    assert for_member.status_code == whole_family.status_code == 200
    arabic = pypdf.PdfReader(io.BytesIO(for_member.content)).trailer["/Root"]
    english = pypdf.PdfReader(io.BytesIO(whole_family.content)).trailer["/Root"]
    assert (arabic["/Lang"], english["/Lang"]) == ("ar", "en")
    text = pdf_text(for_member.content)
    assert _missing(_heading("ar").split(), text) == [], text[:300]
    assert _heading("ar") != _heading("en")
    assert notdef() == []


def test_the_questionnaire_letter_follows_the_invitation_not_the_adviser(org, notdef):
    from krachtbron.questionnaires.tests.factories import invite

    invitation, token = invite(org.member, org.adviser, language="ar")
    adviser = login(Client(), org.adviser)
    adviser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = adviser.post(reverse("questionnaires:pdf", args=[invitation.pk]), {"token": token})

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    root = pypdf.PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    assert root["/Lang"] == "ar" and "/StructTreeRoot" in root
    with translation.override("ar"):
        opening = translation.gettext("Open de camera van je telefoon.")
    assert _missing(opening.split(), pdf_text(response.content)) == []
    assert notdef() == []


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("tr", "ltr"), ("nl", "ltr")])
def test_the_mail_is_in_the_deliverys_language_and_direction(org, language, direction):
    from datetime import timedelta

    from django.utils import timezone

    from krachtbron.sending import mail
    from krachtbron.sending.models import Channel, Purpose
    from krachtbron.sending.tests.helpers import queue_any

    delivery = queue_any(
        org,
        Purpose.QUESTIONNAIRE,
        channel=Channel.EMAIL,
        subject_id=1,
        to="ouder@example.org",
        link="http://127.0.0.1:8000/v/" + "a" * 43,
        expires_at=timezone.now() + timedelta(days=14),
        language=language,
    )
    with translation.override("en"):  # the worker's own language does not matter
        subject, _text_part, html = mail.render_message(delivery, "http://127.0.0.1:8000/v/x")
    assert f'<html lang="{language}" dir="{direction}">' in html
    with translation.override(language):
        assert subject == translation.gettext("Een korte vragenlijst van je hulpverlener")
