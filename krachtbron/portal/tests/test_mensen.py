"""Onze mensen in Mijn Krachtbron: what a member sees of the network (by rights.py, without the
adviser's marks), proposing someone, who stays when the help stops, and the adviser's side."""

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry, ActorKind
from krachtbron.families.choices import Visibility
from krachtbron.families.models import RightsDecision
from krachtbron.network.choices import Closeness, Quality, RelationKind
from krachtbron.network.models import NetworkPerson, NetworkProposal, ProposalStatus
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.portal import network_actions
from krachtbron.portal.network_actions import StaysOutcome
from krachtbron.testing.factories import MemberFactory
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member
from krachtbron.testing.queries import assert_constant_queries

PAGE = reverse("portal:people")
PROPOSE = reverse("portal:people_propose")


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


def _stays(client, person, answer):
    return client.post(reverse("portal:people_stays", args=[person.pk]), {"blijft": answer})


def _proposal(org, **fields) -> NetworkProposal:
    values = {"label": "Buurvrouw Els", "relation": RelationKind.NEIGHBOURHOOD, "closeness": 2}
    return network_actions.propose_person(org.member, **{**values, **fields})


# --- What a member sees --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_list_is_grouped_by_how_close_and_the_map_is_drawn(org):
    NetworkPersonFactory(family=org.family, label="Oma Aziza", closeness=Closeness.CLOSE)
    NetworkPersonFactory(family=org.family, label="Juf Petra", closeness=Closeness.FAR)
    page = _signed_in(org.member).get(PAGE)
    html = page.content.decode()
    assert page.status_code == 200
    # The list is the map's text alternative: each ring a heading, in the order of the rings.
    close, far = html.index("Heel dichtbij</h3>"), html.index("Verder weg</h3>")
    assert close < html.index("Oma Aziza") < far < html.index("Juf Petra")
    assert "<svg" in html and html.index("Juf Petra") < html.index("<svg")
    assert "Onze mensen" in html and 'aria-current="page"' in html
    assert _member_rows(org.member, kind=AccessKind.READ, object_type="portal_people").count() == 1


@pytest.mark.django_db
def test_the_advisers_marks_never_reach_the_portal_until_shared(org):
    person = NetworkPersonFactory(
        family=org.family,
        label="Ex-partner Rob",
        quality=Quality.BURDENING,
        may_be_overloaded=True,
        note="Spanning bij overdracht",
    )
    for member in (org.member, org.youth):
        html = _signed_in(member).get(PAGE).content.decode()
        assert "Ex-partner Rob" in html  # who the person is, is the family's
        for text in ("elastend", "Spanning bij overdracht", "overbelast", "doet al veel"):
            assert text not in html, (member.first_name, text)
        svg = html[html.index("<svg") : html.index("</svg>")]
        assert "<polyline" not in svg  # the zigzag line of "belastend"
        assert "<polygon" not in svg  # the "kan overbelast raken" badge
        assert "#c20000" not in svg  # the colour of "belastend"
    person.marks_visibility = Visibility.FAMILY
    person.save()
    html = _signed_in(org.member).get(PAGE).content.decode()
    assert "Het contact is: belastend" in html
    assert "<polyline" in html


@pytest.mark.django_db
def test_a_parent_and_a_young_person_see_the_network_a_step_parent_only_what_is_shared(org):
    NetworkPersonFactory(family=org.family, label="Oom Karim")
    own = NetworkPersonFactory(family=org.family, member=org.youth, label="Trainer Bas")
    step = MemberFactory(family=org.family, first_name="Erik", has_parental_authority=False)
    for member in (org.member, org.youth):
        html = _signed_in(member).get(PAGE).content.decode()
        assert "Oom Karim" in html and "Trainer Bas" in html, member.first_name
    client = _signed_in(step)
    html = client.get(PAGE).content.decode()
    assert "Oom Karim" in html
    assert "Trainer Bas" not in html  # the young person's own people: not in the list or map
    assert _stays(client, own, "ja").status_code == 404
    assert not NetworkProposal.objects.exists()
    # Shared with him by a recorded decision (with Sem's consent): now he sees them.
    RightsDecision.objects.create(
        family=org.family,
        kind=RightsDecision.Kind.SHARE,
        subject=org.youth,
        other=step,
        reason="Sem vindt het goed",
        decided_by=org.adviser,
    )
    assert "Trainer Bas" in client.get(PAGE).content.decode()


