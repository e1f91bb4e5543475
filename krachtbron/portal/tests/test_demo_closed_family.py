"""What README promises about the demo (issue 15's acceptance and finding 5 of the break
report): the closed follow-up family has a ready netwerkplan with agreements and two shares
(one opened by the aunt, one withdrawn), one of its check-ins is open today (so *Maak een link*
shows), its parent reaches the plan and the check-in in Mijn Krachtbron through
``demo_portal_link``, the family README names for the overload warning really has Oma over the
limit, and a contact request shows *over tijd* on the team's Nazorg page."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from krachtbron.accounts.models import User
from krachtbron.aftercare.actions import open_follow_ups
from krachtbron.aftercare.demo_data import SHOWCASE_REFERENCE
from krachtbron.families.choices import FamilyStatus
from krachtbron.families.models import Family
from krachtbron.networkplan.agreements import family_board
from krachtbron.networkplan.models import Agreement, NetworkPlan, Share
from krachtbron.testing.personas import login

# What the demo shows: once, on SQLite (conftest.py, `render`); the demo loads on PostgreSQL
# in strengths/tests/test_demo_data.py.
pytestmark = pytest.mark.render

README = Path(django_settings.BASE_DIR) / "README.md"


def _readme_demo_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("### Mijn Krachtbron in the demo") : text.index("## What is in it")]


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())


@pytest.mark.django_db
def test_the_closed_demo_family_has_a_ready_plan_agreements_and_two_shares(demo):
    family = Family.objects.get(reference=SHOWCASE_REFERENCE)
    assert family.status == FamilyStatus.CLOSED
    assert SHOWCASE_REFERENCE in _readme_demo_section()
    plan = NetworkPlan.objects.get(family=family)
    assert plan.ready_at is not None and plan.calls.count() == 2 and plan.shared_goals.exists()
    assert Agreement.objects.filter(family=family).count() == 3
    assert Agreement.objects.filter(family=family, added_by_member__isnull=False).exists()
    shares = sorted(Share.objects.filter(plan=plan), key=lambda s: s.withdrawn_at is None)
    assert len(shares) == 2
    withdrawn, opened = shares
    assert withdrawn.withdrawn_at is not None and opened.withdrawn_at is None
    assert opened.last_viewed_at is not None and opened.person.label == "tante Samira"
    # The adviser's closing page: the plan is ready, and one check-in can be given a link.
    adviser = login(Client(), User.objects.get(username="adviseur1"))
    page = adviser.get(reverse("aftercare:close", args=[family.pk])).content.decode()
    assert "Er is nog geen netwerkplan" not in page
    assert page.count("Maak een link") == 1 and page.count("Ingevuld op") == 1
    assert open_follow_ups(family).count() == 1


@pytest.mark.django_db
def test_the_closed_demo_familys_parent_sees_the_plan_shares_and_open_check_in(demo):
    family = Family.objects.get(reference=SHOWCASE_REFERENCE)
    out = StringIO()
    call_command("demo_portal_link", stdout=out)
    section = out.getvalue().split(SHOWCASE_REFERENCE, 1)[1]
    path = re.search(r"https?://[^/\s]+(/mijn/l/\S+)", section).group(1)
    parent = Client()
    assert parent.post(path).status_code == 302
    plan = parent.get(reverse("portal:network_plan")).content.decode()
    assert "tante Samira" in plan and "buurman Kees" in plan
    follow_up = open_follow_ups(family).get()
    assert parent.get(reverse("portal:followup", args=[follow_up.pk])).status_code == 200


@pytest.mark.django_db
def test_the_family_readme_names_for_the_overload_warning_has_oma_over_the_limit(demo):
    named = re.search(r"Oma over the limit[^`]*`(KB-DEMO-\d+)`", _readme_demo_section())
    assert named, "README names no family for the overload warning"
    family = Family.objects.get(reference=named.group(1))
    assert [w.person.label for w in family_board(family).warnings] == ["Oma"]
    adviser = login(Client(), User.objects.get(username="adviseur1"))
    tab = adviser.get(reverse("networkplan:agreements", args=[family.pk]))
    assert "<bdi>Oma</bdi> kan overbelast raken" in tab.content.decode()


@pytest.mark.django_db
def test_a_demo_contact_request_is_over_time_on_the_team_page(demo):
    adviser = login(Client(), User.objects.get(username="adviseur1"))
    requests = adviser.get(reverse("aftercare:requests")).content.decode()
    assert "KB-DEMO-NZ7" in requests and "over tijd" in requests
    assert "KB-DEMO-NZ7" in _readme_demo_section()
