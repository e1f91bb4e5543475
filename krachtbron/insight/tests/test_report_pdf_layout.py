"""The team report's PDF reads as one document: a chart's labels are about the size of the
text around them. The bar charts were stretched to 150 mm, which drew 'Sociale dimensie' at
about 18 pt beside 10.5 pt text and 13.6 pt section headings (found trying issue 18 on the
demo)."""

import io
import math

import pytest
from django.urls import reverse
from pypdf import PdfReader

from krachtbron.lib.quarters import quarter_of
from krachtbron.reflection.tests.factories import closed_quarter_moment, family_response
from krachtbron.testing.tasks import publish_closed_periods

BODY_PT = 10.5  # .report-pdf font-size in insight/static/insight/report.css


def _sizes(content: bytes) -> dict[str, float]:
    """The largest drawn size (pt) of each text run in the PDF: the font size scaled by the
    text and graphics matrices."""
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, _font, size):
        c = tm[2] * cm[0] + tm[3] * cm[2]
        d = tm[2] * cm[1] + tm[3] * cm[3]
        key = text.strip()
        if key:
            sizes[key] = max(sizes.get(key, 0.0), size * math.hypot(c, d))

    for page in PdfReader(io.BytesIO(content)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.django_db
def test_the_chart_labels_are_the_size_of_the_text_beside_them(org, as_user):
    when = closed_quarter_moment()
    for k in range(5):
        family_response(
            org.team, {f"g{n:02d}": (n + k) % 5 for n in range(1, 14)}, completed_at=when
        )
    publish_closed_periods()
    response = as_user(org.teamleider).get(
        reverse("insight:report_pdf"), {"quarter": quarter_of(when)}
    )
    assert response.status_code == 200
    sizes = _sizes(response.content)
    # The chart's labels are HTML text beside a bar without text (lib.charts.hbar_print), so
    # every run of a label, in the chart or in the table, is drawn at about the body size.
    labels = [text for text in sizes if text.startswith("Situatie volgens")]
    assert labels
    for label in labels:
        assert BODY_PT * 0.75 <= sizes[label] <= BODY_PT * 1.1, (label, sizes[label])
