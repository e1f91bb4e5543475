"""Reading back a PDF in a test: its text as poppler's ``pdftotext`` reads it, the roles of its
structure tree (a tagged PDF), and the ".notdef glyph" warnings WeasyPrint logs for a
character no installed font has."""

import logging
import subprocess
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

#: The direction marks and isolates poppler adds around right-to-left runs (and <bdi>'s).
BIDI_MARKS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def pdf_text(pdf: bytes) -> str:
    """The text of ``pdf`` (its bytes) as poppler reads it, in UTF-8, without the direction
    marks it adds, and with Arabic presentation forms (joined glyphs) folded to the letters
    they show (NFKC). Needs ``pdftotext`` on PATH; raises CalledProcessError when it fails."""
    done = subprocess.run(  # noqa: S603 - poppler from PATH, as the other PDF tests
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    )
    return unicodedata.normalize("NFKC", done.stdout.decode().translate(BIDI_MARKS))


def structure_roles(node: Any, seen: set[str] | None = None, depth: int = 0) -> set[str]:
    """The roles ("H1", "Table", "P"...) in a tagged PDF's structure tree below ``node``
    (pypdf's ``trailer["/Root"]["/StructTreeRoot"]``, or any element of it), 60 levels deep
    at most."""
    seen = set() if seen is None else seen
    node = node.get_object() if hasattr(node, "get_object") else node
    if depth > 60:
        return seen
    if isinstance(node, dict):
        if "/S" in node:
            seen.add(str(node["/S"]).lstrip("/"))
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, list) else [kids]:
                structure_roles(kid, seen, depth + 1)
    elif isinstance(node, list):
        for kid in node:
            structure_roles(kid, seen, depth + 1)
    return seen


def watch_notdef(caplog: pytest.LogCaptureFixture) -> Callable[[], list[str]]:
    """Start catching WeasyPrint's warnings; returns a function that gives the ".notdef glyph"
    warnings (a character drawn as an empty box) logged since."""
    caplog.set_level(logging.WARNING, logger="weasyprint")
    return lambda: [r.getMessage() for r in caplog.records if ".notdef" in r.getMessage()]
