"""The eco-map's layout and SVG pinned for fixed inputs (issue 18): making the layout faster
must not move a single node. ``ecomap_pinned.json`` was written by the layout as it was before
the speed work; to write it again (only when a change of the picture is meant)::

    DJANGO_SETTINGS_MODULE=krachtbron.settings .venv/bin/python -c "import django; django.setup();
    from krachtbron.network.tests.test_ecomap_pinned import write; write()"
"""

import hashlib
import json
from pathlib import Path

from django.utils import translation

from krachtbron.network.choices import Quality, RelationKind
from krachtbron.network.ecomap import render_ecomap
from krachtbron.network.ecomap_layout import layout
from krachtbron.network.mapdata import MapPerson
from krachtbron.network.tests.test_ecomap import _crowd

PINNED = Path(__file__).with_name("ecomap_pinned.json")


def _like_the_bench(n: int) -> list[MapPerson]:
    """bench/pages.py's network: every ring and sector, long labels, some flags."""
    kinds, qualities = list(RelationKind.values), list(Quality.values)
    return [
        MapPerson(
            i,
            f"Persoon nummer {i}",
            kinds[i % len(kinds)],
            1 + i % 3,
            qualities[i % len(qualities)],
            stays_after_help=i % 4 == 0,
            may_be_overloaded=i % 7 == 0,
        )
        for i in range(n)
    ]


CASES = {
    "empty": [],
    "small": _crowd(12, seed=3),
    "crowd60": _crowd(60, seed=5),
    "crowd200": _crowd(200, seed=1),
    "crowd200b": _crowd(200, seed=7),
    "bench200": _like_the_bench(200),
    "one_cell_80": [
        MapPerson(i, f"Buurvrouw {i}", RelationKind.NEIGHBOURHOOD, 1, Quality.SUPPORTIVE)
        for i in range(80)
    ],
}


def _snapshot() -> dict[str, object]:
    result: dict[str, object] = {}
    for name, persons in CASES.items():
        result[name] = [
            [repr(p.x), repr(p.y), repr(p.angle), p.person.id if p.person else None, p.hidden]
            for p in layout(persons)
        ]
        with translation.override("nl"):
            svg = render_ecomap(persons, centre_label="Gezin", title="Netwerkkaart")
        result[f"{name}.svg_sha256"] = hashlib.sha256(svg.encode()).hexdigest()
    return result


def test_the_layout_and_svg_are_exactly_as_pinned() -> None:
    pinned = json.loads(PINNED.read_text())
    now = _snapshot()
    assert now.keys() == pinned.keys()
    for name in pinned:
        assert now[name] == pinned[name], name


def write() -> None:
    PINNED.write_text(json.dumps(_snapshot(), indent=0) + "\n")
