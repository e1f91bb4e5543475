"""Quarters in query strings are read as ASCII digits only (lib/digits.py).

A quarter written with superscript digits ("2025-²") passed ``str.isdigit()`` in
``parse_quarter`` but not ``int()``: a ValueError and a 500, where the dashboard promises that a
wrong value is named and ignored. Found by the tester of issue 12 (finding 1).
"""

import pytest
from django.urls import reverse

from krachtbron.lib.quarters import parse_quarter
from krachtbron.testing.personas import client_for

# str.isdigit() is True for every one of these, int() refuses them.
NOT_A_QUARTER = ["2025-²", "2025²", "²0253", "2025-³", "¹2025", "2025-①"]


@pytest.mark.parametrize("text", NOT_A_QUARTER)
def test_parse_quarter_says_none_for_digits_int_cannot_read(text):
    assert parse_quarter(text) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", ["insight:dashboard", "insight:dashboard_csv", "insight:mirror"]
)
@pytest.mark.parametrize("text", ["2025-²", "¹2025"])
def test_a_quarter_in_superscript_digits_is_named_and_ignored(org, url_name, text):
    client = client_for(org, "teamleider")
    response = client.get(reverse(url_name), {"quarter": text})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["2025-²", "¹2025"])
def test_the_team_figures_page_ignores_such_a_quarter_too(org, text):
    client = client_for(org, "teamleider")
    response = client.get(reverse("insight:team"), {"kwartaal": text})
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_dashboard_names_the_wrong_quarter_in_its_own_words(org):
    client = client_for(org, "teamleider")
    response = client.get(reverse("insight:dashboard"), {"quarter": "2025-²"})
    assert "Kies een kwartaal uit de lijst" in response.content.decode()
