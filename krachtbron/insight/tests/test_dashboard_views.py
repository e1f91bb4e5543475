"""The dashboards: scope per role, filters that never narrow below 5, CSV of what is on screen."""

import csv
import io

import pytest
from django.urls import reverse

from krachtbron.instruments.ids import FAMILIES
from krachtbron.reflection.tests.factories import closed_quarter_moment, family_response
from krachtbron.testing.factories import TeamFactory
from krachtbron.testing.tasks import publish_closed_periods

pytestmark = pytest.mark.django_db


def _rows(body: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))


@pytest.fixture
def figures(org):
    when = closed_quarter_moment()
    for _ in range(6):
        family_response(org.team, {"g01": 4, "g05": 3}, completed_at=when)
    for _ in range(5):
        family_response(org.other_team, {"g01": 0, "g05": 1}, completed_at=when)
    publish_closed_periods()


def test_the_teamleider_sees_only_their_own_team(org, as_user, figures):
    client = as_user(org.teamleider)
    page = client.get(reverse("insight:dashboard")).content.decode()
    assert "n = 6 respondenten" in page
    assert org.other_team.name not in page
    # Asking for another team changes nothing: the teamleider's scope is their team.
    other = client.get(reverse("insight:dashboard"), {"team": org.other_team.pk}).content.decode()
    assert "n = 6 respondenten" in other and "n = 11" not in other


def test_the_beheerder_sees_all_teams_side_by_side(org, as_user, figures):
    page = as_user(org.beheerder).get(reverse("insight:dashboard")).content.decode()
    assert "n = 11 respondenten" in page
    assert "Teams naast elkaar" in page
    assert org.team.name in page and org.other_team.name in page


def test_a_wrong_filter_value_gets_a_dutch_message(org, as_user, figures):
    page = (
        as_user(org.beheerder)
        .get(
            reverse("insight:dashboard"),
            {"instrument": "bestaat-niet", "quarter": "2025-9", "team": "999999"},
        )
        .content.decode()
    )
    assert "Deze vragenlijst bestaat niet" in page
    assert "Kies een kwartaal uit de lijst" in page
    assert "Dit team kun je niet kiezen" in page


def test_the_csv_holds_exactly_the_figures_on_screen(org, as_user, figures):
    client = as_user(org.beheerder)
    rows = _rows(client.get(reverse("insight:dashboard_csv")).content.decode())
    assert rows[0][:7] == [
        "blok",
        "team",
        "kwartaal",
        "onderdeel of vraag",
        "tekst",
        "n",
        "gemiddelde",
    ]
    respondents = next(r for r in rows if r[0] == "respondenten")
    assert respondents[5] == "11"
    g01 = next(r for r in rows if r[0] == "verdeling per vraag" and r[3] == "g01")
    # The mean 24/11 = 2.18…, rounded as on screen: one decimal, half up, a decimal comma.
    assert g01[5:] == ["11", "2,2", "5", "0", "0", "0", "6"]
    per_team = {r[1]: r for r in rows if r[0] == "per team" and r[3] == "sociaal"}
    assert per_team[org.team.name][5:7] == ["6", "3,0"]
    assert per_team[org.other_team.name][5:7] == ["5", "1,0"]
    page = client.get(reverse("insight:dashboard")).content.decode()
    assert "2,2" in page  # the same mean on screen


def test_a_filter_that_narrows_a_team_below_five_shows_nothing(org, as_user):
    small = TeamFactory()
    for _ in range(4):
        family_response(small, {"g01": 4}, completed_at=closed_quarter_moment())
    client = as_user(org.beheerder)
    publish_closed_periods()
    page = client.get(reverse("insight:dashboard"), {"team": small.pk}).content.decode()
    assert "Te weinig respondenten" in page and "n = 4" not in page
    rows = _rows(client.get(reverse("insight:dashboard_csv"), {"team": small.pk}).content.decode())
    assert all(r[5] in ("", "te weinig respondenten") for r in rows[1:])


def test_the_mirror_puts_three_voices_side_by_side(org, as_user, figures):
    page = as_user(org.teamleider).get(reverse("insight:mirror")).content.decode()
    assert "Gezinnen over het team" in page
    assert "Professionals over zichzelf" in page
    assert "Professionals over de organisatie" in page
    assert FAMILIES not in page
