"""Afspraken in Mijn Krachtbron (issue 15, item 1): what we agreed, an agreement in plain words,
"gedaan / loopt / gestopt", and the aanspreekpunt of a person who helps.

Only the goals, agreements and persons ``families.rights`` lets this member see
(``networkplan.agreements.member_board``); the overload warning only where the adviser shared
the person's marks. Every look writes a READ row and every change its own row, the member as
the actor (``networkplan.agreement_actions``); the adviser sees in the file what the family
added or changed. No page needs JavaScript.
"""

from functools import partial

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from krachtbron.families.models import FamilyMember, Goal
from krachtbron.families.rights import ViewerRights, rights_of
from krachtbron.lib.idempotency import create_once
from krachtbron.lib.locking import StaleEditError, save_form
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan import agreement_actions
from krachtbron.networkplan.agreement_forms import ContactPointForm
from krachtbron.networkplan.agreements import (
    MEMBER_STATUSES,
    contact_point_of,
    member_agreements,
    member_board,
    parse_performer_value,
)
from krachtbron.portal import actions
from krachtbron.portal.agreement_forms import MemberAgreementForm, MemberStatusForm
from krachtbron.portal.http import MemberHttpRequest, member_required
from krachtbron.portal.permissions import get_for_member, refuse, refuse_posted


def _page_url(anchor: str = "") -> str:
    return reverse("portal:agreements") + (f"#{anchor}" if anchor else "")


@member_required
@require_safe
def agreements(request: MemberHttpRequest) -> HttpResponse:
    """Wat we hebben afgesproken: by goal, with who and when; warnings, aanspreekpunten and
    suggestions."""
    member = request.member
    board = member_board(rights_of(member), closed=request.portal_access.closed)
    actions.log_member_page(member, member.family, "portal_agreements")
    context = {"member": member, "board": board, "statuses": MEMBER_STATUSES}
    return render(request, "portal/afspraken.html", context)


def _form(member: FamilyMember, rights: ViewerRights, data: object) -> MemberAgreementForm:
    goals = list(rights.filter(Goal.objects.all()).order_by("created_at", "id"))
    members = list(FamilyMember.objects.filter(family_id=member.family_id))
    persons = list(rights.filter(NetworkPerson.objects.all()))
    return MemberAgreementForm(data, goals=goals, members=members, persons=persons)


@member_required
@create_once
@require_http_methods(["GET", "POST"])
def agreement_add(request: MemberHttpRequest) -> HttpResponse:
    """An agreement in the member's own words, at a goal they may see."""
    member = request.member
    rights = rights_of(member)
    form = _form(member, rights, request.POST or None)
    goal = request.POST.get("goal", "")
    if goal.isdigit() and int(goal) not in form.goals:
        # A goal this member may not see (a sibling's own, another family's): no form error
        # but a refused look, logged (DENIED) as every other lookup of the portal.
        get_for_member(member, rights, Goal.objects.all(), goal)
    _refuse_foreign_performer(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agreement = agreement_actions.add_member_agreement(
            member,
            goal=data["goal"],
            text=data["text"],
            performer=data["performer"],
            when=data["when"],
        )
        messages.success(request, _("De afspraak staat erin. Je hulpverlener ziet hem ook."))
        return redirect(_page_url(f"afspraak-{agreement.pk}"))
    actions.log_member_page(member, member.family, "portal_agreement_form")
    status = 400 if form.errors else 200
    return render(
        request, "portal/afspraak_form.html", {"member": member, "form": form}, status=status
    )


def _refuse_foreign_performer(request: MemberHttpRequest, form: MemberAgreementForm) -> None:
    """A member ("m12") or person ("p7") in the performer select whom the form did not offer
    (another family's; a person of a sibling's own network): a refused look, as the goal."""
    kind, number = parse_performer_value(request.POST.get("performer", "")) or ("", None)
    if number is None:
        return
    offered = form.members if kind == "m" else form.persons
    if number not in offered:
        refuse(request.member, FamilyMember if kind == "m" else NetworkPerson, number)


@member_required
@require_POST
def agreement_status(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """ "Gedaan", "loopt" or "gestopt" on an agreement the member may see."""
    member = request.member
    rights = rights_of(member)
    agreement = get_for_member(
        member, rights, member_agreements(rights).select_related("family"), pk
    )
    form = MemberStatusForm(request.POST)
    anchor = f"afspraak-{agreement.pk}"
    if not form.is_valid():
        messages.error(request, _("Kies gedaan, loopt of gestopt. Er is niets veranderd."))
        return redirect(_page_url(anchor))
    try:
        changed = agreement_actions.set_member_status(
            member, agreement, form.cleaned_data["version"], form.cleaned_data["status"]
        )
    except StaleEditError:
        messages.error(
            request,
            _(
                "Iemand anders heeft deze afspraak net veranderd. "
                "Kijk wat er nu staat en kies opnieuw."
            ),
        )
        return redirect(_page_url(anchor))
    if changed:
        messages.success(request, _("Bewaard. Je hulpverlener ziet het ook."))
    return redirect(_page_url(anchor))


@member_required
@create_once
@require_http_methods(["GET", "POST"])
def agreement_contact(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """The aanspreekpunt of a person the member may see: someone else they may see, or words."""
    member = request.member
    rights = rights_of(member)
    person = get_for_member(
        member, rights, NetworkPerson.objects.select_related("family", "contact_point"), pk
    )
    refuse_posted(request, rights, "turns_to", NetworkPerson.objects.all())
    others = [p for p in rights.filter(NetworkPerson.objects.all()) if p.pk != person.pk]
    point = contact_point_of(person)
    visible = {p.pk for p in others}
    initial = {
        "turns_to": str(point.turns_to_id) if point and point.turns_to_id in visible else "",
        "turns_to_text": point.turns_to_text if point else "",
        "version": point.version if point else 0,
    }
    form = ContactPointForm(request.POST or None, persons=others, initial=initial)
    save = partial(agreement_actions.set_contact_point, actions.member_actor(member), person)
    if save_form(request, form, save, changes=ContactPointForm.contact_fields):
        messages.success(request, _("Bewaard. Nu weet iedereen bij wie hij terecht kan."))
        return redirect(_page_url("aanspreekpunten"))
    actions.log_member_page(member, member.family, "portal_contact_point_form")
    status = 400 if form.errors else 200
    context = {"member": member, "form": form, "person": person}
    return render(request, "portal/afspraak_aanspreekpunt.html", context, status=status)
