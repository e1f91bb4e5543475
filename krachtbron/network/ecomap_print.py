"""The eco-map for PDFs: the SVG drawing with every text laid over it as HTML.

WeasyPrint (70) draws SVG ``<text>`` letter by letter: it neither joins Arabic letters nor
reorders right-to-left text, so an Arabic label (an interface word or a name a family typed:
"خالة نور" on a Dutch map) came out reversed and in loose letters. HTML text goes through
Pango, which shapes every script and applies the bidi algorithm. So for the PDF the map is
drawn without ``<text>``, and each text is an absolutely positioned ``<span>`` over the
drawing at the same place, the same size and the same anchor (start, end, middle) as the SVG
text would have had. Browsers shape SVG text well: pages keep the plain SVG
(``ecomap.render_ecomap``). See docs/talen.md, "The network map in PDFs".

The drawing is scaled to ``PRINT_WIDTH`` CSS px (170 mm, the width of the map in the plan
PDF); positions and font sizes are scaled with it, so the layout's label boxes (``CHAR_W``)
hold as they do on screen. Every text is escaped; names keep their FSI ... PDI isolation.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from krachtbron.lib import bidi

PRINT_WIDTH = 170 * 96 / 25.4  # 170 mm in CSS px: `.plan__map svg { max-width: 170mm }`
MIDDLE_BOX = 240  # width (drawing units) of the box a centred text is centred in
BOX_PADDING = 3  # drawing units between a label's white box and its text
# Where a line of text sits around its baseline, as a fraction of the font size: Noto Sans'
# ascent + descent centre lies about 0.35 em above the baseline.
CENTRE_ABOVE_BASELINE = 0.35


@dataclass(frozen=True)
class MapText:
    """One text of the map. ``x`` is where it is anchored (for a boxed label: the edge of its
    white box), ``middle`` the vertical centre of its line, both in drawing units."""

    x: float
    middle: float
    text: str
    size: float
    anchor: str = "start"  # start (text runs right of x), end (left of x) or middle
    weight: str = "400"
    colour: str = "#202020"
    boxed: bool = False  # on a white box, as the persons' labels
    isolated: bool = True  # a name or anything a person typed: FSI ... PDI around it


def centre_of_line(baseline: float, size: float) -> float:
    """The vertical centre of a line of text whose baseline (as in SVG) is at ``baseline``."""
    return baseline - CENTRE_ABOVE_BASELINE * size


def _style(item: MapText, width: float, scale: float) -> str:
    line = (18 if item.boxed else item.size * 1.3) * scale
    parts = [f"top:{(item.middle * scale) - line / 2:.2f}px"]
    if item.anchor == "start":
        parts.append(f"left:{item.x * scale:.2f}px;text-align:left")
    elif item.anchor == "end":
        parts.append(f"right:{(width - item.x) * scale:.2f}px;text-align:right")
    else:
        parts.append(
            f"left:{(item.x - MIDDLE_BOX / 2) * scale:.2f}px;width:{MIDDLE_BOX * scale:.2f}px;"
            "text-align:center"
        )
    parts.append(
        f"font-size:{item.size * scale:.2f}px;line-height:{line:.2f}px;"
        f"font-weight:{item.weight};color:{item.colour}"
    )
    if item.boxed:
        parts.append(
            f"padding:0 {BOX_PADDING * scale:.2f}px;border-radius:{3 * scale:.2f}px;"
            "background:rgba(255,255,255,.9)"
        )
    return ";".join(parts)


def print_map(svg: str, texts: Sequence[MapText], *, width: float, height: float) -> SafeString:
    """``svg`` (a drawing without text, ``width`` x ``height`` drawing units) with ``texts``
    laid over it as HTML, scaled to ``PRINT_WIDTH``."""
    scale = PRINT_WIDTH / width
    spans = []  # one <p> per text: each is its own block of text (placed, not flowing)
    for item in texts:
        text = bidi.isolate(item.text) if item.isolated else item.text
        spans.append(
            f'<p class="ecomap-print__text" style="{_style(item, width, scale)}">{escape(text)}</p>'
        )
    # The SVG and the styles are ours (numbers formatted here, colours from our constants);
    # every text went through escape().
    return mark_safe(  # noqa: S308
        f'<div class="ecomap-print" style="width:{width * scale:.2f}px;'
        f'height:{height * scale:.2f}px">{svg}{"".join(spans)}</div>'
    )
