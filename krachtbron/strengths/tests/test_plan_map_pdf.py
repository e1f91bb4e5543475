"""The network map in the plan PDF reads right in every script (docs/talen.md).

WeasyPrint drew SVG text letter by letter, so an Arabic name on the map ("خالة نور") came out
reversed and unjoined. The PDF now lays the map's texts over the drawing as HTML; poppler then
reads every label back as the logical string. A name shows twice (the map and the table
beside it); a long name once more, cut short, only on the map; a sector's name and the
legend only on the map.
"""

import subprocess
import unicodedata

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from krachtbron.network.choices import Quality, RelationKind
from krachtbron.network.ecomap_layout import shorten
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.portal import actions
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member

# What this checks is what the page or file shows: once, on SQLite (conftest.py, `render`).
pytestmark = [pytest.mark.render, pytest.mark.django_db]

AUNT = "خالة نور"
LONG = "عمة فاطمة الزهراء من الرباط"  # longer than a label on the map: cut short there
TIGRINYA = "ኣደይ ለምለም"
BIDI_MARKS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def _text(pdf: bytes) -> str:
    """The PDF's text as poppler reads it, without the direction marks it adds; presentation
    forms (joined Arabic glyphs) folded to letters and spaces dropped, so only the order of
    the letters counts."""
    done = subprocess.run(  # noqa: S603 - poppler from PATH, as the other PDF tests
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    )
    return _bare(done.stdout.decode())


def _bare(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text.translate(BIDI_MARKS))
    # Poppler splits Arabic marks (shadda) off their letters: compare the letters alone.
    decomposed = unicodedata.normalize("NFD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isspace())


def _map_words(language: str) -> list[str]:
    """Texts only the map holds: a sector nobody on the map is in, and a line of the legend.
    (Without the lam-alef ligature: poppler reads that one glyph back to front, on the map and
    in the table alike.)"""
    with translation.override(language):
        return [translation.gettext("Lotgenoten"), translation.gettext("Belastend: zigzaglijn")]


def _people(family) -> None:
    NetworkPersonFactory(family=family, label=AUNT, relation=RelationKind.FAMILY)
    NetworkPersonFactory(family=family, label=LONG, quality=Quality.SUPPORTIVE)
    NetworkPersonFactory(family=family, label=TIGRINYA, relation=RelationKind.NEIGHBOURHOOD)


def _assert_on_the_map(text: str, language: str) -> None:
    for name in (AUNT, TIGRINYA):
        assert text.count(_bare(name)) == 2, (name, text)  # the map and the table
        assert _bare(name[::-1]) not in text  # never drawn back to front
    assert text.count(_bare(LONG)) == 1  # the table
    # The map's short form, without its ellipsis: on a Dutch page poppler puts that in front
    # of the Arabic run (it cannot see the isolate), though it is drawn at the end of it.
    cut = shorten(LONG)
    assert cut.endswith("…")
    assert text.count(_bare(cut.removesuffix("…"))) == 2  # the table and the map
    for word in _map_words(language):
        assert _bare(word) in text, (word, text)
        assert _bare(word[::-1]) not in text or word == word[::-1]


@pytest.mark.parametrize("language", ["ar", "ti", "nl"])
def test_the_members_plan_pdf_has_every_map_label_in_reading_order(org, language):
    _people(org.family)
    actions.choose_language(org.member, language)
    client = sign_in_member(Client(), org.member)

    response = client.get(reverse("portal:plan_pdf"))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    _assert_on_the_map(_text(response.content), language)


def test_a_dutch_plan_pdf_has_an_arabic_name_on_the_map_in_reading_order(org):
    _people(org.family)
    adviser = login(Client(), org.adviser)

    response = adviser.get(reverse("strengths:plan_pdf", args=[org.family.pk]))

    assert response.status_code == 200
    _assert_on_the_map(_text(response.content), "nl")
    assert _bare("Lotgenoten") in _text(response.content)


def test_the_print_view_in_the_browser_keeps_the_svg_map(org):
    _people(org.family)
    adviser = login(Client(), org.adviser)

    html = adviser.get(reverse("strengths:plan", args=[org.family.pk])).content.decode()

    assert "<svg" in html and "<text" in html  # Chromium shapes SVG text: the page keeps it
    assert "ecomap-print" not in html
