"""Consent covers what the member read, not later edits (issue 15, second break report,
finding 2): a part of a live share that becomes about a member, or whose words change, stays out
until that member says yes again, and their portal asks "Mag dit?" about just that part. A no
stays a no for the parts it was given for. One rule at view time: every writer is covered."""

import pytest
from django.test import Client

from krachtbron.families.models import Goal
from krachtbron.networkplan.models import Agreement, PlanCall
from krachtbron.networkplan.tests.share_helpers import answer, make_plan, open_share, share_all
from krachtbron.testing.portal import sign_in_member

pytestmark = pytest.mark.django_db

AUNT_AGREEMENT = "Tante Noor haalt Sem op woensdag op"
SECRET = "Gaat met Sem naar de psycholoog over zijn angst"


def _card(html: str, share) -> str:
    start = html.index(f'id="vraag-{share.pk}"')
    return html[start : html.index("</form>", start)]


def _page(client) -> str:
    from django.urls import reverse

    return client.get(reverse("portal:network_plan")).content.decode()


def test_an_agreement_edited_to_be_about_a_young_person_who_said_yes_waits_for_him(org):
    """The breaker's steps: Sem says yes to his parts; the adviser then edits an agreement in
    the share (words and performer: Sem). The aunt must not read it until Sem says yes to it."""
    planned = make_plan(org, youth=org.youth)
    share, token = share_all(org.member, planned.aunt)
    sem = sign_in_member(Client(), org.youth)
    answer(sem, share, "ja")
    assert "Zelf naar school fietsen" in open_share(Client(), token).content.decode()
    agreement = planned.agreement
    Agreement.objects.filter(pk=agreement.pk).update(
        text=SECRET, performer_person=None, performer_member=org.youth
    )
    page = open_share(Client(), token).content.decode()
    assert SECRET not in page
    assert "Zelf naar school fietsen" in page  # what he said yes to stays
    card = _card(_page(sem), share)
    assert SECRET in card  # asked about just what is new
    assert "Zelf naar school fietsen" not in card
    assert "nieuw of veranderd" in card
    answer(sem, share, "ja")
    assert SECRET in open_share(Client(), token).content.decode()


def test_a_changed_text_is_asked_again_and_the_member_who_shared_is_asked_too(org):
    planned = make_plan(org, youth=org.youth)
    share, token = share_all(org.member, planned.aunt)
    sem = sign_in_member(Client(), org.youth)
    answer(sem, share, "ja")
    Goal.objects.filter(pk=planned.youth_goal.pk).update(text="Een ander doel van Sem")
    page = open_share(Client(), token).content.decode()
    assert "Een ander doel van Sem" not in page and "Zelf naar school fietsen" not in page
    # His agreement shows the goal's words ("Bij het doel: ..."), so it waits as well.
    assert "Sem fietst met een vriend" not in page
    assert AUNT_AGREEMENT in page  # not about him: unchanged
    # An agreement about Fatima (the one who shared) edited later: she is asked as well.
    Agreement.objects.filter(pk=planned.agreement.pk).update(
        performer_person=None, performer_member=org.member, text="Fatima belt de juf"
    )
    assert "Fatima belt de juf" not in open_share(Client(), token).content.decode()
    fatima = sign_in_member(Client(), org.member)
    assert "Fatima belt de juf" in _card(_page(fatima), share)
    answer(fatima, share, "ja")
    assert "Fatima belt de juf" in open_share(Client(), token).content.decode()


def test_a_no_stays_a_no_for_what_it_covered(org):
    planned = make_plan(org, youth=org.youth)
    share, token = share_all(org.member, planned.aunt)
    sem = sign_in_member(Client(), org.youth)
    answer(sem, share, "nee")
    Agreement.objects.filter(pk=planned.agreement.pk).update(
        performer_person=None, performer_member=org.youth
    )
    card = _card(_page(sem), share)
    assert AUNT_AGREEMENT in card and "Zelf naar school fietsen" not in card
    answer(sem, share, "ja")  # yes to the new part only
    page = open_share(Client(), token).content.decode()
    assert AUNT_AGREEMENT in page
    assert "Zelf naar school fietsen" not in page and "Sem fietst met een vriend" not in page


def test_a_call_line_changed_after_the_yes_waits(org):
    from krachtbron.network.tests.factories import NetworkPersonFactory

    planned = make_plan(org)
    coach = NetworkPersonFactory(family=org.family, label="Coach Ali", member=org.youth)
    call = PlanCall.objects.create(plan=planned.call.plan, person=coach, call_for="Voetbal")
    share, token = share_all(org.member, planned.aunt)
    sem = sign_in_member(Client(), org.youth)
    answer(sem, share, "ja")
    assert "Voetbal" in open_share(Client(), token).content.decode()
    PlanCall.objects.filter(pk=call.pk).update(call_for="Als het thuis misgaat")
    assert "Als het thuis misgaat" not in open_share(Client(), token).content.decode()


def test_an_answer_for_a_part_that_changed_while_reading_changes_nothing(org):
    from django.urls import reverse

    planned = make_plan(org, youth=org.youth)
    share, token = share_all(org.member, planned.aunt)
    sem = sign_in_member(Client(), org.youth)
    import re

    shown = re.findall(r'name="deel" value="([0-9a-f]{64})"', _card(_page(sem), share))
    Agreement.objects.filter(pk=planned.youth_agreement.pk).update(text="Stiekem veranderd")
    sem.post(reverse("portal:share_consent", args=[share.pk]), {"toestemming": "ja", "deel": shown})
    page = open_share(Client(), token).content.decode()
    assert "Stiekem veranderd" not in page
    assert "Zelf naar school fietsen" in page  # that one he did read


def test_the_advisers_edit_through_the_real_writer_is_covered_too(org):
    from krachtbron.networkplan.agreement_actions import update_agreement
    from krachtbron.networkplan.agreements import Performer

    planned = make_plan(org, youth=org.youth)
    share, token = share_all(org.member, planned.aunt)
    answer(sign_in_member(Client(), org.youth), share, "ja")
    agreement = Agreement.objects.get(pk=planned.agreement.pk)
    update_agreement(
        org.adviser,
        agreement,
        agreement.version,
        goal=org.goal,
        text=SECRET,
        performer=Performer(member=org.youth),
        when="",
        status=agreement.status,
    )
    assert SECRET not in open_share(Client(), token).content.decode()
