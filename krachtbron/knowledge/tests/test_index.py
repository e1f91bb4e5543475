"""The kennisbank start page, its dimension filter and the main menu item."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_index_lists_every_group_and_the_five_cards(org, as_user):
    html = as_user(org.adviser).get(reverse("knowledge:index")).content.decode()
    for title in ("Wat is eigen kracht?", "Werken met gezinnen", "Methoden en instrumenten"):
        assert title in html
    assert html.count("/kennisbank/waaier/waaier-") >= 5
    assert reverse("knowledge:plans") in html


def test_the_dimension_filter_shows_only_pages_of_that_dimension(org, as_user):
    html = (
        as_user(org.adviser)
        .get(reverse("knowledge:index"), {"dimensie": "social"})
        .content.decode()
    )
    assert "/kennisbank/werken-met-netwerk/" in html
    assert "/kennisbank/praktijk-competentioneel/" not in html


def test_an_unknown_filter_value_shows_everything(org, as_user):
    html = (
        as_user(org.adviser).get(reverse("knowledge:index"), {"dimensie": "<x>"}).content.decode()
    )
    assert "/kennisbank/praktijk-competentioneel/" in html
    assert "<x>" not in html


@pytest.mark.parametrize("persona", ["adviser", "teamleider", "beheerder", "onderzoeker"])
def test_every_staff_role_has_the_kennisbank_in_the_menu(org, as_user, persona):
    user = {
        "adviser": org.adviser,
        "teamleider": org.teamleider,
        "beheerder": org.beheerder,
        "onderzoeker": org.onderzoeker,
    }[persona]
    html = as_user(user).get(reverse("knowledge:index")).content.decode()
    assert f'<a href="{reverse("knowledge:index")}" aria-current="page">Kennisbank</a>' in html
    assert (reverse("knowledge:plans") + '"' in html) == (persona in ("adviser", "teamleider"))


def test_an_unknown_page_or_card_is_a_404(org, as_user):
    client = as_user(org.adviser)
    assert client.get(reverse("knowledge:page", args=["bestaat-niet"])).status_code == 404
    assert client.get(reverse("knowledge:card", args=["eigen-kracht"])).status_code == 404


def test_the_researcher_sees_no_planner_buttons(org, as_user):
    html = (
        as_user(org.onderzoeker)
        .get(reverse("knowledge:card", args=["waaier-regie"]))
        .content.decode()
    )
    assert reverse("knowledge:plan_create") not in html
