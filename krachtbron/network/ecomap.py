"""The netwerkkaart as a server-rendered SVG eco-map.

The family (or one member) sits in the centre; three rings show how close someone is; nine
sectors show the kind of relation; the line to each person shows the quality of the contact by
colour *and* pattern (solid = steunend, dashed = wisselend, zigzag = belastend), so it reads in
black-and-white print too. A legend is part of the SVG; pages show a table beside it. Where each
person goes is ``ecomap_layout``; this module draws.

Safety: every piece of text is escaped and wrapped in Unicode isolates (FSI ... PDI) so a
right-to-left override in a label cannot flip the text around it. No script, no foreignObject,
no event attributes, no external references.
"""

import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from krachtbron.lib import bidi
from krachtbron.network.choices import Quality, RelationKind
from krachtbron.network.ecomap_layout import (
    CENTRE_R,
    CHAR_W,
    CX,
    CY,
    MAP_HEIGHT,
    RING_EDGES,
    SECTOR_DEG,
    WIDTH,
    label_side,
    layout,
    sector_label_positions,
    shorten,
)
from krachtbron.network.mapdata import MapPerson

# As the PDFs' style sheets: Noto for every script families write in (labels are theirs);
# emoji by fallback (Noto Color Emoji named here would also draw the digits).
FONTS = (
    "Noto Sans, Noto Sans Arabic, Noto Sans Ethiopic, Noto Sans Tifinagh, DejaVu Sans, "
    "Verdana, Arial, sans-serif"
)
NODE_FONT = 13

QUALITY_COLOUR: dict[str, str] = {
    Quality.SUPPORTIVE: "#00774a",
    Quality.MIXED: "#8a5a00",
    Quality.BURDENING: "#c20000",
}
SUMMARY_COLOUR = "#6b6b6b"
#: A person whose contact quality is not shown (the adviser's marks are not shared).
UNMARKED_COLOUR = "#6b6b6b"
WARN_COLOUR = "#8a5a00"


def _sector_labels() -> dict[str, str]:
    # Short names: they sit outside the rings and must fit beside the map.
    return {
        RelationKind.HOUSEHOLD: _("Gezin"),
        RelationKind.FAMILY: _("Familie"),
        RelationKind.FRIENDS: _("Vrienden"),
        RelationKind.NEIGHBOURHOOD: _("Buurt"),
        RelationKind.SCHOOL_WORK: _("School/werk"),
        RelationKind.SPORT_CLUB: _("Sport/club"),
        RelationKind.PEERS: _("Lotgenoten"),
        RelationKind.VOLUNTEER: _("Vrijwilliger"),
        RelationKind.PROFESSIONAL: _("Professional"),
    }


def isolate(text: str) -> str:
    """Escape for XML and isolate bidi (``lib.bidi.isolate``, which also leaves out characters
    XML forbids): the SVG counterpart of HTML's <bdi>."""
    return escape(bidi.isolate(text))


