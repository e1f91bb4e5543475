"""A long word without a break point wraps in every PDF; nothing runs off the page (break-11).

The tester typed a word with no space or hyphen; in the PDF it ran past the right edge of the
page and was cut off. Every PDF's root now wraps anywhere (``overflow-wrap: anywhere``, which
is inherited and also shrinks a table column's minimum width). The test plants such a word in
every field people type (``testing/planted.py``), renders each PDF for real (WeasyPrint), turns
every page into an image (poppler) and looks at the strip of the right margin next to the page
edge: text that does not wrap lands there; nothing else is ever drawn there.
"""

import subprocess
import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from PIL import Image

from krachtbron.testing.personas import login
from krachtbron.testing.planted import USER_TEXT, plant, rich_org
from krachtbron.testing.prepared import downloaded

# What this checks is what the page or file shows: once, on SQLite (conftest.py, `render`).
pytestmark = [pytest.mark.render, pytest.mark.django_db]

#: A word with no break point, wider than the page in every field that holds 40 characters.
LONG_WORD = "W" * 400
DPI = 40
#: The strip next to the right edge that must stay white (every PDF's side margin is wider).
STRIP_MM = 12


def plant_long_words() -> None:
    """Every field people type ends in a word of W's as long as the field allows (at most
    ``LONG_WORD``), after the first eight characters of what it held (names stay unique)."""
    for label, names in USER_TEXT.items():
        model = apps.get_model(label)
        for row in model._base_manager.all():
            changes = {}
            for name in names:
                limit = getattr(model._meta.get_field(name), "max_length", None) or 100_000
                start = (getattr(row, name) or "")[:8] + " "
                changes[name] = start + LONG_WORD[: limit - len(start)]
            model._base_manager.filter(pk=row.pk).update(**changes)


@pytest.fixture
def planted(org):
    made = rich_org(org)
    plant_long_words()
    plant(" " + LONG_WORD[:40])  # and the person labels frozen in the saved moments of the map
    return made


def ink_in_right_strip(pdf: bytes) -> list[int]:
    """The numbers of the pages with anything drawn in the right-hand strip."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(  # noqa: S603 - poppler from PATH, as the other PDF tests
            ["pdftoppm", "-r", str(DPI), "-gray", "-png", str(source), str(Path(folder) / "p")],  # noqa: S607
            check=True,
        )
        pages = sorted(Path(folder).glob("p-*.png"))
        assert pages, "no page rendered"
        inked = []
        for number, path in enumerate(pages, start=1):
            with Image.open(path) as image:
                width, height = image.size
                strip = round(STRIP_MM / 25.4 * DPI)
                box = image.convert("L").crop((width - strip, 0, width, height))
                if box.getextrema()[0] < 200:  # darker than a faint grey: ink
                    inked.append(number)
        return inked


def _pdfs(org, planted):
    client = login(Client(), org.adviser)
    copy = downloaded(
        client,
        client.post(
            reverse("families:copy", kwargs={"pk": org.family.pk}),
            {"requester": org.member.pk, "third_parties": "1", "format": "pdf"},
        ),
    )
    plan = client.get(reverse("strengths:plan_pdf", kwargs={"pk": org.family.pk}))
    invitation = client.post(
        reverse("questionnaires:pdf", kwargs={"pk": planted["invitation"].pk}),
        {"token": planted["token"]},
    )
    return {"copy": copy, "plan": plan, "invitation": invitation}


def test_a_long_word_wraps_inside_the_page_in_every_pdf(org, planted):
    found = {}
    for name, response in _pdfs(org, planted).items():
        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/pdf", name
        found[name] = ink_in_right_strip(response.content)
    assert found == {"copy": [], "plan": [], "invitation": []}


def test_the_check_sees_text_that_runs_off_the_page():
    """The oracle itself: a word that cannot wrap does put ink in the strip."""
    from krachtbron.lib.pdf import render_pdf

    def page(style: str) -> str:
        return f'<html lang="nl"><body style="{style}"><p>{LONG_WORD}</p></body></html>'

    assert ink_in_right_strip(render_pdf(page(""))) == [1]
    assert ink_in_right_strip(render_pdf(page("overflow-wrap: anywhere"))) == []
