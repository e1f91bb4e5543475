"""The demo shows every signal of "Aandacht nodig" at adviseur1, and teamleider1 sees counts
(issue 16, "Done when": the caseload shows the overdue, new and dropped families)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.families.attention import all_signals, signals_by_family
from krachtbron.families.models import Family

# What the demo shows: once, on SQLite (conftest.py, `render`); the demo loads on PostgreSQL
# in strengths/tests/test_demo_data.py.
pytestmark = [pytest.mark.render, pytest.mark.django_db]


def test_the_demo_shows_every_signal_and_the_team_counts(settings, as_user):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    adviser = User.objects.get(username="adviseur1")
    mine = Family.objects.filter(assignments__adviser=adviser).values("pk")
    found = signals_by_family(mine, timezone.now(), adviser.pk)
    shown = {signal.key for signals in found.values() for signal in signals}
    # Every signal but "afsluitmeting ontbreekt": the demo closes no file of adviseur1.
    assert shown == {signal.key for signal in all_signals()} - {"afsluiting"}
    page = as_user(adviser).get(reverse("families:caseload") + "?aandacht=minder")
    assert "score gedaald" in page.content.decode()
    leader = User.objects.get(username="teamleider1")
    rows = dict(as_user(leader).get(reverse("families:team")).context["attention_rows"])
    assert rows[adviser] is not None and sum(rows[adviser]) > 0
