"""The demo shows the afspraken: a carer over the limit, a carer without an aanspreekpunt, a
suggestion, and an agreement the family added that the adviser has not seen yet."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from krachtbron.accounts.models import User
from krachtbron.families.models import Family
from krachtbron.networkplan.agreements import family_board
from krachtbron.networkplan.models import Agreement
from krachtbron.portal.demo_data import portal_families, portal_members
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member

# What the demo shows: once, on SQLite (conftest.py, `render`); the demo loads on PostgreSQL
# in strengths/tests/test_demo_data.py.
pytestmark = pytest.mark.render


@pytest.mark.django_db
def test_the_demo_families_show_every_part_of_the_afspraken():
    call_command("load_demo", stdout=StringIO())
    boards = [family_board(f) for f in Family.objects.all()]
    assert any(board.warnings for board in boards)
    assert any(board.missing_contact for board in boards)
    assert any(c.contact_point for board in boards for c in board.contacts)
    assert any(board.suggestions for board in boards)
    added = Agreement.objects.get(awaits_adviser=True)
    adviser = User.objects.get(username="adviseur1")
    assert added.family.assignments.filter(adviser=adviser).exists()
    client = login(Client(), adviser)
    tab = client.get(reverse("networkplan:agreements", args=[added.family.pk]))
    assert "Nieuw voor jou" in tab.content.decode()
    assert "1 afspraak van het gezin" in client.get(reverse("families:caseload")).content.decode()
    # The family sees its agreements first on Ons plan.
    family = portal_families()[0]
    parent = portal_members(family)[0]
    home = sign_in_member(Client(), parent).get(reverse("portal:home")).content.decode()
    assert "Ik vraag de buurvrouw of ze op dinsdag kan oppassen." in home
