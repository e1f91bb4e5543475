"""Differencing attacks against every page and CSV that shows group figures.

1. Read everything, add one answer (a family questionnaire, a reflection that counts for the
   team, an answer to an open round, a late answer to a closed round), read again: nothing may
   change, except the response rate of a round (it says that someone answered, not what).
   `make test` reads every page and CSV with every filter, and the team report's PDF twice (a
   teamleider's, a beheerder's; about 0.4 s a PDF): the PDF holds the figures of the report page
   it prints, which is read with every filter. `make test-long` reads the PDF with every filter
   too (CONTRIBUTING.md, "What runs where").
2. A total minus the named groups (teams, quarters) must be 0 or at least the minimum, per
   item and per section: otherwise the difference is a small group's figure.

The world has teams of every kind: two teams above the minimum, two small teams that together
reach it (the pool 'overige teams'), items that some respondents skipped, a closed round and an
open one, and research projects over closed and open months.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.insight.tests.attacks import MARKER, csv_rows, page_text
from krachtbron.instruments.ids import FAMILIES, ORGANISATION, PROFESSIONALS
from krachtbron.lib.quarters import current_quarter, previous_quarter, quarter_start
from krachtbron.reflection.models import RoundScope
from krachtbron.reflection.tests.factories import (
    RoundFactory,
    family_response,
    open_round,
    organisation_answers,
    reflection,
    staff,
)
from krachtbron.research import actions as research_actions
from krachtbron.testing.factories import TeamFactory
from krachtbron.testing.personas import login
from krachtbron.testing.tasks import publish_closed_periods

pytestmark = pytest.mark.django_db
INSTRUMENTS = (FAMILIES, PROFESSIONALS, ORGANISATION)
MINIMUM = settings.MIN_GROUP_SIZE


def _answers(k: int, prefix: str, count: int) -> dict[str, int | None]:
    """Varied answers; every third respondent skips the second half of the items."""
    return {
        f"{prefix}{i:02d}": None if (k % 3 == 0 and i > count // 2) else (k + i) % 5
        for i in range(1, count + 1)
    }


@pytest.fixture
def world(org):
    last = previous_quarter(current_quarter())
    when = quarter_start(last) + timedelta(days=15, hours=11)
    klein, mini = TeamFactory(name="Team Klein"), TeamFactory(name="Team Mini")
    sizes = {org.team: 6, org.other_team: 5, klein: 3, mini: 2}
    for team, size in sizes.items():
        for k in range(size):
            family_response(team, _answers(k, "g", 13), completed_at=when)
    people = {
        org.team: [org.adviser, org.colleague, org.teamleider, *staff(org.team, 4)],
        org.other_team: [org.other_adviser, *staff(org.other_team, 4)],
        klein: staff(klein, 2),
        mini: staff(mini, 3),
    }
    for team_people in people.values():
        for k, person in enumerate(team_people[:6]):
            reflection(person, _answers(k, "p", 8), when=when)
    closed = RoundFactory(
        opened_by=org.beheerder,
        teams=list(people),
        scope=RoundScope.ORGANISATION,
        starts_on=timezone.localdate() - timedelta(days=2),
        answers=[
            ([person], _answers(k, "o", 6))
            for team_people in people.values()
            for k, person in enumerate(team_people[:6])
        ],
        closed=True,
    )
    running = open_round(org.beheerder, list(people), scope=RoundScope.ORGANISATION)
    for k, person in enumerate(people[org.team][:5]):
        organisation_answers(running, [person], _answers(k, "o", 6))
    start = quarter_start(last).date()
    closed_project = research_actions.create_project(
        org.onderzoeker,
        title="Afgesloten maanden",
        purpose="Doel",
        instrument_id=FAMILIES,
        first_month=start,
        last_month=date(start.year, start.month + 2, 1),
    )
    today = timezone.localdate()
    running_project = research_actions.create_project(
        org.onderzoeker,
        title="Tot en met deze maand",
        purpose="Doel",
        instrument_id=FAMILIES,
        first_month=start,
        last_month=today.replace(day=1),
    )
    publish_closed_periods()  # the background task, as after the quarter's end
    return {
        "org": org,
        "teams": list(sizes),
        "people": people,
        "closed": closed,
        "running": running,
        "last": last,
        "projects": (closed_project, running_project),
    }


def _client(user) -> Client:
    return login(Client(), user)


def _reads(world, every_pdf: bool = True) -> list[tuple[Any, str, str, dict[str, str]]]:
    """(user, method, url, params) of every page and CSV with group figures; with
    ``every_pdf=False`` the report's PDF only as the teamleider and a beheerder see the team
    that gets the new answers, each its newest quarter with figures (the report page itself is
    still read with every filter)."""
    org = world["org"]
    last, now = str(world["last"]), str(current_quarter())
    reads: list[tuple[Any, str, str, dict[str, str]]] = []
    for round_ in (world["closed"], world["running"]):
        url = reverse("reflection:round_detail", args=[round_.pk])
        reads += [(org.teamleider, "get", url, {}), (org.beheerder, "get", url, {})]
    filters = [{}, {"quarter": last}, {"quarter": now}]
    admin_filters = filters + [{"team": str(t.pk)} for t in world["teams"]]
    admin_filters += [{"team": str(org.team.pk), "quarter": last}]
    for instrument_id in INSTRUMENTS:
        for name in ("insight:dashboard", "insight:dashboard_csv"):
            for params in filters:
                reads.append(
                    (org.teamleider, "get", reverse(name), {"instrument": instrument_id, **params})
                )
            for params in admin_filters:
                reads.append(
                    (org.beheerder, "get", reverse(name), {"instrument": instrument_id, **params})
                )
    for name in ("insight:mirror", "insight:mirror_csv"):
        for params in filters:
            reads.append((org.teamleider, "get", reverse(name), params))
        for params in admin_filters:
            reads.append((org.beheerder, "get", reverse(name), params))
    team_url = reverse("insight:team")
    for params in ({}, {"kwartaal": last}, {"kwartaal": now}):
        reads.append((org.teamleider, "get", team_url, params))
    # The team report and its PDF (the PDF compared by its text).
    for name in ("insight:report", "insight:report_pdf"):
        if name == "insight:report_pdf" and not every_pdf:
            reads.append((org.teamleider, "get", reverse(name), {}))
            reads.append((org.beheerder, "get", reverse(name), {"team": str(org.team.pk)}))
            continue
        for params in ({}, {"quarter": last}, {"quarter": now}):
            reads.append((org.teamleider, "get", reverse(name), params))
        for team in world["teams"]:
            reads.append((org.beheerder, "get", reverse(name), {"team": str(team.pk)}))
    for project in world["projects"]:
        url = reverse("research:project_export", args=[project.pk, "csv"])
        reads.append((org.onderzoeker, "post", url, {}))
    return reads


def _pdf_text(content: bytes) -> str:
    """A PDF's text (its bytes hold a creation time, so they differ between two reads)."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _read_all(world, every_pdf: bool) -> dict[str, str]:
    clients: dict[int, Client] = {}
    result = {}
    for user, method, url, params in _reads(world, every_pdf):
        client = clients.get(user.pk) or clients.setdefault(user.pk, _client(user))
        response = getattr(client, method)(url, params)
        if response.get("Content-Type") == "application/pdf":
            body = _pdf_text(response.content)
        else:
            body = response.content.decode()
        key = f"{user.username} {method} {url} {sorted(params.items())}"
        result[key] = f"{response.status_code} {page_text(body) if '<main' in body else body}"
    return result


