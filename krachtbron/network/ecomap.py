"""The netwerkkaart as a server-rendered SVG eco-map.

The family (or one member) sits in the centre; three rings show how close someone is; nine
sectors show the kind of relation; the line to each person shows the quality of the contact by
colour *and* pattern (solid = steunend, dashed = wisselend, zigzag = belastend), so it reads in
black-and-white print too. A legend is part of the SVG; pages show a table beside it. Where each
person goes is ``ecomap_layout``; this module draws. For PDFs (``for_print=True``) the texts are
not SVG ``<text>`` but HTML laid over the drawing (``ecomap_print``: WeasyPrint cannot shape
SVG text, so Arabic came out reversed and unjoined).

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
from krachtbron.network.ecomap_print import MapText, centre_of_line, print_map
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


class _Drawing:
    """The SVG's parts and, for print, its texts apart (``ecomap_print``)."""

    def __init__(self, *, for_print: bool) -> None:
        self.parts: list[str] = []
        self.texts: list[MapText] = []
        self.for_print = for_print

    def add(self, svg: str) -> None:
        self.parts.append(svg)

    def text(
        self,
        x: float,
        baseline: float,
        text: str,
        *,
        size: int,
        anchor: str | None = None,
        weight: str | None = None,
        colour: str = "#202020",
        isolated: bool = True,
    ) -> None:
        """A text at SVG coordinates. ``isolated``: a name or anything typed (FSI ... PDI).
        The SVG is written as it always was (``test_ecomap_pinned``): attributes only when
        given, whole numbers as they are, others to one decimal."""
        if self.for_print:
            middle = centre_of_line(baseline, size)
            item = MapText(
                x, middle, text, size, anchor or "start", weight or "400", colour, isolated=isolated
            )
            self.texts.append(item)
            return
        body = isolate(text) if isolated else escape(text)
        anchored = "" if anchor is None else f' text-anchor="{anchor}"'
        bold = "" if weight is None else f' font-weight="{weight}"'
        self.parts.append(
            f'<text x="{_num(x)}" y="{_num(baseline)}"{anchored} font-size="{size}"{bold} '
            f'fill="{colour}">{body}</text>'
        )

    def label(self, x: float, y: float, text: str, *, weight: str = "400") -> None:
        """A person's label on a white box beside their node at (x, y), away from the centre."""
        side = label_side(x)
        if self.for_print:  # the box is the text's own background: it fits the shaped text
            edge = x + 14 if side > 0 else x - 14
            anchor = "start" if side > 0 else "end"
            self.texts.append(MapText(edge, y, text, NODE_FONT, anchor, weight, boxed=True))
            return
        width = len(text) * CHAR_W + 6
        start = x + 14 if side > 0 else x - 14 - width
        self.parts.append(
            f'<rect x="{start:.1f}" y="{y - 9:.1f}" width="{width:.1f}" height="18" rx="3" '
            f'fill="#ffffff" fill-opacity="0.9"/>'
        )
        text_x = x + 17 if side > 0 else x - 17
        anchor = "start" if side > 0 else "end"
        self.text(text_x, y + 4.5, text, size=NODE_FONT, anchor=anchor, weight=weight)


def _num(value: float) -> str:
    return str(value) if isinstance(value, int) else f"{value:.1f}"


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


