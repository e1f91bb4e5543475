"""The demo shows group figures as soon as it is loaded, also when it is served without the
task worker (a bare `runserver`, as found trying issue 18): load_demo publishes the closed
periods itself."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from krachtbron.accounts.models import User
from krachtbron.insight.models import PublishedCell, PublishedPeriod
from krachtbron.testing.personas import login


@pytest.mark.django_db
def test_load_demo_publishes_the_closed_periods_without_a_worker(settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    instruments = set(PublishedPeriod.objects.values_list("instrument_id", flat=True))
    assert len(instruments) >= 3, instruments  # family, professionals, organisation, follow-up
    assert PublishedCell.objects.exists()
    leader = login(Client(), User.objects.get(username="teamleider1"))
    page = leader.get(reverse("insight:report")).content.decode()
    assert "respondenten" in page and page.count("te weinig respondenten") < page.count(
        "respondenten"
    )
