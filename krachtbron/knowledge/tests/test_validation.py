"""The content validator: bad files in a temporary folder give a ContentError naming the file."""

import re
from pathlib import Path

import pytest

from krachtbron.knowledge.library import ContentError
from krachtbron.knowledge.loader import load_library

PAGE = """---
id: {id}
title: Een pagina
summary: Kort.
group: begrip
dimensions: [social]
themes: [netwerk]
sections: ["§4.4"]
audience: [adviseurs]
related: {related}
---
Tekst met een [link](kb:{link}).

## In gesprek

- Een vraag?
"""

CARD = """---
id: {id}
number: 1
title: Een kaart
summary: Kort.
theme: regie
dimensions: []
sections: ["§5.1"]
audience: [collegas, ouders]
related: []
tensions: ["Dit tegenover dat."]
questions:
  collegas: ["Vraag?"]
  leidinggevenden: ["Vraag?"]
  ouders: ["Vraag?"]
  jeugdigen: ["Vraag?"]
---
Inleiding.
"""


def _write(root: Path, folder: str, name: str, text: str) -> None:
    (root / folder).mkdir(parents=True, exist_ok=True)
    (root / folder / name).write_text(text, encoding="utf-8")


def _good(root: Path) -> None:
    _write(root, "pages", "a.md", PAGE.format(id="a", related="[b]", link="b"))
    _write(root, "pages", "b.md", PAGE.format(id="b", related="[]", link="kaart-x"))
    _write(root, "cards", "kaart-x.md", CARD.format(id="kaart-x"))


def _load(root: Path):
    return load_library(root, required_pages=["a"], required_cards=["kaart-x"])


def _error(root: Path) -> str:
    with pytest.raises(ContentError) as info:
        _load(root)
    return str(info.value)


def test_a_good_set_of_files_loads(tmp_path):
    _good(tmp_path)
    lib = _load(tmp_path)
    assert list(lib.pages) == ["a", "b"]
    assert 'href="kb:b"' in lib.pages["a"].body_html
    assert "Een vraag?" in lib.pages["a"].conversation_html


def test_a_missing_field_names_the_file_and_the_field(tmp_path):
    _good(tmp_path)
    text = PAGE.format(id="c", related="[]", link="a").replace("summary: Kort.\n", "")
    _write(tmp_path, "pages", "c.md", text)
    message = _error(tmp_path)
    assert "pages/c.md" in message and "'summary'" in message


def test_an_unknown_field_is_a_typo(tmp_path):
    _good(tmp_path)
    text = PAGE.format(id="c", related="[]", link="a").replace("group:", "grop: x\ngroup:")
    _write(tmp_path, "pages", "c.md", text)
    assert "pages/c.md: onbekend veld 'grop'" in _error(tmp_path)


def test_a_related_id_that_does_not_exist(tmp_path):
    _good(tmp_path)
    _write(tmp_path, "pages", "c.md", PAGE.format(id="c", related="[bestaat-niet]", link="a"))
    assert "pages/c.md: 'related' noemt onbekend id 'bestaat-niet'" in _error(tmp_path)


def test_a_broken_kb_link(tmp_path):
    _good(tmp_path)
    _write(tmp_path, "pages", "c.md", PAGE.format(id="c", related="[]", link="weg"))
    assert "pages/c.md: link naar kb:weg" in _error(tmp_path)


def test_a_duplicate_id_across_pages_and_cards(tmp_path):
    _good(tmp_path)
    _write(tmp_path, "cards", "a.md", CARD.format(id="a"))
    message = _error(tmp_path)
    assert "cards/a.md: id 'a' komt ook voor in pages/a.md" in message


def test_the_id_must_match_the_file_name(tmp_path):
    _good(tmp_path)
    _write(tmp_path, "pages", "c.md", PAGE.format(id="d", related="[]", link="a"))
    assert "pages/c.md: 'id' (d) moet gelijk zijn aan de bestandsnaam" in _error(tmp_path)