@pytest.mark.django_db
def test_a_member_of_another_family_gets_404_and_sees_nothing_of_this_family(org):
    person = NetworkPersonFactory(family=org.family, label="Oma Aziza")
    proposal = _proposal(org)
    client = _signed_in(org.other_member)
    assert "Oma Aziza" not in client.get(PAGE).content.decode()
    assert "Buurvrouw Els" not in client.get(PAGE).content.decode()
    assert _stays(client, person, "ja").status_code == 404
    withdraw = reverse("portal:people_withdraw", args=[proposal.pk])
    assert client.post(withdraw).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN
    assert NetworkProposal.objects.count() == 1


@pytest.mark.django_db
def test_the_page_runs_as_many_queries_for_60_persons_as_for_3(org):
    for n in range(3):
        NetworkPersonFactory(family=org.family, member=org.youth if n % 2 else None)
    client = _signed_in(org.member)

    def grow():
        persons = [
            NetworkPersonFactory(family=org.family, closeness=1 + n % 3, member=org.youth)
            for n in range(57)
        ]
        for person in persons[:5]:
            network_actions.propose_stays(org.member, person, True)
        for n in range(5):
            proposal = _proposal(org, label=f"Vriend {n}")
            if n % 2:
                network_actions.decline(org.adviser, proposal, "Staat er al op")

    assert_constant_queries(client, PAGE, grow=grow)


# --- Proposing someone ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_member_proposes_someone_once_and_sees_it_as_pending(org):
    client = _signed_in(org.youth)
    form = client.get(PROPOSE)
    data = {
        "form_key": _key(form),
        "label": "Trainer Bas",
        "relation": RelationKind.SPORT_CLUB,
        "closeness": "2",
        "own_words": "Luistert als het thuis moeilijk is",
        "for_whom": "mij",
    }
    first = client.post(PROPOSE, data)
    again = client.post(PROPOSE, data)  # a double click: same key
    assert first.status_code == again.status_code == 302
    proposal = NetworkProposal.objects.get()
    assert (proposal.proposed_by, proposal.member, proposal.status) == (
        org.youth,
        org.youth,
        ProposalStatus.OPEN,
    )
    assert not NetworkPerson.objects.exists()  # not on the map until the adviser confirms
    html = client.get(PAGE).content.decode()
    assert "Voorgesteld, je hulpverlener kijkt ernaar" in html
    assert "Luistert als het thuis moeilijk is" in html
    assert _member_rows(org.youth, kind=AccessKind.CREATE, object_type="networkproposal").exists()


@pytest.mark.django_db
def test_bad_input_gets_a_dutch_message_keeps_what_was_typed_and_changes_nothing(org):
    client = _signed_in(org.member)
    data = {
        "form_key": _key(client.get(PROPOSE)),
        "label": "",
        "relation": "onbekend",
        "closeness": "2",
        "own_words": "Haalt de kinderen van school",
        "for_whom": "gezin",
    }
    page = client.post(PROPOSE, data)
    html = page.content.decode()
    assert page.status_code == 400
    assert "Schrijf op hoe deze persoon heet." in html and "Kies wie het is." in html
    assert "Haalt de kinderen van school" in html
    assert not NetworkProposal.objects.exists()


@pytest.mark.django_db
def test_a_member_withdraws_their_own_proposal_not_someone_elses(org):
    proposal = _proposal(org)
    url = reverse("portal:people_withdraw", args=[proposal.pk])
    assert _signed_in(org.youth).post(url).status_code == 404  # Fatima's, not Sem's
    assert _signed_in(org.member).post(url).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert "Buurvrouw Els" not in _signed_in(org.member).get(PAGE).content.decode()


# --- Who stays when the help stops ---------------------------------------------------------------


@pytest.mark.django_db
def test_who_stays_is_a_proposal_until_the_adviser_confirms(org):
    person = NetworkPersonFactory(family=org.family, label="Oma Aziza")
    client = _signed_in(org.youth)
    assert _stays(client, person, "ja").status_code == 302
    assert _stays(client, person, "ja").status_code == 302  # twice: still one proposal
    proposal = NetworkProposal.objects.get()
    assert proposal.stays_after_help and proposal.status == ProposalStatus.OPEN
    person.refresh_from_db()
    assert not person.stays_after_help  # the confirmed value stays in force
    html = client.get(PAGE).content.decode()
    assert "Voorstel: blijft wel. Je hulpverlener kijkt ernaar." in html
    # Back to what the map says: the proposal is taken back.
    _stays(client, person, "nee")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    # Nonsense changes nothing.
    response = _stays(client, person, "misschien")
    assert response.status_code == 302
    assert NetworkProposal.objects.filter(status=ProposalStatus.OPEN).count() == 0
    assert "Kies ja of nee." in client.get(PAGE).content.decode()


