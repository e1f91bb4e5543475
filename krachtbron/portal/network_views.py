"""Onze mensen in Mijn Krachtbron (issue 14, item 3): the family's network as a list by how close
people are and as the eco-map, proposing someone important, and "wie blijft er als de hulp
stopt?" (handreiking §4.4).

Only what ``families.rights.rights_of`` lets this member see: a person about another member
whose data they may not see stays out, and the adviser's marks on a person (how the contact is,
"kan overbelast raken", the note) are left out unless the adviser shared them
(``network.mapdata.from_person(for_family=True)``). Proposals wait for the adviser
(``network_actions``). Every look writes a READ row, every change its own row, the member as
the actor. No page needs JavaScript.
"""

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from krachtbron.families.models import FamilyMember
from krachtbron.families.rights import ViewerRights, rights_of
from krachtbron.lib.idempotency import create_once
from krachtbron.network.choices import Closeness
from krachtbron.network.ecomap import render_ecomap
from krachtbron.network.mapdata import MapPerson, current_map
from krachtbron.network.models import NetworkPerson, NetworkProposal, ProposalKind, ProposalStatus
from krachtbron.portal import actions, network_actions
from krachtbron.portal.http import MemberHttpRequest, member_required
from krachtbron.portal.network_actions import StaysOutcome
from krachtbron.portal.network_forms import ProposePersonForm
from krachtbron.portal.permissions import get_for_member
from krachtbron.portal.plan_forms import FOR_ALL

YES, NO = "ja", "nee"


@dataclass
class PersonRow:
    person: MapPerson
    own_words: str = ""
    pending: NetworkProposal | None = None  # an open "who stays" proposal


@dataclass
class Ring:
    closeness: int
    label: str
    rows: list[PersonRow] = field(default_factory=list)


@dataclass(frozen=True)
class OurPeople:
    rings: list[Ring]
    persons: list[MapPerson]
    proposed: list[NetworkProposal]  # new persons, waiting for the adviser
    declined: list[NetworkProposal]  # not taken over, with the adviser's reason
    stays: list[MapPerson]  # who stays when the help stops (confirmed)


def our_people(member: FamilyMember, rights: ViewerRights) -> OurPeople:
    """What ``member`` sees of the family's network: two queries, whatever its size."""
    persons = current_map(member.family, scope=rights.filter)
    proposals = list(
        rights.filter(NetworkProposal.objects.exclude(status=ProposalStatus.WITHDRAWN))
        .select_related("proposed_by")
        .order_by("created_at", "id")
    )
    words = {
        p.person_id: p.own_words
        for p in proposals
        if p.kind == ProposalKind.PERSON and p.status == ProposalStatus.CONFIRMED and p.own_words
    }
    pending = {
        p.person_id: p
        for p in proposals
        if p.kind == ProposalKind.STAYS and p.status == ProposalStatus.OPEN
    }
    rings = [Ring(value, str(label)) for value, label in Closeness.choices]
    by_ring = {ring.closeness: ring for ring in rings}
    for person in persons:
        row = PersonRow(person, words.get(person.id, ""), pending.get(person.id))
        by_ring[person.closeness].rows.append(row)
    return OurPeople(
        rings=rings,
        persons=persons,
        proposed=[
            p
            for p in proposals
            if p.kind == ProposalKind.PERSON and p.status == ProposalStatus.OPEN
        ],
        declined=[p for p in proposals if p.status == ProposalStatus.DECLINED],
        stays=[p for p in persons if p.stays_after_help],
    )


def _page_url(anchor: str = "") -> str:
    return reverse("portal:people") + (f"#{anchor}" if anchor else "")


@member_required
@require_safe
def people(request: MemberHttpRequest) -> HttpResponse:
    """Onze mensen: the list by ring (the map's text alternative), the map, who stays, and the
    family's proposals with what the adviser did with them."""
    member = request.member
    page = our_people(member, rights_of(member))
    svg: Any = None
    if page.persons:
        svg = render_ecomap(
            page.persons,
            centre_label=_("Wij"),
            title=_("Tekening van jullie mensen. De lijst noemt dezelfde mensen."),
            legend=False,
        )
    actions.log_member_page(member, member.family, "portal_people")
    context = {
        "member": member,
        "page": page,
        "svg": svg,
        "yes": YES,
        "no": NO,
    }
    return render(request, "portal/mensen.html", context)


@member_required
@create_once
@require_http_methods(["GET", "POST"])
def propose(request: MemberHttpRequest) -> HttpResponse:
    """Propose someone important: waits for the adviser, shown at once as proposed."""
    member = request.member
    form = ProposePersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        proposal = network_actions.propose_person(
            member,
            label=data["label"],
            relation=data["relation"],
            closeness=data["closeness"],
            own_words=data["own_words"],
            stays_after_help=data["stays_after_help"],
            for_whole_family=data["for_whom"] == FOR_ALL,
        )
        messages.success(request, _("Dank je. Je hulpverlener kijkt ernaar."))
        return redirect(_page_url(f"voorstel-{proposal.pk}"))
    actions.log_member_page(member, member.family, "portal_people_form")
    status = 400 if form.errors else 200
    return render(
        request,
        "portal/mensen_voorstel.html",
        {"member": member, "form": form},
        status=status,
    )


@member_required
@require_POST
def stays(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """ "Blijft deze persoon als de hulp stopt?" yes or no: a proposal for the adviser (the same
    as the map says: an open proposal for the other answer is taken back)."""
    member = request.member
    person = get_for_member(member, rights_of(member), NetworkPerson.objects.all(), pk)
    answer = request.POST.get("blijft", "")
    if answer not in (YES, NO):
        messages.error(request, _("Kies ja of nee. Er is niets veranderd."))
        return redirect(_page_url(f"persoon-{person.pk}"))
    outcome = network_actions.propose_stays(member, person, answer == YES)
    if outcome == StaysOutcome.PROPOSED:
        messages.success(request, _("Dank je. Je hulpverlener kijkt ernaar."))
    elif outcome == StaysOutcome.WITHDRAWN:
        messages.success(request, _("Je voorstel is teruggenomen."))
    return redirect(_page_url(f"persoon-{person.pk}"))


@member_required
@require_POST
def withdraw(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """Take back one's own open proposal of a new person (once; already decided: a message)."""
    member = request.member
    proposal = get_for_member(
        member, rights_of(member), NetworkProposal.objects.filter(proposed_by=member), pk
    )
    if network_actions.withdraw(member, proposal):
        messages.success(request, _("Je voorstel is teruggenomen."))
    else:
        messages.info(request, _("Je hulpverlener had er al naar gekeken."))
    return redirect(_page_url("voorstellen"))
