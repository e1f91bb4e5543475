"""After the help is closed, Mijn Krachtbron offers nothing its gate then refuses (issue 15
break report, finding 7): every link and form on the pages a member still reads leads to
something ``portal.http.allowed_after_close`` lets through, and the words fit a help that has
stopped (no "Je kunt zelf iets toevoegen", no "De hulp stopt een keer", no suggestion to ask
someone for a new agreement)."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client, RequestFactory
from django.urls import resolve, reverse

from krachtbron.aftercare.tests.helpers import close
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.networkplan.models import Agreement
from krachtbron.networkplan.tests.share_helpers import make_plan, share_all
from krachtbron.portal.http import allowed_after_close
from krachtbron.testing.portal import sign_in_member

pytestmark = pytest.mark.django_db

PAGES = (
    "portal:home",
    "portal:agreements",
    "portal:network_plan",
    "portal:dossier",
    "portal:network_plan_call",
    "portal:share_new",
)
LINK = re.compile(r'<a\b[^>]*\bhref="([^"#]+)"')
FORM = re.compile(r'<form\b[^>]*\bmethod="post"[^>]*\baction="([^"]+)"')
#: Words that promise what the gate refuses after closure, or speak of the help as running.
RUNNING_HELP = (
    "Je kunt zelf iets toevoegen",
    "De hulp stopt een keer",
    "iets doen?",
    "Zelf een doel toevoegen",
    "Zelf een afspraak toevoegen",
    "Je kunt ook zelf",
    "Zet het erbij",
    "bijwerken",
)


def _closed_family_member(org) -> Client:
    planned = make_plan(org)
    Agreement.objects.create(
        family=org.family, goal=org.goal, text="Zoekt een buurthuis uit", performer_adviser=True
    )
    NetworkPersonFactory(family=org.family, label="Oma Ria", stays_after_help=True)
    share_all(org.member, planned.aunt)
    close(org.adviser, org.family)
    return sign_in_member(Client(), org.member)


def test_after_closing_no_page_offers_what_the_gate_refuses(org):
    member = _closed_family_member(org)
    factory = RequestFactory()
    refused = []
    checked = 0
    for name in PAGES:
        page = member.get(reverse(name))
        assert page.status_code == 200, (name, page.status_code)
        html = page.content.decode()
        for method, pattern in (("get", LINK), ("post", FORM)):
            for url in pattern.findall(html):
                path = urlsplit(url.replace("&amp;", "&")).path
                if not path.startswith("/mijn/"):
                    continue
                checked += 1
                gated = getattr(resolve(path).func, "member_gate", False)
                if gated and not allowed_after_close(getattr(factory, method)(path)):
                    refused.append(f"{name}: {method.upper()} {path}")
    assert checked > 10  # the pages offer links and forms, and the sweep looked at them
    assert not refused, refused


def test_after_closing_the_words_fit_a_help_that_has_stopped(org):
    member = _closed_family_member(org)
    found = []
    for name in ("portal:home", "portal:agreements", "portal:network_plan"):
        html = member.get(reverse(name)).content.decode()
        found += [f"{name}: {words}" for words in RUNNING_HELP if words in html]
    assert not found, found
    assert "De hulp is gestopt" in member.get(reverse("portal:network_plan")).content.decode()


def test_while_the_help_runs_the_pages_still_offer_everything(org):
    make_plan(org)
    NetworkPersonFactory(family=org.family, label="Oma Ria", stays_after_help=True)
    member = sign_in_member(Client(), org.member)
    home = member.get(reverse("portal:home")).content.decode()
    assert "Je kunt zelf iets toevoegen" in home and reverse("portal:goal_add") in home
    assert "Misschien kan <bdi>Oma Ria</bdi> iets doen?" in home
    agreements = member.get(reverse("portal:agreements")).content.decode()
    assert reverse("portal:agreement_add") in agreements
    plan = member.get(reverse("portal:network_plan")).content.decode()
    assert "De hulp stopt een keer" in plan
