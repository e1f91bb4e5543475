"""The copy of the file (AVG art. 15) in the language of whoever gets it (docs/talen.md).

A member who asks for their copy in Mijn Krachtbron gets it in their own Mijn Krachtbron
language (``file_copy.copy_language``): the fixed text of every part, ``<html lang dir>``, the
PDF's ``/Lang`` and title, every glyph with a font. A copy an adviser asks for, also for that
member, stays in the adviser's language (Dutch or English). The JSON copy keeps its Dutch keys
and gives its labels in the member's language. Every part's template and builder is family text,
so ``scripts/check_catalogues.py`` demands their translations.
"""

import inspect
import io
import json
import unicodedata
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from krachtbron.families.file_copy import build_copy, copy_parts, copy_request
from krachtbron.families.models import PreparedFile
from krachtbron.lib.family_text import is_family_source
from krachtbron.portal import actions
from krachtbron.testing.pdf import pdf_text, structure_roles, watch_notdef
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member
from krachtbron.testing.prepared import downloaded

ROOT = Path(settings.BASE_DIR)

#: Headings every copy has: the frame's and two parts' (one of them a questionnaire catalogue's).
HEADINGS = [
    "Kopie van jullie dossier",
    "Wat is dit?",
    "Klopt er iets niet?",
    "Gezinsleden",
    "Hoe lang we het dossier bewaren",
]


def _bare(text: str) -> str:
    """``text`` without spaces, case or marks: poppler splits Arabic marks off their letters
    and the kicker is printed in capitals, so compare the letters alone."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isspace())


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def _missing(language: str, pdf: str) -> list[str]:
    """The headings of ``HEADINGS`` whose translation into ``language`` ``pdf`` lacks."""
    bare = _bare(pdf)
    return [h for h in HEADINGS if _bare(_in(language, h)) not in bare]


def _root(pdf: bytes):
    return pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]


def _title(pdf: bytes) -> str:
    return pypdf.PdfReader(io.BytesIO(pdf)).metadata.title


@pytest.fixture
def notdef(caplog):
    return watch_notdef(caplog)


@pytest.mark.render
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "ti", "pl"])
def test_the_members_copy_is_in_the_members_language(org, notdef, language):
    actions.choose_language(org.member, language)
    member = sign_in_member(Client(), org.member)

    # Asked from the Dutch original of the page (the concept banner's link): still their own.
    asked = member.post(reverse("portal:copy") + "?origineel=nl", {"format": "pdf"})
    response = downloaded(member, asked)

    assert response["Content-Type"] == "application/pdf"
    assert PreparedFile.objects.get().language == language
    root = _root(response.content)
    assert root["/Lang"] == language
    assert {"H1", "H2", "Table"} <= structure_roles(root["/StructTreeRoot"])
    assert _title(response.content) == _in(language, "Kopie van jullie dossier")
    text = pdf_text(response.content)
    assert _missing(language, text) == [], text[:600]
    assert all(_in(language, h) != h for h in HEADINGS)  # translated, so not the Dutch
    assert "Wat is dit?" not in text and "Klopt er iets niet?" not in text
    assert notdef() == []


@pytest.mark.render
@pytest.mark.django_db
@pytest.mark.parametrize("staff_language", ["nl", "en"])
def test_the_advisers_copy_for_that_member_stays_in_the_staff_language(org, notdef, staff_language):
    actions.choose_language(org.member, "ar")
    adviser = login(Client(), org.adviser)
    adviser.cookies[settings.LANGUAGE_COOKIE_NAME] = staff_language
    asked = adviser.post(
        reverse("families:copy", args=[org.family.pk]),
        {"requester": org.member.pk, "third_parties": "0", "format": "pdf"},
    )

    response = downloaded(adviser, asked)

    assert _root(response.content)["/Lang"] == staff_language
    text = pdf_text(response.content)
    assert _missing(staff_language, text) == []
    assert _bare(_in("ar", "Wat is dit?")) not in _bare(text)
    assert notdef() == []


@pytest.mark.render
@pytest.mark.django_db
def test_the_members_json_copy_keeps_its_keys_and_speaks_the_members_language(org):
    actions.choose_language(org.member, "tr")
    member = sign_in_member(Client(), org.member)

    data = json.loads(
        member.post(reverse("portal:copy") + "?origineel=nl", {"format": "json"}).content
    )

    assert data["schema"] == "krachtbron-kopie-dossier"
    assert {"gemaakt_voor", "gezinsleden", "bewaren", "wie_keek_mee"} <= data.keys()
    with translation.override("nl"):
        role = org.member.get_role_display()  # the Dutch label: the msgid
    assert data["gemaakt_voor"]["rol"] == _in("tr", role) != role


@pytest.mark.render
@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("ti", "ltr")])
def test_the_copy_sets_its_language_and_direction(org, language, direction):
    with translation.override(language):
        copy = build_copy(copy_request(org.family, org.member, include_third_parties=True))
        html = render_to_string("families/copy_pdf.html", {"copy": copy})

    assert f'<html lang="{language}" dir="{direction}">' in html


def _relative(path: str | Path) -> str:
    return Path(path).resolve().relative_to(ROOT).as_posix()


def test_every_part_of_the_copy_is_family_text():
    """The frame, each part's template and the module that builds it (its title and labels)
    are family sources: a new part outside them would be Dutch in every language."""
    frame = _relative(get_template("families/copy_pdf.html").origin.name)
    sources = {frame}
    for part in copy_parts():
        sources.add(_relative(get_template(part.template).origin.name))
        sources.add(_relative(inspect.getfile(part.build)))

    assert [path for path in sorted(sources) if not is_family_source(path)] == []