def render_ecomap(
    persons: Sequence[MapPerson],
    *,
    centre_label: str,
    title: str,
    legend: bool = True,
    for_print: bool = False,
) -> SafeString:
    """The eco-map as inline SVG. `title` is read by screen readers; give a table beside it.

    ``for_print``: for a PDF (WeasyPrint), the drawing with its texts as HTML over it
    (``ecomap_print.print_map``)."""
    placed = layout(persons)
    hidden = sum(p.hidden for p in placed)
    height = MAP_HEIGHT + (150 if legend else 0)
    # Who is not on the map: in the table beside it on a page; under it in the PDF (a list per
    # circle for a big network, else a table: 'Ons krachtenplan').
    counts = {"shown": len(persons) - hidden, "total": len(persons)}
    if for_print:
        desc = (
            _("%(shown)d van %(total)d personen staan op de kaart; onder de kaart staat iedereen.")
            % counts
        )
    else:
        desc = (
            _("%(shown)d van %(total)d personen staan op de kaart; de tabel noemt iedereen.")
            % counts
        )
    d = _Drawing(for_print=for_print)
    d.add(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ecomap" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{isolate(title)}" '
        # Laid out left to right in every language (text anchors keep their sides on an Arabic
        # page); every label is isolated, so the words themselves still read right to left.
        'direction="ltr" '
        f'font-family="{FONTS}">'
        f"<title>{isolate(title)}</title><desc>{escape(desc)}</desc>"
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>'
    )
    # Rings (closest ring darkest) and sector borders.
    for ring, fill in ((3, "#f3f6fa"), (2, "#e8eef6"), (1, "#dce6f2")):
        d.add(
            f'<circle cx="{CX}" cy="{CY}" r="{RING_EDGES[ring]}" fill="{fill}" stroke="#9aa8b8" '
            f'stroke-width="1"/>'
        )
    labels = _sector_labels()
    positions = sector_label_positions()
    for index, kind in enumerate(RelationKind.values):
        angle = math.radians(-90 + index * SECTOR_DEG)
        x0, y0 = CX + CENTRE_R * math.cos(angle), CY + CENTRE_R * math.sin(angle)
        x1, y1 = CX + RING_EDGES[3] * math.cos(angle), CY + RING_EDGES[3] * math.sin(angle)
        d.add(
            f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="#9aa8b8" '
            f'stroke-width="1"/>'
        )
        lx, ly, anchor, _w = positions[index]
        d.text(lx, ly, labels[kind], size=15, anchor=anchor, weight="700", isolated=False)
    # Lines under the nodes, then nodes, then labels on top.
    for p in placed:
        if p.person is None:
            continue
        x0 = CX + CENTRE_R * math.cos(p.angle)
        y0 = CY + CENTRE_R * math.sin(p.angle)
        d.add(_line(p.person.quality, x0, y0, p.x, p.y))
    for p in placed:
        if p.person is None:
            d.add(
                f'<circle cx="{p.x:.1f}" cy="{p.y:.1f}" r="9" fill="#ffffff" '
                f'stroke="{SUMMARY_COLOUR}" stroke-width="2" stroke-dasharray="3 2"/>'
            )
            d.text(
                p.x,
                p.y + 4.5,
                "+",
                size=13,
                anchor="middle",
                weight="700",
                colour=SUMMARY_COLOUR,
                isolated=False,
            )
            d.label(p.x, p.y, _("+%d meer") % p.hidden, weight="700")
            continue
        person = p.person
        d.add(f"<g><title>{isolate(person.label)}</title>")
        d.add(_node(p.x, p.y, person, QUALITY_COLOUR.get(person.quality, UNMARKED_COLOUR)))
        d.label(p.x, p.y, shorten(person.label))
        d.add("</g>")
    # The centre: the family or the member whose map this is.
    d.add(f'<circle cx="{CX}" cy="{CY}" r="{CENTRE_R}" fill="#004699"/>')
    d.text(
        CX,
        CY + 5,
        shorten(centre_label, 12),
        size=12,
        anchor="middle",
        weight="700",
        colour="#ffffff",
    )
    if legend:
        _legend(d, MAP_HEIGHT)
    d.add("</svg>")
    # Every piece of text above went through escape(); numbers are formatted by us.
    svg = "".join(d.parts)
    if for_print:
        return print_map(svg, d.texts, width=WIDTH, height=height)
    return mark_safe(svg)  # noqa: S308


def _legend(d: _Drawing, top: float) -> None:
    col_x = (20, 340, 650)
    d.add(f'<line x1="20" y1="{top}" x2="{WIDTH - 20}" y2="{top}" stroke="#b4b4b4"/>')
    d.text(20, top + 26, _("Uitleg"), size=15, weight="700", isolated=False)
    lines = (
        (Quality.SUPPORTIVE, _("Steunend: doorgetrokken lijn")),
        (Quality.MIXED, _("Wisselend: streepjeslijn")),
        (Quality.BURDENING, _("Belastend: zigzaglijn")),
    )
    for i, (quality, text) in enumerate(lines):
        y = top + 52 + i * 26
        d.add(_line(quality, col_x[0], y - 5, col_x[0] + 40, y - 5))
        d.text(col_x[0] + 50, y, text, size=14, isolated=False)
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
        d.add(shape.format(y=f"{y:.1f}", y0=f"{y - 7:.1f}"))
        d.text(col_x[1] + 30, float(y + 5), text, size=14, isolated=False)
    y = top + 47
    d.add(_warn_badge(col_x[2] + 10, y))
    d.text(col_x[2] + 26, y + 5, _("Kan overbelast raken"), size=14, isolated=False)
    y = top + 73
    d.add(
        f'<circle cx="{col_x[2] + 10}" cy="{y}" r="9" fill="#fff" stroke="{SUMMARY_COLOUR}" '
        f'stroke-width="2" stroke-dasharray="3 2"/>'
    )
    more = _("+N meer: zie onder de kaart") if d.for_print else _("+N meer: zie de tabel")
    d.text(col_x[2] + 26, y + 5, more, size=14, isolated=False)
    d.text(col_x[2], top + 104, _("Ringen: binnen = heel dichtbij,"), size=14, isolated=False)
    d.text(
        col_x[2], top + 122, _("midden = dichtbij, buiten = verder weg"), size=14, isolated=False
    )
