"""The team report's bar chart reads right in the PDF in every script (docs/talen.md).

WeasyPrint draws SVG ``<text>`` glyph by glyph (no shaping, no bidi), so an Arabic section or
team label in the chart came out reversed and in loose letters. The PDF's chart now has its
labels and values as HTML text (``lib.charts.hbar_print``); poppler reads them back in order.
"""

import unicodedata

import pytest
from django.utils import translation

from krachtbron.accounts.models import Team
from krachtbron.insight.cells import Figures, SectionFigure
from krachtbron.insight.report import InstrumentPart, TeamReport, _section_chart, report_pdf
from krachtbron.testing.pdf import pdf_text

ARABIC = "التواصل مع العائلة"  # a section label typed in Arabic
TIGRINYA = "ምትሕብባር ምስ ስድራ"
BIDI_MARKS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def _bare(text: str) -> str:
    """Letters only: direction marks and spaces dropped, joined (presentation) forms folded."""
    folded = unicodedata.normalize("NFKC", text.translate(BIDI_MARKS))
    decomposed = unicodedata.normalize("NFD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isspace())


def _report() -> TeamReport:
    sections = [
        SectionFigure("a", ARABIC, None, 7, 3.25),
        SectionFigure("b", TIGRINYA, None, 7, 1.5),
        SectionFigure("c", "Samenwerking", None, 7, 2.0),
    ]
    part = InstrumentPart("x", "Gezinnen over het team", "X", Figures(False, 7, None, [], sections))
    part.chart = _section_chart(part)
    part.chart_print = _section_chart(part, for_print=True)
    return TeamReport(Team(name="فريق الشمال"), 20263, [part], [], [])


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_arabic_label_in_the_chart_prints_joined_and_in_order(language):
    with translation.override(language):
        pdf = report_pdf(_report())
    raw = pdf_text(pdf)
    text = _bare(raw)
    for label in (ARABIC, TIGRINYA):
        assert text.count(_bare(label)) == 2, (label, raw)  # the chart and the table
        assert _bare(label[::-1]) not in text  # never drawn back to front
    # The values beside the bars are text too, with the language's decimal sign.
    assert ("3,3" if language == "nl" else "3.3") in raw
    assert "Samenwerking" in raw


def test_the_pdf_chart_has_no_svg_text_and_the_page_chart_keeps_its_svg():
    report = _report()
    chart_print = str(report.parts[0].chart_print)
    assert "<text" not in chart_print and chart_print.count('class="chart__label"') == 3
    # Bars keep their length: 3.25 of 4 on a bar of 256 units.
    assert 'width="208.0"' in chart_print
    assert "<text" in str(report.parts[0].chart)  # the browser shapes SVG text itself