# --- The adviser ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_adviser_sees_the_proposals_on_the_tab_and_the_caseload_and_confirms(org):
    person = NetworkPersonFactory(family=org.family, label="Oma Aziza")
    new = _proposal(org, own_words="Past op woensdag op")
    network_actions.propose_stays(org.youth, person, True)
    adviser = login(Client(), org.adviser)
    tab = adviser.get(reverse("network:map", args=[org.family.pk])).content.decode()
    assert "Voorstel van het gezin (<bdi>Fatima</bdi>)" in tab
    assert "Voorstel van het gezin (<bdi>Sem</bdi>)" in tab
    assert "Past op woensdag op" in tab
    caseload = reverse("families:caseload")
    assert "2 voorstellen voor het netwerk" in adviser.get(caseload).content.decode()
    for proposal in (new, NetworkProposal.objects.get(person=person)):
        url = reverse("portal:network_confirm", args=[proposal.pk])
        assert adviser.post(url).status_code == 302
        assert adviser.post(url).status_code == 302  # already decided: nothing more
    made = NetworkPerson.objects.get(label="Buurvrouw Els")
    assert (made.member, made.relation, made.closeness) == (org.member, "buurt", 2)
    assert made.marks_visibility == Visibility.PROFESSIONALS
    person.refresh_from_db()
    assert person.stays_after_help and person.version == 2
    assert NetworkPerson.objects.count() == 2
    html = _signed_in(org.member).get(PAGE).content.decode()
    assert "Past op woensdag op" in html  # the family's words stay with the person
    assert "Voorgesteld, je hulpverlener" not in html
    assert "voor het netwerk" not in adviser.get(caseload).content.decode()


@pytest.mark.django_db
def test_declining_keeps_the_record_with_the_reason_for_the_family(org):
    proposal = _proposal(org)
    adviser = login(Client(), org.adviser)
    url = reverse("portal:network_decline", args=[proposal.pk])
    too_long = adviser.post(url, {"reason": "x" * 301})
    assert too_long.status_code == 400
    assert "x" * 301 in too_long.content.decode()  # the typed reason is kept
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN
    assert adviser.post(url, {"reason": "Els staat er al op als buurvrouw"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    assert not NetworkPerson.objects.exists()
    html = _signed_in(org.member).get(PAGE).content.decode()
    assert "Niet overgenomen" in html and "Els staat er al op als buurvrouw" in html
    row = AccessLogEntry.objects.filter(object_type="networkproposal", kind=AccessKind.CHANGE)
    assert row.filter(actor=org.adviser).exists()


@pytest.mark.django_db
def test_a_colleague_without_the_family_cannot_decide(org):
    proposal = _proposal(org)
    colleague = login(Client(), org.colleague)
    assert colleague.post(reverse("portal:network_confirm", args=[proposal.pk])).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN


@pytest.mark.django_db
def test_one_outcome_when_decisions_cross(org):
    """Each side loaded the open proposal before the other decided: exactly one wins."""
    proposal = _proposal(org)
    stale = NetworkProposal.objects.get(pk=proposal.pk)
    assert network_actions.withdraw(org.member, proposal)
    assert not network_actions.confirm(org.adviser, stale)
    assert not NetworkPerson.objects.exists()
    second = _proposal(org, label="Opa Ali")
    stale = NetworkProposal.objects.get(pk=second.pk)
    assert network_actions.confirm(org.adviser, second)
    assert not network_actions.confirm(org.adviser, stale)
    assert not network_actions.decline(org.adviser, stale, "")
    assert not network_actions.withdraw(org.member, stale)
    assert NetworkPerson.objects.filter(label="Opa Ali").count() == 1
    person = NetworkPersonFactory(family=org.family)
    assert network_actions.propose_stays(org.member, person, True) == StaysOutcome.PROPOSED
    assert network_actions.propose_stays(org.youth, person, True) == StaysOutcome.UNCHANGED


@pytest.mark.django_db
def test_the_advisers_decision_on_a_members_own_proposal_is_that_members_log_row(org):
    from krachtbron.families.file_copy import log_row_members

    own = network_actions.propose_person(
        org.youth, label="Trainer Bas", relation=RelationKind.SPORT_CLUB, closeness=2
    )
    family_wide = _proposal(org, for_whole_family=True)
    for proposal in (own, family_wide):
        network_actions.decline(org.adviser, proposal, "")
    rows = AccessLogEntry.objects.filter(object_type="networkproposal", actor=org.adviser)
    members = log_row_members(rows)
    by_proposal = {row.object_id: members[row.pk] for row in rows}
    assert by_proposal == {own.pk: org.youth.pk, family_wide.pk: None}
