"""Bidi isolation (lib/bidi.py): the one API, and that the PDF renderer honours it."""

import subprocess

from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from krachtbron.lib.bidi import FSI, PDI, balanced, isolate, isolate_if_needed
from krachtbron.lib.pdf import render_pdf
from krachtbron.testing.bidi import html_problems, text_problems

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_isolate_wraps_balances_and_cleans():
    assert isolate("Team Oost") == f"{FSI}Team Oost{PDI}"
    assert isolate("") == "" and isolate(None) == ""
    # An isolate left open is closed inside; a stray PDI is dropped (it would end ours early).
    assert isolate("abc\u2067def") == f"{FSI}abc\u2067def{PDI}{PDI}"
    assert isolate("abc\u2069def") == f"{FSI}abcdef{PDI}"
    assert isolate("oma\ufffe") == f"{FSI}oma{PDI}"
    assert isolate_if_needed("مريم") == "مريم" and isolate_if_needed("a\u202eb").startswith(FSI)


@given(st.text(alphabet=st.sampled_from(list("ab ") + list(BIDI)), max_size=30))
def test_an_isolated_text_never_leaks(text):
    shown = isolate(text)
    assert not text_problems(shown)
    assert balanced(balanced(text)) == balanced(text)


def test_the_template_filter_is_built_in_and_escapes():
    html = Template("<title>{{ name|isolate }}</title>").render(
        Context({"name": "<b>abc\u202edef</b>"})
    )
    assert html == f"<title>{FSI}&lt;b&gt;abc\u202edef&lt;/b&gt;{PDI}</title>"
    assert not html_problems(html)


def test_the_checker_finds_what_is_not_isolated():
    assert html_problems("<p>Team abc\u202edef heeft</p>")
    assert html_problems("<select><option>abc\u202edef</option></select>")
    assert html_problems('<a title="abc\u202edef">x</a>')
    assert html_problems(f"<title>{FSI}abc\u2067def{PDI}</title>")  # the RLI swallows our PDI
    assert not html_problems("<p>Team <bdi>abc\u202edef</bdi> heeft</p>")
    assert not html_problems(f"<select><option>{FSI}abc\u202edef{PDI}</option></select>")
    assert not html_problems('<textarea>abc\u202edef</textarea><input value="abc\u202edef">')


def _pdf_line(body: str) -> str:
    pdf = render_pdf(f"<html><body><p>{body}</p></body></html>")
    done = subprocess.run(  # noqa: S603 - poppler from PATH, as the other PDF tests
        ["pdftotext", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode().strip().translate(dict.fromkeys(map(ord, BIDI)))


def test_the_pdf_renderer_honours_bdi_and_the_isolates():
    # Not isolated, the override turns the rest of the line around (what issue 12 saw).
    assert _pdf_line("Team abc\u202edef heeft 12 leden") != "Team abcfed heeft 12 leden"
    assert _pdf_line("Team <bdi>abc\u202edef</bdi> heeft 12 leden") == "Team abcfed heeft 12 leden"
    assert _pdf_line(f"Team {isolate('abc' + chr(0x202E) + 'def')} heeft 12 leden") == (
        "Team abcfed heeft 12 leden"
    )