def _assert_unchanged(before: dict[str, str], after: dict[str, str], what: str) -> None:
    changed = [key for key in before if before[key] != after[key]]
    assert changed == [], f"{what} changed: {changed}"


@pytest.mark.parametrize(
    "every_pdf",
    [
        pytest.param(False, id="the_report_pdf_twice"),
        pytest.param(True, id="the_report_pdf_with_every_filter", marks=pytest.mark.long),
    ],
)
def test_one_more_answer_of_any_kind_changes_no_figure(world, every_pdf):
    org = world["org"]
    before = _read_all(world, every_pdf)
    # Not vacuous: every instrument shows figures of the closed period.
    for instrument_id in INSTRUMENTS:
        key = next(
            k
            for k in before
            if k.startswith("bea get /dashboard/csv/") and f"'{instrument_id}')]" in k
        )
        respondents = next(r for r in csv_rows(before[key][4:]) if r and r[0] == "respondenten")
        assert respondents[5].isdigit() and int(respondents[5]) >= MINIMUM, instrument_id

    family_response(org.team, _answers(1, "g", 13))
    _assert_unchanged(before, _read_all(world, every_pdf), "a family questionnaire")
    reflection(org.adviser, _answers(2, "p", 8))
    _assert_unchanged(before, _read_all(world, every_pdf), "a reflection that counts for the team")
    late = world["people"][org.team][5]
    organisation_answers(world["running"], [late], _answers(0, "o", 6))
    _assert_unchanged(before, _read_all(world, every_pdf), "an answer to an open round")
    response = _client(world["people"][org.team][6]).post(
        reverse("reflection:round_answer", args=[world["closed"].pk]), {"item_o01": "0"}
    )
    assert response.status_code in (200, 302)
    _assert_unchanged(before, _read_all(world, every_pdf), "a late answer to a closed round")


