"""The adviser's side of Onze mensen: the family's open proposals at the top of the file's
Netwerk tab (a panel, ``families.file_tabs.register_panel``), "N voorstellen voor het netwerk"
on the caseload card (``network_actions.caseload_notes``), and *Bevestigen* / *Niet
overnemen* (with a reason the family reads)."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.file_tabs import FilePanel, file_context
from krachtbron.families.models import Family
from krachtbron.lib.prepared import Prepared
from krachtbron.network.models import NetworkProposal, ProposalStatus
from krachtbron.portal import network_actions
from krachtbron.portal.network_forms import DeclineForm
from krachtbron.portal.permissions import get_network_proposal_for_user


@dataclass(frozen=True)
class PanelData:
    proposals: list[NetworkProposal]
    form: DeclineForm | None = None  # the decline form with its errors (bad input)
    form_for: int | None = None


# Compiled once per process (``lib.prepared``): the Netwerk tab asks on every view.
_OPEN = Prepared(
    lambda family_id: (
        NetworkProposal.objects.filter(family_id=family_id, status=ProposalStatus.OPEN)
        .select_related("proposed_by", "member", "person")
        .order_by("created_at", "id")
    )
)


def open_proposals(family: Family) -> list[NetworkProposal]:
    """The family's open proposals, oldest first (one query)."""
    return list(_OPEN.rows(family.pk))


def network_panel(family: Family) -> FilePanel | None:
    """The panel "Voorstellen van het gezin" on the Netwerk tab (none when nothing is open)."""
    proposals = open_proposals(family)
    return (
        FilePanel("portal/staff/mensen_voorstellen.html", PanelData(proposals))
        if proposals
        else None
    )


def _back(family: Family) -> HttpResponse:
    return redirect(reverse("network:map", args=[family.pk]) + "#voorstellen")


@require_POST
def confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """*Bevestigen*: the proposal goes on the map (once; already decided: a message)."""
    proposal = get_network_proposal_for_user(request.user, pk)
    if network_actions.confirm(request.user, proposal):
        messages.success(request, _("Bevestigd. Het staat op de netwerkkaart."))
    else:
        messages.info(request, _("Over dit voorstel was al beslist."))
    return _back(proposal.family)


@require_POST
def decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """*Niet overnemen*, with an optional reason the family reads. Bad input: the form again
    (400) with the message and the typed reason kept; nothing changes."""
    proposal = get_network_proposal_for_user(request.user, pk)
    family = proposal.family
    form = DeclineForm(request.POST)
    if not form.is_valid():
        log_access(request.user, family, AccessKind.READ, object_type="network_proposals")
        data = PanelData(open_proposals(family), form, proposal.pk)
        context = file_context(family, "network", panel_data=data)
        return render(request, "portal/staff/mensen_niet_overnemen.html", context, status=400)
    if network_actions.decline(request.user, proposal, form.cleaned_data["reason"]):
        messages.success(request, _("Niet overgenomen. Het gezin ziet dit met je uitleg."))
    else:
        messages.info(request, _("Over dit voorstel was al beslist."))
    return _back(family)
