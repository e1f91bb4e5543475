"""HTML to PDF with WeasyPrint (imported lazily: only PDF requests pay for it).

The renderer may fetch only Krachtbron's own static files (SECURITY.md 12): relative URLs
resolve under an unreachable base URL, and the fetcher serves `<base>/static/<name>` from the
static files finders, or in production the collected (hashed) copy in STATIC_ROOT. file://,
data:, http(s) to anywhere else and path tricks are refused.
"""

import gc
import mimetypes
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders

from krachtbron.lib.text import without_forbidden

PDF_BASE_URL = "https://krachtbron.invalid/"
ALLOWED_SUFFIXES = {".css", ".svg", ".png", ".jpg", ".woff", ".woff2", ".ttf"}


class RefusedURLError(ValueError):
    """A URL outside the allow-list; WeasyPrint skips the resource and goes on."""


def static_file_for(url: str) -> Path | None:
    """The file behind one of our own static URLs, or None for anything else."""
    prefix = PDF_BASE_URL.rstrip("/") + settings.STATIC_URL
    if not url.startswith(prefix):
        return None
    name = url[len(prefix) :].split("?", 1)[0].split("#", 1)[0]
    if not name or "\\" in name or "%" in name or name.startswith("/"):
        return None
    if posixpath.normpath(name) != name or ".." in name.split("/"):
        return None
    if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
        return None
    found = finders.find(name)
    if isinstance(found, str) and Path(found).is_file():
        return Path(found)
    # In production `{% static %}` names the collected, hashed copy ("print.3f2a9c1b.css",
    # ManifestStaticFilesStorage), which only STATIC_ROOT holds; the finders know the source.
    if settings.STATIC_ROOT:
        collected = Path(settings.STATIC_ROOT) / name
        if collected.is_file():
            return collected
    return None


def make_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves only our own static files."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OwnStaticFilesOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            path = static_file_for(url)
            if path is None:
                raise RefusedURLError("Only Krachtbron's own static files may be used in a PDF.")
            media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": media})

    return OwnStaticFilesOnly()


def render_pdf(html: str, fetcher: Any = None, *, tagged: bool = True) -> bytes:
    """The PDF of ``html``, tagged unless ``tagged`` is False: WeasyPrint's PDF/UA-1 variant,
    with the structure tree (headings, lists, tables), the document language from
    ``<html lang>`` (``/Lang``) and the title from ``<title>``, so screen readers can read it
    (issue 17 item 6; ``lib/tests/test_pdf_languages.py`` checks it in every family language).

    Characters no text may hold (``lib.text``: control characters, noncharacters) are left out
    first: old data may still hold one, and WeasyPrint would draw it as an empty box."""
    from weasyprint import HTML

    html = without_forbidden(html)
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher or make_fetcher())
    with _without_cycle_collection():
        pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1") if tagged else document.write_pdf()
    return pdf


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while WeasyPrint renders, and resumed (if it ran) after.

    A render makes hundreds of thousands of small objects (boxes, styles, text layouts) that
    live until the PDF is written; the collector would walk them again and again for nothing
    (about 15% of an 11-page plan's time, issue 18). Memory is not lost: reference counting
    frees as usual, and the collector takes the few cycles on its next run."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