def _zigzag(x0: float, y0: float, x1: float, y1: float) -> str:
    length = math.hypot(x1 - x0, y1 - y0)
    if length < 1:
        return f"{x0:.1f},{y0:.1f} {x1:.1f},{y1:.1f}"
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    px, py = -uy, ux
    steps = max(2, int(length // 7))
    points = [f"{x0:.1f},{y0:.1f}"]
    for i in range(1, steps):
        t = length * i / steps
        side = 4 if i % 2 else -4
        points.append(f"{x0 + ux * t + px * side:.1f},{y0 + uy * t + py * side:.1f}")
    points.append(f"{x1:.1f},{y1:.1f}")
    return " ".join(points)


def _line(quality: str, x0: float, y0: float, x1: float, y1: float) -> str:
    colour = QUALITY_COLOUR.get(quality, UNMARKED_COLOUR)
    if quality == Quality.BURDENING:
        return (
            f'<polyline points="{_zigzag(x0, y0, x1, y1)}" fill="none" stroke="{colour}" '
            f'stroke-width="1.6"/>'
        )
    dash = ' stroke-dasharray="7 5"' if quality == Quality.MIXED else ""
    return (
        f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="{colour}" '
        f'stroke-width="2"{dash}/>'
    )


def _node(x: float, y: float, person: MapPerson, colour: str) -> str:
    if person.is_professional:
        shape = (
            f'<rect x="{x - 7:.1f}" y="{y - 7:.1f}" width="14" height="14" fill="{colour}" '
            f'stroke="#fff" stroke-width="1.5"/>'
        )
    else:
        shape = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7.5" fill="{colour}" stroke="#fff" '
            f'stroke-width="1.5"/>'
        )
    if person.stays_after_help:
        shape += (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="11.5" fill="none" stroke="#202020" '
            f'stroke-width="1.6"/>'
        )
    if person.may_be_overloaded:
        shape += _warn_badge(x - 11 * label_side(x), y - 11)
    return shape


def _warn_badge(x: float, y: float) -> str:
    return (
        f'<polygon points="{x:.1f},{y - 6:.1f} {x + 6:.1f},{y + 5:.1f} {x - 6:.1f},{y + 5:.1f}" '
        f'fill="{WARN_COLOUR}" stroke="#fff" stroke-width="1"/>'
    )


def _label(x: float, y: float, text: str, *, colour: str = "#202020", weight: str = "400") -> str:
    width = len(text) * CHAR_W + 6
    side = label_side(x)
    start = x + 14 if side > 0 else x - 14 - width
    anchor = "start" if side > 0 else "end"
    text_x = x + 17 if side > 0 else x - 17
    return (
        f'<rect x="{start:.1f}" y="{y - 9:.1f}" width="{width:.1f}" height="18" rx="3" '
        f'fill="#ffffff" fill-opacity="0.9"/>'
        f'<text x="{text_x:.1f}" y="{y + 4.5:.1f}" text-anchor="{anchor}" font-size="{NODE_FONT}" '
        f'font-weight="{weight}" fill="{colour}">{isolate(text)}</text>'
    )


def render_ecomap(
    persons: Sequence[MapPerson], *, centre_label: str, title: str, legend: bool = True
) -> SafeString:
    """The eco-map as inline SVG. `title` is read by screen readers; give a table beside it."""
    placed = layout(persons)
    hidden = sum(p.hidden for p in placed)
    height = MAP_HEIGHT + (150 if legend else 0)
    desc = _("%(shown)d van %(total)d personen staan op de kaart; de tabel noemt iedereen.") % {
        "shown": len(persons) - hidden,
        "total": len(persons),
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ecomap" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{isolate(title)}" '
        # Laid out left to right in every language (text anchors keep their sides on an Arabic
        # page); every label is isolated, so the words themselves still read right to left.
        'direction="ltr" '
        f'font-family="{FONTS}">'
        f"<title>{isolate(title)}</title><desc>{escape(desc)}</desc>"
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>'
    ]
    # Rings (closest ring darkest) and sector borders.
    for ring, fill in ((3, "#f3f6fa"), (2, "#e8eef6"), (1, "#dce6f2")):
        parts.append(
            f'<circle cx="{CX}" cy="{CY}" r="{RING_EDGES[ring]}" fill="{fill}" stroke="#9aa8b8" '
            f'stroke-width="1"/>'
        )
    labels = _sector_labels()
    positions = sector_label_positions()
    for index, kind in enumerate(RelationKind.values):
        angle = math.radians(-90 + index * SECTOR_DEG)
        x0, y0 = CX + CENTRE_R * math.cos(angle), CY + CENTRE_R * math.sin(angle)
        x1, y1 = CX + RING_EDGES[3] * math.cos(angle), CY + RING_EDGES[3] * math.sin(angle)
        parts.append(
            f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="#9aa8b8" '
            f'stroke-width="1"/>'
        )
        lx, ly, anchor, _w = positions[index]
        parts.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" font-size="15" '
            f'font-weight="700" fill="#202020">{escape(labels[kind])}</text>'
        )
    # Lines under the nodes, then nodes, then labels on top.
    for p in placed:
        if p.person is None:
            continue
        x0 = CX + CENTRE_R * math.cos(p.angle)
        y0 = CY + CENTRE_R * math.sin(p.angle)
        parts.append(_line(p.person.quality, x0, y0, p.x, p.y))
    for p in placed:
        if p.person is None:
            parts.append(
                f'<circle cx="{p.x:.1f}" cy="{p.y:.1f}" r="9" fill="#ffffff" '
                f'stroke="{SUMMARY_COLOUR}" stroke-width="2" stroke-dasharray="3 2"/>'
                f'<text x="{p.x:.1f}" y="{p.y + 4.5:.1f}" text-anchor="middle" font-size="13" '
                f'font-weight="700" fill="{SUMMARY_COLOUR}">+</text>'
            )
            parts.append(_label(p.x, p.y, _("+%d meer") % p.hidden, colour="#202020", weight="700"))
            continue
        person = p.person
        parts.append(f"<g><title>{isolate(person.label)}</title>")
        parts.append(_node(p.x, p.y, person, QUALITY_COLOUR.get(person.quality, UNMARKED_COLOUR)))
        parts.append(_label(p.x, p.y, shorten(person.label)))
        parts.append("</g>")
    # The centre: the family or the member whose map this is.
    parts.append(
        f'<circle cx="{CX}" cy="{CY}" r="{CENTRE_R}" fill="#004699"/>'
        f'<text x="{CX}" y="{CY + 5}" text-anchor="middle" font-size="12" font-weight="700" '
        f'fill="#ffffff">{isolate(shorten(centre_label, 12))}</text>'
    )
    if legend:
        parts.append(_legend(MAP_HEIGHT))
    parts.append("</svg>")
    # Every piece of text above went through escape(); numbers are formatted by us.
    return mark_safe("".join(parts))  # noqa: S308


