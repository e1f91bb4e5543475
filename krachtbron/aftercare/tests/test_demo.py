"""The demo shows a closed family with follow-up (a check-in open today), a request for
contact over time, and the follow-up's figures of a closed quarter for Team Noord (at least
5 families)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from krachtbron.accounts.models import User
from krachtbron.aftercare.models import Closure
from krachtbron.insight.tests.attacks import page_text
from krachtbron.testing.personas import login
from krachtbron.testing.tasks import publish_closed_periods

# What the demo shows: once, on SQLite (conftest.py, `render`); the demo loads on PostgreSQL
# in strengths/tests/test_demo_data.py.
pytestmark = pytest.mark.render


@pytest.mark.django_db
def test_the_demo_shows_closing_follow_up_requests_and_figures(settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    publish_closed_periods()
    closure = Closure.objects.get(family__display_name="Gezin Nazorg")
    assert closure.followup_consent
    adviser = login(Client(), User.objects.get(username="adviseur1"))
    walk = adviser.get(reverse("aftercare:close", args=[closure.family_id])).content.decode()
    assert walk.count("Ingevuld op") == 1 and walk.count("Maak een link") == 1
    asking = Closure.objects.get(family__display_name="Gezin Terugbel")
    requests = adviser.get(reverse("aftercare:requests")).content.decode()
    assert asking.family.reference in requests and "over tijd" in requests
    assert "Gezin Terugbel" not in requests  # dossier numbers only on the team page
    leader = login(Client(), User.objects.get(username="teamleider1"))
    figures = page_text(leader.get(reverse("insight:outcomes")).content.decode())
    assert "Team Noord" in figures
    assert "%" in figures  # a share of at least 5 families is shown
