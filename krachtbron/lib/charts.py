"""Small server-rendered SVG charts. Every chart needs a text or table alternative beside it.

All labels are escaped and bidi-isolated here (``_text``: a team called "abc" + U+202E + "def"
cannot turn the rest of a label around, ``lib/bidi.py``); callers pass plain strings. Values
are rounded by the one rule of ``lib/numbers.py``, as the tables beside the charts are. The
SVGs use no script, no foreignObject and no event attributes, so they are safe in HTML, print
and PDF.
Colours meet 3:1 contrast against white; series are also told apart by marker shape.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from krachtbron.lib.bidi import isolate
from krachtbron.lib.numbers import shown_mean

PALETTE = ["#004699", "#c20000", "#00774a", "#8a5a00", "#5b2a86", "#00646e"]
# 0..4 answer scale: red-ish for low, blue-ish for high; readable with the legend and table.
SCALE_COLOURS = ["#a00000", "#e06666", "#9e9e9e", "#6fa8dc", "#004699"]
MARKERS = ["circle", "square", "diamond", "triangle"]
LINE_HEIGHT = 14  # px between the lines of a two-line x label (font size 12)


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]  # one per x label; None = no measurement


def _text(value: str) -> str:
    """A label for SVG text or an attribute: isolated, without characters XML forbids, escaped."""
    return escape(isolate(value))


def _svg_open(width: int, height: int, title: str, desc: str, css_class: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {escape(css_class)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        # Drawn left to right in every language: on a right-to-left page the text anchors keep
        # their sides; each label is isolated (``_text``), so Arabic words still read right.
        'direction="ltr" '
        f'aria-label="{_text(title)}"><title>{_text(title)}</title><desc>{_text(desc)}</desc>'
    )


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
            f'{x - 5:.1f},{y:.1f}" fill="{colour}"/>'
        )
    if shape == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} '
            f'{x - 5:.1f},{y + 4:.1f}" fill="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/>'


def line_chart(
    series: Sequence[Series],
    x_labels: Sequence[str],
    *,
    y_min: float = 0,
    y_max: float = 4,
    y_ticks: Sequence[float] | None = None,
    title: str,
    desc: str = "",
    width: int = 640,
    height: int = 280,
) -> SafeString:
    """A trend: one line per series over the x labels (measurements, quarters ...). An x
    label may hold line breaks ("nov\n2025"): its lines stand under each other, centred on
    the point, and the chart grows 14 px per further line (a narrow label on a phone)."""
    lines = max((label.count("\n") + 1 for label in x_labels), default=1)
    extra = LINE_HEIGHT * (lines - 1)
    height += extra
    # Wide side margins: the first and last x labels are centred on their point.
    left, right, top, bottom = 56, 48, 16, 56 + extra
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = y_ticks if y_ticks is not None else [y_min + i * (y_max - y_min) / 4 for i in range(5)]
    steps = max(len(x_labels) - 1, 1)

    def x_at(i: int) -> float:
        return left + (plot_w * i / steps if len(x_labels) > 1 else plot_w / 2)

    def y_at(v: float) -> float:
        return top + plot_h - (v - y_min) / (y_max - y_min or 1) * plot_h

    parts = [_svg_open(width, height, title, desc, "chart--line")]
    for tick in ticks:
        y = y_at(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dcdcdc"/>'
            f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#454545">{escape(f"{tick:g}")}</text>'
        )
    for i, label in enumerate(x_labels):
        x_i = x_at(i)
        first, *more = label.split("\n")
        below = "".join(
            f'<tspan x="{x_i:.1f}" dy="{LINE_HEIGHT}">{_text(line)}</tspan>' for line in more
        )
        parts.append(
            f'<text x="{x_i:.1f}" y="{height - bottom + 20}" text-anchor="middle" '
            f'font-size="12" fill="#454545">{_text(first)}{below}</text>'
        )
    for index, one in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        shape = MARKERS[index % len(MARKERS)]
        points = [(x_at(i), y_at(v)) for i, v in enumerate(one.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            dash = ' stroke-dasharray="6 4"' if index % 2 else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dash}/>'
            )
        parts.extend(_marker(shape, x, y, colour) for x, y in points)
    # Legend under the plot.
    legend_y = height - 14
    x = left
    for index, one in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(_marker(MARKERS[index % len(MARKERS)], x + 5, legend_y - 4, colour))
        parts.append(
            f'<text x="{x + 14}" y="{legend_y}" font-size="12" fill="#202020">'
            f"{_text(one.label)}</text>"
        )
        x += 24 + 7 * len(one.label)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label above is escaped


def distribution_bar(
    counts: Sequence[int],
    *,
    title: str,
    desc: str = "",
    width: int = 320,
    height: int = 28,
) -> SafeString:
    """One horizontal bar split into the 0..4 answer categories (counts per category)."""
    total = sum(counts) or 1
    parts = [_svg_open(width, height, title, desc, "chart--distribution")]
    x = 0.0
    for value, count in enumerate(counts):
        w = width * count / total
        if w > 0:
            parts.append(
                f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" '
                f'fill="{SCALE_COLOURS[value % len(SCALE_COLOURS)]}" stroke="#fff"/>'
            )
            if w >= 18:
                fill = "#000" if value == 2 else "#fff"
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{height / 2 + 5:.1f}" text-anchor="middle" '
                    f'font-size="13" fill="{fill}">{count}</text>'
                )
        x += w
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - only numbers and escaped text


def _bar_length(value: float | None, x_max: float, full: float) -> float:
    """A bar's length for ``value`` on 0..``x_max`` when ``x_max`` fills ``full`` units;
    0 for no figure, values outside the scale clipped to it."""
    return 0.0 if value is None else full * max(0.0, min(value, x_max)) / x_max


def hbar_chart(
    rows: Sequence[tuple[str, float | None]],
    *,
    x_max: float = 4,
    title: str,
    desc: str = "",
    width: int = 300,
    row_height: int = 42,
) -> SafeString:
    """Horizontal bars, one per labelled row (section means, team comparison ...).

    Each row is its label on a line of its own, the bar under it and the value right after the
    bar: narrow enough (300 wide) to keep 13 px text near its size on a 360 px phone, with the
    value in view beside its bar instead of off-screen (issue 17, item 9)."""
    value_w = 44
    plot_w = width - value_w
    height = row_height * len(rows) + 4
    parts = [_svg_open(width, height, title, desc, "chart--hbar")]
    for i, (label, value) in enumerate(rows):
        y = 2 + i * row_height
        # About 28 characters: a label of a section, a team or a voice; longer ones end in "…".
        short = label if len(label) <= 28 else label[:27] + "…"
        parts.append(
            f'<text x="0" y="{y + 14}" font-size="13" fill="#202020">{_text(short)}</text>'
        )
        bar_y = y + 20
        parts.append(
            f'<rect x="0" y="{bar_y}" width="{plot_w}" height="{row_height - 26}" fill="#f0f0f0"/>'
        )
        if value is not None:
            w = _bar_length(value, x_max, plot_w)
            parts.append(
                f'<rect x="0" y="{bar_y}" width="{w:.1f}" height="{row_height - 26}" '
                f'fill="{PALETTE[0]}"/>'
            )
        # Rounded as the table beside it (half up), with the interface language's decimal sign.
        shown = shown_mean(value)
        parts.append(
            f'<text x="{plot_w + 6}" y="{bar_y + 12}" font-size="13" font-weight="700" '
            f'fill="#202020">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label is escaped


def hbar_print(
    rows: Sequence[tuple[str, float | None]],
    *,
    x_max: float = 4,
    title: str,
    desc: str = "",
    bar_width: int = 256,
) -> SafeString:
    """``hbar_chart`` for a PDF: the same rows (label, bar, value), with every label and value
    as HTML text and each bar a small SVG without text (docs/talen.md, "Charts in PDFs").

    WeasyPrint draws SVG ``<text>`` glyph by glyph: no shaping, no bidi, so a label in Arabic
    (a team or section name) would print reversed in loose letters. HTML text goes through
    Pango, which shapes every script. ``rows``: (label, mean or None for no figure) with the
    mean on 0..``x_max``; ``bar_width``: the bar's length in SVG units (the style sheet sets
    its printed size, ``.chart--print svg``). ``title`` and ``desc`` are the chart's name and
    description (``aria-label``); give a table beside it, as for every chart."""
    label = _text(title if not desc else f"{title}. {desc}")
    parts = [f'<div class="chart chart--print" role="group" aria-label="{label}">']
    height = 8  # 256 x 8: the printed 128 x 4 mm (.chart--print svg)
    for row_label, value in rows:
        w = _bar_length(value, x_max, bar_width)
        parts.append(
            f'<div class="chart__row"><p class="chart__label">{_text(row_label)}</p>'
            f'<p class="chart__bar"><svg xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {bar_width} {height}" width="{bar_width}" height="{height}" '
            f'aria-hidden="true"><rect x="0" y="0" width="{bar_width}" height="{height}" '
            f'fill="#f0f0f0"/><rect x="0" y="0" width="{w:.1f}" height="{height}" '
            f'fill="{PALETTE[0]}"/></svg> '
            # Rounded as the table beside it (half up), with the language's decimal sign.
            f'<span class="chart__value">{escape(shown_mean(value))}</span></p></div>'
        )
    parts.append("</div>")
    return mark_safe("".join(parts))  # noqa: S308 - every label is escaped


def sparkline(
    values: Sequence[float | None],
    *,
    y_max: float = 10,
    title: str,
    width: int = 120,
    height: int = 32,
) -> SafeString:
    """A tiny trend line (for scalings 0-10 beside a number)."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    parts = [_svg_open(width, height, title, "", "chart--spark")]
    if points:
        steps = max(len(values) - 1, 1)
        coords = [
            (4 + (width - 8) * i / steps, height - 4 - (height - 8) * v / (y_max or 1))
            for i, v in points
        ]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>'
            )
        x, y = coords[-1]
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{PALETTE[0]}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - numbers and an escaped title only
