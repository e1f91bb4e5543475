"""Informed consent and truthful share lists in Mij Krachtbron (issue 15 break report, findings
3 and 6): a member asked "Mag dit?" reads who shares, with whom and exactly which parts about
them would be shown; nobody reads *by name* who said no or nothing yet; a member who sees no
share does not read that the family shares with nobody; counts are of what the reader may see."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.families.choices import MemberRole
from krachtbron.families.rights import rights_of
from krachtbron.networkplan import plan_actions
from krachtbron.networkplan.tests.share_helpers import decide, make_plan, share_all
from krachtbron.testing.factories import GoalFactory, MemberFactory
from krachtbron.testing.portal import sign_in_member

pytestmark = pytest.mark.django_db

PAGE = reverse("portal:network_plan")


def _card(html: str, anchor: str) -> str:
    """The text of one card (``<li ... id="anchor">`` up to its closing ``</li>``)."""
    start = html.index(f'id="{anchor}"')
    end = html.index("</form>", start)
    return html[start:end]


def _young(org, first_name: str, years: int):
    today = timezone.localdate()
    born = today.replace(year=today.year - years) - timedelta(days=10)
    return MemberFactory(
        family=org.family,
        first_name=first_name,
        role=MemberRole.YOUTH,
        birth_date=born,
        birth_year=born.year,
    )


def test_the_young_person_reads_who_shares_with_whom_and_what_about_them(org):
    planned = make_plan(org, youth=org.youth)
    share, _token = share_all(org.member, planned.aunt)
    page = sign_in_member(Client(), org.youth).get(PAGE).content.decode()
    card = _card(page, f"vraag-{share.pk}")
    assert "<bdi>Fatima</bdi> deelt het plan met <bdi>Tante Noor</bdi>" in card
    assert "Zelf naar school fietsen" in card  # his goal
    assert "Sem fietst met een vriend" in card  # the agreement he carries
    # Parts not about him are not what he is asked about.
    assert "Als ik ziek ben" not in card
    assert "Tante Noor haalt Sem op woensdag op" not in card


def test_the_sharer_never_reads_by_name_who_did_not_say_yes(org):
    planned = make_plan(org, youth=org.youth)
    share, _token = share_all(org.member, planned.aunt)
    for decision in (None, False):
        if decision is not None:
            decide(org.youth, share, yes=decision)
        page = sign_in_member(Client(), org.member).get(PAGE).content.decode()
        card = _card(page, f"gedeeld-{share.pk}")
        assert "Een deel blijft weg tot iedereen over wie het gaat ja zegt." in card
        assert "Sem" not in card
    decide(org.youth, share, yes=True)
    card = _card(
        sign_in_member(Client(), org.member).get(PAGE).content.decode(), f"gedeeld-{share.pk}"
    )
    assert "Een deel blijft weg" not in card


def test_a_member_who_sees_no_share_is_not_told_the_family_shares_with_nobody(org):
    """A share holding a 16-year-old's own goal: the 15-year-old does not see it, and does not
    read that it does not exist."""
    sixteen = _young(org, "Yara", 16)
    goal = GoalFactory(family=org.family, member=sixteen, text="Eigen doel")
    planned = make_plan(org)
    plan_actions.choose_goals(org.adviser, org.family, [goal.pk], [goal.pk])
    share_all(sixteen, planned.aunt)
    page = sign_in_member(Client(), org.youth).get(PAGE).content.decode()
    assert "niemand" not in page
    assert "Je ziet hier alleen wat jij deelde, wat over jou gaat" in page


def test_share_counts_are_of_what_the_reader_may_see(org):
    """Noor (14) is in the share (her own goal), so she sees it; Sem's goal and agreement are
    in it too, which she may not see: her counts leave them out, Fatima's do not."""
    noor = _young(org, "Noor", 14)
    noor_goal = GoalFactory(family=org.family, member=noor, text="Noor haar doel")
    planned = make_plan(org, youth=org.youth)
    goals = [org.goal.pk, planned.youth_goal.pk, noor_goal.pk]
    plan_actions.choose_goals(org.adviser, org.family, goals, goals)
    share, _token = share_all(org.member, planned.aunt)
    assert not rights_of(noor).may_see_member(org.youth.pk)
    noor_card = _card(
        sign_in_member(Client(), noor).get(PAGE).content.decode(), f"gedeeld-{share.pk}"
    )
    assert "1 afspraak" in noor_card and "2 doelen" in noor_card
    fatima_card = _card(
        sign_in_member(Client(), org.member).get(PAGE).content.decode(), f"gedeeld-{share.pk}"
    )
    assert "2 afspraken" in fatima_card and "3 doelen" in fatima_card
    assert not re.search(r"Sem fietst|Zelf naar school", noor_card)