def _legend(top: float) -> str:
    # Texts outside the f-strings: makemessages cannot read a call inside an f-string.
    title = escape(_("Uitleg"))
    overload = escape(_("Kan overbelast raken"))
    more = escape(_("+N meer: zie de tabel"))
    rings_1 = escape(_("Ringen: binnen = heel dichtbij,"))
    rings_2 = escape(_("midden = dichtbij, buiten = verder weg"))
    parts = [
        f'<line x1="20" y1="{top}" x2="{WIDTH - 20}" y2="{top}" stroke="#b4b4b4"/>',
        f'<text x="20" y="{top + 26}" font-size="15" font-weight="700" fill="#202020">'
        f"{title}</text>",
    ]
    col_x = (20, 340, 650)
    lines = (
        (Quality.SUPPORTIVE, _("Steunend: doorgetrokken lijn")),
        (Quality.MIXED, _("Wisselend: streepjeslijn")),
        (Quality.BURDENING, _("Belastend: zigzaglijn")),
    )
    for i, (quality, text) in enumerate(lines):
        y = top + 52 + i * 26
        parts.append(_line(quality, col_x[0], y - 5, col_x[0] + 40, y - 5))
        parts.append(
            f'<text x="{col_x[0] + 50}" y="{y}" font-size="14" fill="#202020">{escape(text)}</text>'
        )
    shapes = (
        (
            f'<circle cx="{col_x[1] + 10}" cy="{{y}}" r="7.5" fill="#00774a"/>',
            _("Iemand uit het eigen netwerk"),
        ),
        (
            f'<rect x="{col_x[1] + 3}" y="{{y0}}" width="14" height="14" fill="#00774a"/>',
            _("Professional"),
        ),
        (
            f'<circle cx="{col_x[1] + 10}" cy="{{y}}" r="7.5" fill="#00774a"/>'
            f'<circle cx="{col_x[1] + 10}" cy="{{y}}" r="11.5" fill="none" stroke="#202020" '
            f'stroke-width="1.6"/>',
            _("Blijft als de hulp stopt"),
        ),
    )
    for i, (shape, text) in enumerate(shapes):
        y = top + 52 + i * 26 - 5
        parts.append(shape.format(y=f"{y:.1f}", y0=f"{y - 7:.1f}"))
        parts.append(
            f'<text x="{col_x[1] + 30}" y="{y + 5:.1f}" font-size="14" fill="#202020">'
            f"{escape(text)}</text>"
        )
    y = top + 47
    parts.append(_warn_badge(col_x[2] + 10, y))
    parts.append(
        f'<text x="{col_x[2] + 26}" y="{y + 5}" font-size="14" fill="#202020">{overload}</text>'
    )
    y = top + 73
    parts.append(
        f'<circle cx="{col_x[2] + 10}" cy="{y}" r="9" fill="#fff" stroke="{SUMMARY_COLOUR}" '
        f'stroke-width="2" stroke-dasharray="3 2"/>'
        f'<text x="{col_x[2] + 26}" y="{y + 5}" font-size="14" fill="#202020">'
        f"{more}</text>"
    )
    parts.append(
        f'<text x="{col_x[2]}" y="{top + 104}" font-size="14" fill="#202020">'
        f"{rings_1}</text>"
        f'<text x="{col_x[2]}" y="{top + 122}" font-size="14" fill="#202020">'
        f"{rings_2}</text>"
    )
    return "".join(parts)
