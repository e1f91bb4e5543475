"""The eco-map for PDFs: the same drawing, its texts as HTML over it (``ecomap_print``)."""

import re
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from krachtbron.network.choices import RelationKind
from krachtbron.network.ecomap import render_ecomap
from krachtbron.network.ecomap_print import PRINT_WIDTH
from krachtbron.network.tests.test_ecomap import SVG, _assert_inert, _crowd, _person
from krachtbron.strengths.tests.hostile import HOSTILE, RLO

FSI, PDI = "\u2068", "\u2069"


def _both(persons, **kw):
    kw = {"centre_label": "Gezin", "title": "Kaart", **kw}
    screen = ET.fromstring(str(render_ecomap(persons, **kw)))  # noqa: S314 - our own output
    paper = ET.fromstring(str(render_ecomap(persons, for_print=True, **kw)))  # noqa: S314
    return screen, paper


def _spans(paper):
    return [e for e in paper.iter() if e.tag == "p"]


def _style(span) -> dict[str, float]:
    return {
        name: float(value)
        for name, value in re.findall(r"([a-z-]+):(-?[\d.]+)px", span.attrib["style"])
    }


def test_the_print_map_draws_no_svg_text_and_says_every_text_as_html():
    persons = [_person(1, "خالة نور"), _person(2, "Oma", relation=RelationKind.PROFESSIONAL)]
    screen, paper = _both(persons, centre_label="عائلة أمراني")

    assert paper.tag == "div" and paper.attrib["class"] == "ecomap-print"
    assert [e for e in paper.iter() if e.tag == f"{SVG}text"] == []
    screen_texts = ["".join(e.itertext()) for e in screen.iter() if e.tag == f"{SVG}text"]
    # Every text of the screen map, in the same order: the two never say different things,
    # but where to find everyone (the table beside a page's map; under the map in the PDF).
    paper_texts = ["".join(s.itertext()) for s in _spans(paper)]
    assert paper_texts == [
        "+N meer: zie onder de kaart" if t == "+N meer: zie de tabel" else t for t in screen_texts
    ]
    assert f"{FSI}خالة نور{PDI}" in screen_texts and f"{FSI}عائلة أمراني{PDI}" in screen_texts
    assert "Uitleg" in screen_texts and "Professional" in screen_texts


def test_a_persons_label_sits_on_its_own_box_beside_its_node_away_from_the_centre():
    persons = [
        _person(1, "Rechts", relation=RelationKind.FRIENDS),
        _person(2, "Links", relation=RelationKind.SPORT_CLUB),
    ]
    _screen, paper = _both(persons, legend=False)
    labels = {"".join(s.itertext()).strip(FSI + PDI): s for s in _spans(paper)}

    right, left = _style(labels["Rechts"]), _style(labels["Links"])
    half = PRINT_WIDTH / 2
    assert "left" in right and right["left"] > half  # runs to the right of its node
    assert "right" in left and left["right"] > half  # runs to the left of its node
    for span in (labels["Rechts"], labels["Links"]):
        assert "background:rgba(255,255,255,.9)" in span.attrib["style"]


def test_hostile_labels_stay_text_and_isolated_on_the_print_map():
    persons = [
        _person(i, label, relation=RelationKind.values[i]) for i, label in enumerate(HOSTILE)
    ]
    _screen, paper = _both(persons, centre_label=HOSTILE[1])
    _assert_inert(paper)
    drawing = ("svg", "title", "desc", "rect", "circle", "line", "polyline", "polygon", "g")
    assert {e.tag for e in paper.iter()} <= {"div", "p", *(SVG + tag for tag in drawing)}
    texts = ["".join(s.itertext()) for s in _spans(paper)]
    assert f"{FSI}Ali{RLO}fdp.exe{PDI}" in texts
    assert f"{FSI}<script>alert(1)</script>{PDI}" not in texts  # shortened, but text
    assert any(t.startswith(f"{FSI}<script>") for t in texts)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=9))
def test_every_text_of_any_map_lies_on_the_drawing(n, seed):
    _screen, paper = _both(_crowd(n, seed=seed))
    width, height = (_style(paper)[k] for k in ("width", "height"))
    assert abs(width - PRINT_WIDTH) < 0.01
    for span in _spans(paper):
        place = _style(span)
        assert place["top"] >= 0 and place["top"] + place["line-height"] <= height
        if "right" in place:
            assert 0 <= place["right"] <= width
        else:
            assert -width * 0.1 <= place["left"] <= width  # centred texts sit in a wide box


def test_the_legend_and_description_say_where_everyone_is_in_each_medium():
    """A page shows a table beside the map; the PDF ('Ons krachtenplan') a list per circle (a
    big network) or a table under the map: the print map never sends the reader to "de tabel"."""
    persons = _crowd(120)
    screen, paper = _both(persons)
    screen_texts = ["".join(e.itertext()) for e in screen.iter() if e.tag == f"{SVG}text"]
    paper_texts = ["".join(s.itertext()) for s in _spans(paper)]
    assert "+N meer: zie de tabel" in screen_texts
    assert "+N meer: zie onder de kaart" in paper_texts
    assert not any("tabel" in t for t in paper_texts)
    screen_desc = "".join(next(e for e in screen.iter() if e.tag == f"{SVG}desc").itertext())
    paper_desc = "".join(next(e for e in paper.iter() if e.tag == f"{SVG}desc").itertext())
    assert screen_desc.endswith("de tabel noemt iedereen.")
    assert paper_desc.endswith("onder de kaart staat iedereen.") and "tabel" not in paper_desc
