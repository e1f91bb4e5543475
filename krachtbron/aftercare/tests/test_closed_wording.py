"""After the help is closed no page promises what no one will do (breaker report 2 of issue
15, finding 6): every Mijn Krachtbron page a member still reads, and the adviser's closing
walk, are rendered for a closed family that has every kind of part that used to promise
something (a goal the member wants to talk about, no question written down, nothing on what
goes well, a network person with an agreement and no aanspreekpunt, an agreement the adviser
still carried), and none of the promise phrases may show."""

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.aftercare.tests.helpers import close
from krachtbron.networkplan.models import Agreement
from krachtbron.networkplan.tests.share_helpers import make_plan
from krachtbron.portal.plan_actions import raise_talk_flag
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member

pytestmark = pytest.mark.django_db

#: Words that say someone will still act, or ask the reader to act, on a closed file.
PROMISES = (
    "Je hulpverlener ziet dat",
    "Die schrijft je hulpverlener",
    "Je praat er met je hulpverlener over",
    "Nog niemand gekozen",
    "Die maak je samen met je hulpverlener",
    "Vraag het je hulpverlener",
    "Je hulpverlener past het aan",
    "Zeg het je hulpverlener",
)
#: The member's pages that stay readable after closure (``portal.http.AFTER_CLOSE_READ`` and
#: the netwerkplan part).
MEMBER_PAGES = ("portal:home", "portal:agreements", "portal:dossier", "portal:network_plan")


def _closed_family_with_every_promise(org):
    make_plan(org)
    raise_talk_flag(org.member, goal=org.goal)
    Agreement.objects.create(
        family=org.family, goal=org.goal, text="Belt de school", performer_adviser=True
    )
    close(org.adviser, org.family)


def test_no_member_page_promises_anything_after_closure(org):
    member = sign_in_member(Client(), org.member)
    _closed_family_with_every_promise(org)
    for name in MEMBER_PAGES:
        page = member.get(reverse(name))
        assert page.status_code == 200, name
        text = page.content.decode()
        shown = [phrase for phrase in PROMISES if phrase in text]
        assert not shown, f"{name}: {shown}"
    home = member.get(reverse("portal:home")).content.decode()
    assert "Je wilde hierover praten." in home  # the flag still shows, in the past
    assert "Er is niemand gekozen." in member.get(reverse("portal:agreements")).content.decode()


def test_the_same_pages_still_promise_while_the_help_runs(org):
    """The other side: during the help the words that say what happens next stay."""
    member = sign_in_member(Client(), org.member)
    make_plan(org)
    raise_talk_flag(org.member, goal=org.goal)
    home = member.get(reverse("portal:home")).content.decode()
    assert "Je wilt hierover praten. Je hulpverlener ziet dat." in home
    assert "Nog niemand gekozen." in member.get(reverse("portal:agreements")).content.decode()


def test_the_closing_walk_of_a_closed_file_asks_nothing_more(org):
    _closed_family_with_every_promise(org)
    adviser = login(Client(), org.adviser)
    text = adviser.get(reverse("aftercare:close", args=[org.family.pk])).content.decode()
    for phrase in ("nog niet klaar", "Zet die op gedaan", "Nog geen uitnodiging", "nog niemand"):
        assert phrase not in text, phrase
    assert "stond bij het afsluiten nog open" in text
    assert "Het netwerkplan is klaar." in text and ">klaar<" in text