def _csv(client: Client, **params: str) -> list[list[str]]:
    return csv_rows(client.get(reverse("insight:dashboard_csv"), params).content.decode())


def _n(value: str) -> int:
    return 0 if value in ("", MARKER) else int(value)


def _figures(rows: list[list[str]]) -> dict[tuple[str, str], int]:
    """(block, item or section) -> n, for the total rows of a dashboard CSV."""
    result = {}
    for row in rows[1:]:
        block, _team, _period, key = row[:4]
        if block in ("respondenten", "gemiddelde per onderdeel", "verdeling per vraag"):
            result[(block, key)] = _n(row[5])
    return result


def _small_difference(total: int, parts: int) -> bool:
    return 0 < total - parts < MINIMUM


def test_a_total_minus_the_named_groups_is_never_a_small_group(world):
    org = world["org"]
    admin = _client(org.beheerder)
    for instrument_id in INSTRUMENTS:
        for quarter in ("", str(world["last"])):
            base = {"instrument": instrument_id, "quarter": quarter}
            total_rows = _csv(admin, **base)
            total = _figures(total_rows)
            named = dict.fromkeys(total, 0)
            for team in world["teams"]:
                for key, n in _figures(_csv(admin, **base, team=str(team.pk))).items():
                    named[key] += n
            small = {
                k: (total[k], named[k]) for k in total if _small_difference(total[k], named[k])
            }
            assert small == {}, (instrument_id, quarter)
            # The teams side by side (with the pool) add up to the total per section.
            per_team: dict[str, int] = {}
            per_quarter: dict[str, int] = {}
            for row in total_rows[1:]:
                if row[0] == "per team":
                    per_team[row[3]] = per_team.get(row[3], 0) + _n(row[5])
                if row[0] == "per kwartaal":
                    per_quarter[row[3]] = per_quarter.get(row[3], 0) + _n(row[5])
            for section, n in per_team.items():
                assert not _small_difference(total[("gemiddelde per onderdeel", section)], n)
            if not quarter:
                for section, n in per_quarter.items():
                    assert not _small_difference(total[("gemiddelde per onderdeel", section)], n)
    # The research export: 'overig' holds at least the minimum of families, or is absent.
    closed_project, _running = world["projects"]
    body = (
        _client(org.onderzoeker)
        .post(reverse("research:project_export", args=[closed_project.pk, "csv"]))
        .content.decode()
    )
    rows = list(csv.DictReader(io.StringIO(body), delimiter=";"))
    assert rows, "the export of closed months has rows"
    pooled = {r["gezin"] for r in rows if r["team"] == "overig"}
    assert not pooled or len(pooled) >= MINIMUM
    named_teams = {r["team"] for r in rows} - {"overig"}
    for team in named_teams:
        assert len({r["gezin"] for r in rows if r["team"] == team}) >= MINIMUM
