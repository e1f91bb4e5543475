"""Afspraken in Mijn Krachtbron (issue 15, item 1): what a member sees first on Ons plan, adds
and updates, and what the adviser then sees in the file."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessResult, ActorKind
from krachtbron.families.choices import MemberRole, Visibility
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.networkplan.choices import AgreementStatus
from krachtbron.networkplan.models import Agreement, ContactPoint
from krachtbron.networkplan.tests.factories import AgreementFactory, grow_agreements
from krachtbron.testing.factories import GoalFactory, MemberFactory
from krachtbron.testing.portal import sign_in_member
from krachtbron.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")
PAGE = reverse("portal:agreements")
ADD = reverse("portal:agreement_add")


def _signed_in(member) -> Client:
    return sign_in_member(Client(), member)


def _key(page) -> str:
    html = page.content.decode()
    start = html.index('name="form_key" value="') + len('name="form_key" value="')
    return html[start : html.index('"', start)]


def _member_rows(member, **filters):
    return AccessLogEntry.objects.filter(
        actor_kind=ActorKind.FAMILY_MEMBER, actor_member_id=member.pk, **filters
    )


def _status(agreement):
    return reverse("portal:agreement_status", args=[agreement.pk])


def test_what_we_agreed_is_the_first_part_of_ons_plan(org):
    oma = NetworkPersonFactory(family=org.family, label="Oma Aziza")
    AgreementFactory(
        family=org.family, goal=org.goal, text="Oma kookt op vrijdag", performer_person=oma
    )
    page = _signed_in(org.member).get(HOME).content.decode()
    assert page.index('id="afgesproken"') < page.index('id="vraag"') < page.index('id="doelen"')
    assert "Oma kookt op vrijdag" in page and "Oma Aziza" in page
    assert _member_rows(org.member, object_type="portal_home").exists()


def test_a_member_adds_an_agreement_the_adviser_sees_as_the_familys(org, as_user):
    client = _signed_in(org.youth)
    data = {
        "goal": str(org.goal.pk),
        "text": "Ik ruim op zaterdag mijn kamer op",
        "performer": f"m{org.youth.pk}",
        "when": "zaterdag",
        "form_key": _key(client.get(ADD)),
    }
    response = client.post(ADD, data)
    agreement = Agreement.objects.get()
    assert response["Location"] == f"{PAGE}#afspraak-{agreement.pk}"
    assert agreement.added_by_member == org.youth and agreement.awaits_adviser
    assert agreement.status == AgreementStatus.AGREED and agreement.added_by is None
    assert _member_rows(org.youth, kind=AccessKind.CREATE, object_type="agreement").exists()
    # A double click: the same key, one agreement.
    again = client.post(ADD, data)
    assert again.status_code == 302 and Agreement.objects.count() == 1
    tab = as_user(org.adviser).get(reverse("networkplan:agreements", args=[org.family.pk]))
    html = tab.content.decode()
    assert "Door het gezin toegevoegd: <bdi>Sem</bdi>" in html and "Nieuw voor jou" in html


def test_bad_input_gets_a_dutch_message_keeps_the_typed_words_and_changes_nothing(org):
    client = _signed_in(org.member)
    cases = [
        ({"text": ""}, "Schrijf op wat jullie afspreken."),
        ({"performer": ""}, "Kies wie het doet."),
        ({"performer": "m"}, "Kies iemand uit de lijst."),
        # Another family's member is a refused look (404, DENIED): test_posted_ids.py.
        ({"goal": ""}, "Kies bij welk doel het hoort."),
        ({"text": "a\x00b"}, ""),
    ]
    for change, message in cases:
        data = {
            "goal": str(org.goal.pk),
            "text": "Samen naar de markt",
            "performer": "ik",
            "when": "elke zaterdag",
            **change,
        }
        response = client.post(ADD, data)
        page = response.content.decode()
        assert response.status_code == 400, change
        assert message in page and "elke zaterdag" in page, change
    assert not Agreement.objects.exists()


def test_a_goal_the_member_may_not_see_is_a_refused_look(org):
    today = timezone.localdate()
    sara = MemberFactory(
        family=org.family,
        first_name="Sara",
        role=MemberRole.YOUTH,
        birth_date=today.replace(year=today.year - 16, month=1, day=1),
        birth_year=today.year - 16,
    )
    saras = GoalFactory(family=org.family, member=sara, text="Saras eigen doel")
    foreign = GoalFactory(family=org.other_family)
    client = _signed_in(org.member)
    assert "Saras eigen doel" not in client.get(ADD).content.decode()
    for goal in (saras, foreign):
        data = {"goal": str(goal.pk), "text": "x", "performer": "ik"}
        assert client.post(ADD, data).status_code == 404
    assert not Agreement.objects.exists()
    denied = _member_rows(org.member, result=AccessResult.DENIED)
    assert {row.family_id for row in denied} == {org.family.pk, org.other_family.pk}


def test_a_member_sets_gedaan_and_a_stale_page_changes_nothing(org):
    agreement = AgreementFactory(family=org.family, goal=org.goal)
    client = _signed_in(org.member)
    response = client.post(_status(agreement), {"status": "gedaan", "version": "1"})
    assert response["Location"] == f"{PAGE}#afspraak-{agreement.pk}"
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DONE and agreement.version == 2
    assert agreement.changed_by_member == org.member and agreement.awaits_adviser
    assert _member_rows(org.member, kind=AccessKind.CHANGE, object_type="agreement").exists()
    stale = client.post(_status(agreement), {"status": "gestopt", "version": "1"}, follow=True)
    assert "Iemand anders heeft deze afspraak net veranderd" in stale.content.decode()
    bad = client.post(_status(agreement), {"status": "afgesproken", "version": "2"}, follow=True)
    assert "Kies gedaan, loopt of gestopt. Er is niets veranderd." in bad.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DONE and agreement.version == 2


def test_a_young_person_cannot_touch_an_agreement_of_a_parents_own_goal(org):
    own = GoalFactory(family=org.family, member=org.member)
    agreement = AgreementFactory(family=org.family, goal=own, text="Fatima sport")
    client = _signed_in(org.youth)
    assert "Fatima sport" not in client.get(PAGE).content.decode()
    response = client.post(_status(agreement), {"status": "gestopt", "version": "1"})
    assert response.status_code == 404
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AGREED
    assert _member_rows(org.youth, result=AccessResult.DENIED).exists()


def test_the_overload_warning_reaches_the_family_only_when_the_mark_is_shared(org, settings):
    settings.AGREEMENTS_PER_CARER = 1
    oma = NetworkPersonFactory(family=org.family, label="Oma Aziza", may_be_overloaded=True)
    for _ in range(2):
        AgreementFactory(family=org.family, goal=org.goal, performer_person=oma)
    client = _signed_in(org.member)
    warning = "Let op: <bdi>Oma Aziza</bdi> doet al veel."
    assert warning not in client.get(PAGE).content.decode()
    assert warning not in client.get(HOME).content.decode()
    oma.marks_visibility = Visibility.FAMILY
    oma.save()
    assert warning in client.get(PAGE).content.decode()
    assert warning in client.get(HOME).content.decode()


def test_suggestions_and_the_aanspreekpunt_set_by_the_family(org):
    NetworkPersonFactory(family=org.family, label="Opa Ahmed", stays_after_help=True)
    oma = NetworkPersonFactory(family=org.family, label="Oma Aziza")
    AgreementFactory(family=org.family, goal=org.goal, performer_person=oma)
    client = _signed_in(org.member)
    page = client.get(PAGE).content.decode()
    assert "Misschien kan <bdi>Opa Ahmed</bdi> iets doen?" in page
    assert "Nog niemand gekozen." in page
    url = reverse("portal:agreement_contact", args=[oma.pk])
    empty = client.post(url, {"turns_to": "", "turns_to_text": "", "version": "0"})
    assert empty.status_code == 400
    assert "Kies iemand van de kaart, of schrijf een paar woorden." in empty.content.decode()
    data = {"turns_to": "", "turns_to_text": "Het buurtteam", "version": "0"}
    data["form_key"] = _key(client.get(url))
    assert client.post(url, data).status_code == 302
    assert ContactPoint.objects.get().turns_to_text == "Het buurtteam"
    assert _member_rows(org.member, kind=AccessKind.CREATE, object_type="contactpoint").exists()
    assert "Kan terecht bij: <bdi>Het buurtteam</bdi>" in client.get(PAGE).content.decode()


def test_a_person_of_a_siblings_own_network_is_not_offered(org):
    today = timezone.localdate()
    sara = MemberFactory(
        family=org.family,
        role=MemberRole.YOUTH,
        birth_date=today.replace(year=today.year - 17, month=1, day=1),
        birth_year=today.year - 17,
    )
    NetworkPersonFactory(family=org.family, member=sara, label="Trainer Bas")
    page = _signed_in(org.member).get(ADD).content.decode()
    assert "Trainer Bas" not in page


def test_home_and_the_page_run_as_many_queries_for_many_agreements(org):
    grow_agreements(org.family, org.member, 1)
    client = _signed_in(org.member)

    def grow():
        grow_agreements(org.family, org.member, 3)
        # A change empties the stored PDF; the first look at Ons plan after it asks the worker
        # to make it again (families.stored_pdf.ask): a one-off, not the page's steady state.
        client.get(HOME)

    for url in (HOME, PAGE):
        assert_constant_queries(client, url, grow=grow)
