"""Every CSV Krachtbron hands out opens safely and correctly in a Dutch spreadsheet.

Issue 12: a team named "=1+1" was written as a formula into the dashboard CSV and the research
CSV, and the research CSV had no byte-order mark (Excel showed "Zuidoost â€“ Bijlmer"). This test
finds every CSV download by walking every route of the URL configuration as every persona that
may see it (plus the research export, which is a POST), with team names that start like a
formula, and checks each file.
"""

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.accounts.models import Team
from krachtbron.testing.matrix import declared_routes
from krachtbron.testing.personas import client_for, login
from krachtbron.testing.planted import rich_org

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(,\d+)?")
DOT_DECIMAL = re.compile(r"-?\d+\.\d+")
HOSTILE_TEAMS = ("=1+1 Zuidoost – Bijlmer", "@SUM(1) Noord", "-2+3 West", "+31 Oost")


def check_csv(body: bytes, where: str) -> list[list[str]]:
    """The rules of lib/csvfile.py, read from the bytes as a spreadsheet reads them."""
    assert body.startswith(b"\xef\xbb\xbf"), f"{where}: no byte-order mark"
    text = body.decode("utf-8")[1:]
    assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), f"{where}: not CRLF"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";", strict=True))
    assert rows and len(rows[0]) > 1, f"{where}: not separated by ;"
    # Columns of figures: a number with a decimal comma, or a word ("te weinig respondenten").
    figures = [i for i, name in enumerate(rows[0]) if name in ("n", "gemiddelde")]
    for row in rows:
        assert len(row) == len(rows[0]), f"{where}: a row of {len(row)} cells: {row}"
        for value in row:
            if value.startswith(FORMULA_STARTS):
                assert NUMBER.fullmatch(value), f"{where}: a formula-like cell {value!r}"
        for index in figures:
            assert not DOT_DECIMAL.fullmatch(row[index]), f"{where}: a decimal point {row}"
    return rows


@pytest.fixture
def hostile(org):
    made = rich_org(org)
    for team, name in zip((org.team, org.other_team), HOSTILE_TEAMS, strict=False):
        Team.objects.filter(pk=team.pk).update(name=name)
    return made


@pytest.mark.django_db
def test_every_csv_download_is_safe_for_a_spreadsheet(org, hostile):
    checked = {}
    for route in declared_routes():
        kwargs = route.kwargs(org) if route.kwargs else {}
        url = reverse(route.url_name, kwargs=kwargs)
        for persona in sorted(route.allowed - {"anonymous"}):
            response = client_for(org, persona).get(url)
            if response.get("Content-Type", "").startswith("text/csv"):
                assert response["Content-Type"] == "text/csv; charset=utf-8"
                checked[f"{route.url_name} as {persona}"] = check_csv(response.content, url)
    # The research dataset is a POST: every export is recorded.
    project = hostile["project"]
    response = login(Client(), org.onderzoeker).post(
        reverse("research:project_export", args=[project.pk, "csv"])
    )
    checked["research:project_export"] = check_csv(response.content, "research dataset")
    found = {name.split(" as ")[0] for name in checked}
    assert {
        "insight:dashboard_csv",
        "insight:mirror_csv",
        "research:project_codebook",
        "research:project_export",
    } <= found
    # The hostile team names are in the files, as text.
    cells = {value for rows in checked.values() for row in rows for value in row}
    assert "'=1+1 Zuidoost – Bijlmer" in cells and "'@SUM(1) Noord" in cells
    research = checked["research:project_export"]
    assert {row[research[0].index("team")] for row in research[1:]} == {
        "'=1+1 Zuidoost – Bijlmer",
        "'@SUM(1) Noord",
    }
    # Dutch decimals: the dashboard's means have a decimal comma.
    dashboard = checked["insight:dashboard_csv as beheerder"]
    assert any(re.fullmatch(r"\d,\d", row[6]) for row in dashboard[1:])


def test_the_codebook_says_how_the_file_is_written():
    from krachtbron.research.export import FILE_FORMAT

    assert "puntkomma" in FILE_FORMAT and "komma (,) als decimaalteken" in FILE_FORMAT
    assert "byte-order mark" in FILE_FORMAT and "read.csv2" in FILE_FORMAT
