"""Bidi isolation: a name shown among other text can never reorder that text (SECURITY.md 13).

A team called ``abc`` + U+202E + ``def`` would, shown as it is, turn everything after it on the
line right-to-left; an Arabic name next to a number can swap places with it. Every name or text
a person typed is therefore shown *isolated*, in one of two ways:

- in HTML body text, inside ``<bdi>…</bdi>`` (the project's templates write it by hand);
- everywhere markup cannot go — ``<title>``, ``<option>``, attribute values, SVG ``<text>``,
  CSV cells — between the Unicode isolates FSI (U+2068) and PDI (U+2069): `isolate()` in
  Python, ``{{ value|isolate }}`` in templates (a built-in filter, no ``{% load %}``).
  Django's own option and radio/checkbox labels get it from the form widget templates in
  ``krachtbron/templates/django/forms/widgets``.

Browsers, WeasyPrint (PDF), SVG viewers and spreadsheets all honour FSI…PDI and ``<bdi>``
(``lib/tests/test_bidi.py`` renders both into a PDF and reads the text back).

`isolate()` also *balances* the text: a stray PDI in a name would end the isolation early, and
an unclosed isolate (LRI, RLI, FSI) would swallow the closing PDI, so stray PDIs are dropped
and open isolates closed. Embeddings and overrides (LRE, RLE, LRO, RLO) need no closing: the
PDI ends them all. `krachtbron/testing/test_bidi_isolation.py` plants overrides in every name
and text field and checks every page, chart, map, PDF and CSV.
"""

from krachtbron.lib.text import without_forbidden

FSI = "\u2068"  # first strong isolate: direction from the text itself
PDI = "\u2069"  # pop directional isolate
_OPENERS = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI
# Every explicit bidi formatting character: embeddings, overrides, PDF, isolates.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def balanced(text: str) -> str:
    """``text`` with every isolate it opens closed and without a PDI it did not open."""
    if PDI not in text and not _OPENERS.intersection(text):
        return text
    depth = 0
    out = []
    for char in text:
        if char in _OPENERS:
            depth += 1
        elif char == PDI:
            if depth == 0:
                continue  # would close the isolation around the text
            depth -= 1
        out.append(char)
    return "".join(out) + PDI * depth


def isolate(text: object) -> str:
    """``text`` as plain text between FSI and PDI (not escaped: the caller's output escapes).

    Also leaves out characters no file may hold (``lib.text.without_forbidden``). An empty
    text stays empty."""
    value = "" if text is None else str(text)
    if not value:
        return value
    return FSI + balanced(without_forbidden(value)) + PDI


def isolate_if_needed(text: str) -> str:
    """``isolate(text)`` only when ``text`` holds an explicit bidi control.

    For data cells (CSV): each spreadsheet cell is its own paragraph, so ordinary Arabic or
    Hebrew needs no isolate there, and a researcher's script comparing ``team == "Noord"``
    keeps working; an override is still isolated for anyone reading the raw file."""
    return isolate(text) if BIDI_CONTROLS.intersection(text) else text
