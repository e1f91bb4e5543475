"""A hand-made period in the query string (issue 18, "period pickers offer only periods that
hold data"): a quarter the picker does not offer (open, future, or closed without a figure) is
named in plain Dutch and the page shows all quarters, on the page and in its CSV alike; it never
shows a figure of an open quarter, and a heading never names a quarter whose figures are not
there. A teamleider who asks for another team is told they see their own team."""

import csv
import io

import pytest
from django.urls import reverse

from krachtbron.lib.quarters import current_quarter, next_quarter, previous_quarter, quarter_label
from krachtbron.reflection.tests.factories import closed_quarter_moment, family_response
from krachtbron.testing.tasks import publish_closed_periods

pytestmark = pytest.mark.django_db

NO_FIGURES = "Van dat kwartaal zijn er geen cijfers"


def _rows(body: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))


@pytest.fixture
def figures(org):
    """Six answers in the last closed quarter (published), six in the open one (not)."""
    for _ in range(6):
        family_response(org.team, {"g01": 4, "g05": 3}, completed_at=closed_quarter_moment())
        family_response(org.team, {"g01": 0, "g05": 0})
    publish_closed_periods()


def _not_offered() -> list[str]:
    """The open quarter, a future one and a closed one without answers, as a user types them."""
    open_ = current_quarter()
    empty = previous_quarter(previous_quarter(open_))
    return [f"{q // 10}-{q % 10}" for q in (open_, next_quarter(open_), empty)]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_the_dashboard_names_a_quarter_without_figures_and_shows_all(org, as_user, figures, index):
    asked = _not_offered()[index]
    page = as_user(org.teamleider).get(reverse("insight:dashboard"), {"quarter": asked})
    assert page.status_code == 200
    body = page.content.decode()
    assert NO_FIGURES in body
    assert page.context["board"].quarter is None
    # The closed quarter's six, never the open quarter's answers (that would be twelve).
    assert "n = 6 respondenten" in body and "n = 12" not in body


@pytest.mark.parametrize("index", [0, 1, 2])
def test_the_mirror_names_a_quarter_without_figures_and_shows_all(org, as_user, figures, index):
    asked = _not_offered()[index]
    page = as_user(org.teamleider).get(reverse("insight:mirror"), {"quarter": asked})
    assert page.status_code == 200
    assert NO_FIGURES in page.content.decode()
    assert page.context["quarter_label"] == "alle kwartalen"
    assert page.context["selection"].quarter is None


def test_the_csvs_match_the_page_for_such_a_quarter(org, as_user, figures):
    client = as_user(org.teamleider)
    asked = _not_offered()[0]
    rows = _rows(client.get(reverse("insight:dashboard_csv"), {"quarter": asked}).content.decode())
    respondents = next(r for r in rows if r[0] == "respondenten")
    assert respondents[2] == "alle kwartalen" and respondents[5] == "6"
    mirror = _rows(client.get(reverse("insight:mirror_csv"), {"quarter": asked}).content.decode())
    assert {row[1] for row in mirror[1:]} == {"alle kwartalen"}


def test_an_offered_quarter_is_shown_without_a_message(org, as_user, figures):
    closed = previous_quarter(current_quarter())
    page = as_user(org.teamleider).get(
        reverse("insight:dashboard"), {"quarter": f"{closed // 10}-{closed % 10}"}
    )
    body = page.content.decode()
    assert NO_FIGURES not in body
    assert page.context["board"].quarter == closed and quarter_label(closed) in body


@pytest.mark.parametrize("url_name", ["insight:dashboard", "insight:mirror", "insight:report"])
def test_a_teamleider_asking_for_another_team_is_told_they_see_their_own(org, as_user, url_name):
    page = as_user(org.teamleider).get(reverse(url_name), {"team": org.other_team.pk})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Dit team kun je niet kiezen; je ziet nu je eigen team." in body
    assert org.other_team.name not in body
    # Their own team's number is no mistake.
    own = as_user(org.teamleider).get(reverse(url_name), {"team": org.team.pk})
    assert "Dit team kun je niet kiezen" not in own.content.decode()
