"""The eco-map SVG: safe for any label, legible for any size."""

import random
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from krachtbron.network.choices import Quality, RelationKind
from krachtbron.network.ecomap import render_ecomap
from krachtbron.network.ecomap_layout import WIDTH, _footprint, layout, shorten
from krachtbron.network.mapdata import MapPerson
from krachtbron.strengths.tests.hostile import HOSTILE, RLO

SVG = "{http://www.w3.org/2000/svg}"


def _person(i, label="Oma", relation=RelationKind.FAMILY, closeness=1, quality="steunend", **kw):
    return MapPerson(i, label, relation, closeness, quality, **kw)


def _crowd(n, seed=1):
    rng = random.Random(seed)
    return [
        _person(
            i,
            rng.choice(["Oma", "Buurvrouw Els", "Juf", "Schuldhulpverlener", "Trainer"]),
            rng.choice(RelationKind.values),
            rng.randint(1, 3),
            rng.choice(Quality.values),
            stays_after_help=rng.random() < 0.3,
            may_be_overloaded=rng.random() < 0.1,
        )
        for i in range(n)
    ]


def _parse(svg):
    return ET.fromstring(str(svg))  # noqa: S314 - our own output, parsed to check it


def _assert_inert(root):
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        assert tag.lower() not in {"script", "foreignobject", "iframe", "a", "image", "use"}
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            assert "javascript:" not in value.lower()


def test_hostile_labels_stay_text_in_the_svg():
    persons = [
        _person(i, label, relation=RelationKind.values[i]) for i, label in enumerate(HOSTILE)
    ]
    root = _parse(render_ecomap(persons, centre_label=HOSTILE[1], title=HOSTILE[2]))
    _assert_inert(root)
    texts = "".join(root.itertext())
    for label in HOSTILE:
        assert shorten(label) in texts


def test_a_right_to_left_override_is_isolated():
    svg = str(render_ecomap([_person(1, f"Ali{RLO}fdp")], centre_label="Gezin", title="Kaart"))
    assert f"\u2068Ali{RLO}fdp\u2069" in svg


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=12))
def test_any_text_gives_well_formed_inert_svg(labels):
    labels = [label for label in labels if all(ord(c) >= 32 and c != "\x7f" for c in label)]
    persons = [_person(i, label) for i, label in enumerate(labels)]
    _assert_inert(_parse(render_ecomap(persons, centre_label="Gezin", title="Kaart")))


def test_the_map_has_rings_sectors_line_styles_and_a_legend():
    persons = [
        _person(1, "Steun", quality=Quality.SUPPORTIVE),
        _person(2, "Wissel", relation=RelationKind.FRIENDS, quality=Quality.MIXED),
        _person(3, "Last", relation=RelationKind.PROFESSIONAL, quality=Quality.BURDENING),
    ]
    svg = str(render_ecomap(persons, centre_label="Gezin", title="Kaart"))
    assert svg.count('stroke-dasharray="7 5"') >= 2  # a mixed line and its legend sample
    assert svg.count("<polyline") >= 2  # a zigzag and its legend sample
    for word in ("Uitleg", "Steunend", "Wisselend", "Belastend", "Professional", "Gezin"):
        assert word in svg


def test_two_hundred_persons_never_overlap_and_everyone_is_drawn_or_counted():
    persons = _crowd(200)
    placed = layout(persons)
    drawn = [p for p in placed if p.person is not None]
    assert len(drawn) + sum(p.hidden for p in placed) == 200
    assert len({p.person.id for p in drawn}) == len(drawn)
    boxes = [
        _footprint(p.x, p.y, shorten(p.person.label) if p.person else "+999 meer") for p in placed
    ]
    for i, a in enumerate(boxes):
        assert a.x0 >= 0 and a.x1 <= WIDTH
        for b in boxes[i + 1 :]:
            assert not a.hits(b)
    svg = str(render_ecomap(persons, centre_label="Gezin", title="Kaart"))
    assert " meer" in svg  # crowded cells are summarised


def test_a_small_network_is_drawn_completely():
    placed = layout(_crowd(12, seed=3))
    assert all(p.person is not None for p in placed) and len(placed) == 12


def test_the_layout_is_deterministic():
    assert layout(_crowd(80)) == layout(_crowd(80))


def test_an_empty_map_still_renders():
    root = _parse(render_ecomap([], centre_label="Gezin", title="Kaart"))
    assert root.tag == f"{SVG}svg"


def test_the_legend_follows_the_interface_language():
    from django.utils import translation

    with translation.override("en"):
        svg = str(render_ecomap([_person(1, "Ali")], centre_label="Family", title="Map"))
    assert "Key" in svg and "May become overloaded" in svg and "Rings: inner" in svg
    assert "Uitleg" not in svg and "Kan overbelast" not in svg


def test_a_map_drawn_again_is_not_laid_out_again_and_any_change_is_a_new_layout():
    from dataclasses import replace

    from krachtbron.network.ecomap_layout import _spots

    plain = _person(0, "Oma", RelationKind.FRIENDS, 2, Quality.SUPPORTIVE)
    persons = [plain, *_crowd(80, seed=11)[1:]]
    first = layout(persons)
    hits = _spots.cache_info().hits
    assert layout(list(persons)) == first
    assert _spots.cache_info().hits == hits + 1
    # Anything the layout depends on makes another map, laid out afresh and like a fresh one.
    changes = [
        replace(plain, label="Opa Jan"),
        replace(plain, closeness=3),
        replace(plain, relation=RelationKind.PEERS),
        replace(plain, may_be_overloaded=True),
        replace(plain, quality=Quality.BURDENING),
        replace(plain, stays_after_help=True),
        replace(plain, id=1000),
    ]
    for changed in changes:
        _spots.cache_clear()
        layout(persons)
        other = [changed, *persons[1:]]
        placed = layout(other)
        assert _spots.cache_info().misses == 2, changed
        assert placed != first, changed
        _spots.cache_clear()
        assert layout(other) == placed
    # The same spots for a label as long as before, with the persons given this time.
    renamed = [replace(p, label=p.label.upper()) for p in persons]
    layout(persons)
    hits = _spots.cache_info().hits
    again = layout(renamed)
    assert _spots.cache_info().hits == hits + 1
    assert [(p.x, p.y, p.hidden) for p in again] == [(p.x, p.y, p.hidden) for p in first]
    assert all(any(p.person is r for r in renamed) for p in again if p.person)
