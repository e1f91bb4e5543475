"""The PDF renderer fetches only Krachtbron's own static files (SECURITY.md 12)."""

import pytest

from krachtbron.lib.pdf import PDF_BASE_URL, RefusedURLError, make_fetcher, render_pdf

OWN_CSS = PDF_BASE_URL + "static/strengths/plan.css"
REFUSED = [
    "file:///etc/passwd",
    "file:///work/main/krachtbron/settings.py",
    "http://127.0.0.1:8000/",
    "https://example.org/style.css",
    "data:text/css,body{color:red}",
    PDF_BASE_URL + "static/../krachtbron/settings.py",
    PDF_BASE_URL + "static/strengths/../../settings.py",
    PDF_BASE_URL + "static/%2e%2e/settings.py",
    PDF_BASE_URL + "static//etc/passwd",
    PDF_BASE_URL + "static/strengths/missing.css",
    PDF_BASE_URL + "gezinnen/1/",  # our own pages are not static files
    PDF_BASE_URL + "static/strengths/strengths.css.py",
]


def test_it_serves_our_own_stylesheet():
    response = make_fetcher().fetch(OWN_CSS)
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_it_serves_the_collected_hashed_copy_production_names(settings, tmp_path):
    """Production's `{% static %}` gives the manifest's hashed name, found only in STATIC_ROOT
    (a PDF there would otherwise lose its stylesheet); other names there stay refused."""
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "questionnaires").mkdir()
    (tmp_path / "questionnaires" / "print.0123abcd4567.css").write_text("@page { size: A4 }")
    (tmp_path / "staticfiles.json").write_text("{}")
    hashed = PDF_BASE_URL + "static/questionnaires/print.0123abcd4567.css"
    assert b"@page" in make_fetcher().fetch(hashed).read()
    for url in [
        PDF_BASE_URL + "static/questionnaires/print.ffffffffffff.css",
        PDF_BASE_URL + "static/staticfiles.json",
        PDF_BASE_URL + "static/questionnaires/../staticfiles.json",
    ]:
        with pytest.raises(RefusedURLError):
            make_fetcher().fetch(url)


@pytest.mark.parametrize("url", REFUSED)
def test_it_refuses_everything_else(url):
    with pytest.raises(RefusedURLError):
        make_fetcher().fetch(url)


class RecordingFetcher:
    """Wraps the real fetcher and notes what WeasyPrint asked for and what it got."""

    def __init__(self):
        self.inner = make_fetcher()
        self.served, self.refused = [], []
        self._fail_on_errors = False

    def __call__(self, url):
        try:
            response = self.inner.fetch(url)
        except RefusedURLError:
            self.refused.append(url)
            raise
        self.served.append(url)
        return response


def test_a_document_that_points_elsewhere_renders_without_fetching_it():
    html = (
        '<link rel="stylesheet" href="/static/strengths/plan.css">'
        '<link rel="stylesheet" href="http://127.0.0.1:9/evil.css">'
        '<img src="file:///etc/passwd"><img src="https://example.org/x.png">'
        "<p>Tekst</p>"
    )
    fetcher = RecordingFetcher()
    pdf = render_pdf(html, fetcher=fetcher)
    assert pdf.startswith(b"%PDF")
    assert fetcher.served == [OWN_CSS]
    assert set(fetcher.refused) == {
        "http://127.0.0.1:9/evil.css",
        "file:///etc/passwd",
        "https://example.org/x.png",
    }


def test_the_cycle_collector_is_back_as_it_was_after_a_render_also_a_failed_one():
    """render_pdf pauses Python's cycle collector while WeasyPrint works (issue 18) and gives
    it back: on after a render, off when the caller had it off, on after an error too."""
    import gc

    from krachtbron.lib.pdf import _without_cycle_collection

    page = '<html lang="nl"><body><p>Een pagina</p></body></html>'
    assert gc.isenabled()
    assert render_pdf(page).startswith(b"%PDF")
    assert gc.isenabled()
    with pytest.raises(ValueError), _without_cycle_collection():
        assert not gc.isenabled()
        raise ValueError("a render that fails")
    assert gc.isenabled()
    gc.disable()
    try:
        render_pdf(page)
        assert not gc.isenabled()
    finally:
        gc.enable()