def test_unknown_dimension_theme_and_section(tmp_path):
    _good(tmp_path)
    text = (
        PAGE.format(id="c", related="[]", link="a")
        .replace("[social]", "[sociaal]")
        .replace("[netwerk]", "[netwerken]")
        .replace('["§4.4"]', '["4.4"]')
    )
    _write(tmp_path, "pages", "c.md", text)
    message = _error(tmp_path)
    assert "onbekende waarde 'sociaal' in 'dimensions'" in message
    assert "onbekende waarde 'netwerken' in 'themes'" in message
    assert "'4.4' in 'sections'" in message


def test_a_page_without_its_conversation_part(tmp_path):
    _good(tmp_path)
    text = PAGE.format(id="c", related="[]", link="a").replace("## In gesprek", "## Vragen")
    _write(tmp_path, "pages", "c.md", text)
    assert "pages/c.md: de tekst mist een deel '## In gesprek'" in _error(tmp_path)


def test_a_top_level_heading_in_the_body(tmp_path):
    _good(tmp_path)
    text = PAGE.format(id="c", related="[]", link="a").replace("Tekst met", "# Kop\n\nTekst met")
    _write(tmp_path, "pages", "c.md", text)
    assert "pages/c.md: gebruik geen '# kop'" in _error(tmp_path)


def test_broken_yaml_and_missing_front_matter(tmp_path):
    _good(tmp_path)
    _write(tmp_path, "pages", "c.md", "---\nid: [c\n---\nTekst\n")
    _write(tmp_path, "pages", "d.md", "Alleen tekst\n")
    message = _error(tmp_path)
    assert "pages/c.md: front matter is geen geldige YAML" in message
    assert "pages/d.md: front matter" in message


def test_a_card_without_questions_for_an_audience(tmp_path):
    _good(tmp_path)
    _write(
        tmp_path,
        "cards",
        "kaart-y.md",
        CARD.format(id="kaart-y").replace('  jeugdigen: ["Vraag?"]\n', ""),
    )
    assert "cards/kaart-y.md: 'questions' mist vragen voor 'jeugdigen'" in _error(tmp_path)


def test_a_card_with_an_unknown_theme(tmp_path):
    _good(tmp_path)
    _write(
        tmp_path,
        "cards",
        "kaart-y.md",
        CARD.format(id="kaart-y").replace("theme: regie", "theme: macht"),
    )
    assert "cards/kaart-y.md: 'theme' moet een van" in _error(tmp_path)


def test_a_required_page_that_is_missing(tmp_path):
    _good(tmp_path)
    (tmp_path / "pages" / "a.md").unlink()
    (tmp_path / "pages" / "b.md").write_text(PAGE.format(id="b", related="[]", link="kaart-x"))
    assert "pages/a.md: ontbreekt, maar andere delen van de app linken ernaar" in _error(tmp_path)


def test_raw_html_in_markdown_is_shown_as_text_not_run(tmp_path):
    _good(tmp_path)
    text = PAGE.format(id="c", related="[]", link="a").replace(
        "Tekst met",
        '<script>alert(1)</script> <a href="javascript:x" onclick="y">z</a> '
        "[k](javascript:alert(1)) Tekst met",
    )
    _write(tmp_path, "pages", "c.md", text)
    html = _load(tmp_path).pages["c"].body_html
    assert "<script" not in html
    assert not re.search(r"<[^>]*onclick", html)
    assert not re.search(r"<a[^>]*javascript", html)
    assert "&lt;script&gt;" in html


def test_every_problem_is_listed_at_once(tmp_path):
    _good(tmp_path)
    _write(tmp_path, "pages", "c.md", PAGE.format(id="c", related="[x]", link="a"))
    _write(tmp_path, "pages", "d.md", PAGE.format(id="d", related="[y]", link="a"))
    message = _error(tmp_path)
    assert "pages/c.md" in message and "pages/d.md" in message


def test_the_real_content_loads_without_problems():
    lib = load_library()
    assert len(lib.pages) >= 14 and len(lib.cards) == 5
