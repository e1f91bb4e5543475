"""The example of issue 12: a mean of 2.35 showed as 2,3 in the chart, 2,4 in the table and 2.35
in the CSV. Chart, table and CSV now round the one way (lib/numbers.py) on the dashboard and in
the team mirror."""

import csv
import io
import re

import pytest
from django.urls import reverse

from krachtbron.reflection.tests.factories import closed_quarter_moment, family_response
from krachtbron.testing.tasks import publish_closed_periods

pytestmark = pytest.mark.django_db


@pytest.fixture
def social_235(org):
    """20 families of Alice's team: 14 answer the social items 2 and 3 (section mean 2.5), 6
    answer 2 and 2 (2.0): the section's mean is 47/20 = 2.35."""
    when = closed_quarter_moment()
    for _ in range(14):
        family_response(org.team, {"g05": 2, "g06": 3}, completed_at=when)
    for _ in range(6):
        family_response(org.team, {"g05": 2, "g06": 2}, completed_at=when)


def _chart_value(svg: str, label: str) -> str:
    """The value written at the end of the bar labelled ``label`` in an hbar chart."""
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    index = next(i for i, t in enumerate(texts) if label in t)
    return texts[index + 1]


def test_the_dashboard_chart_table_and_csv_agree(org, as_user, social_235):
    client = as_user(org.teamleider)
    publish_closed_periods()
    page = client.get(reverse("insight:dashboard")).content.decode()
    chart = page[page.index('class="chart chart--hbar"') :]
    chart = chart[: chart.index("</svg>")]
    assert _chart_value(chart, "Sociale dimensie") == "2,4"
    row = re.search(r"Sociale dimensie</th>.*?</tr>", page, re.S)
    assert row and '<td class="num">2,4</td>' in row.group(0)
    body = client.get(reverse("insight:dashboard_csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    social = next(r for r in rows if r[3] == "sociaal" and r[0] == "gemiddelde per onderdeel")
    assert social[6] == "2,4"


def test_the_mirror_chart_table_and_csv_agree(org, as_user, social_235):
    client = as_user(org.teamleider)
    publish_closed_periods()
    page = client.get(reverse("insight:mirror")).content.decode()
    assert _chart_value(page, "Gezinnen over het team") == "2,4"
    assert '<td class="num">2,4</td><td class="num">20</td>' in page  # mean first (phone)
    body = client.get(reverse("insight:mirror_csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    families = next(r for r in rows if r[3] == "Gezinnen over het team" and r[2].startswith("Soc"))
    assert families[4:] == ["20", "2,4"]
    # The page's heading and each CSV row name the same team and period.
    assert f"{org.team.name}</bdi> · alle kwartalen" in page
    assert families[:2] == [org.team.name, "alle kwartalen"]
