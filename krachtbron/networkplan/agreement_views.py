"""The Afspraken tab of the family file: the agreements by goal, with who does what and when,
the overload warnings, the aanspreekpunten, the suggestions, and what the family added or
changed in Mijn Krachtbron (handreiking §3.2, §4.4).

Each view goes through the permission helpers (``families.permissions``), logs its look, and
writes through ``agreement_actions`` (ADR 11: ``save_form`` with the optimistic version; create
forms carry a one-time key, ``create_once``).
"""

from functools import partial

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.closing import back_to_walk
from krachtbron.families.file_tabs import file_context
from krachtbron.families.models import Family
from krachtbron.families.permissions import get_family_for_user
from krachtbron.lib.idempotency import create_once
from krachtbron.lib.locking import save_form
from krachtbron.network.models import NetworkPerson
from krachtbron.network.permissions import get_person_for_user
from krachtbron.networkplan import agreement_actions as actions
from krachtbron.networkplan.agreement_forms import AgreementForm, ContactPointForm
from krachtbron.networkplan.agreements import (
    AgreementRefused,
    carer_limit,
    contact_point_of,
    family_board,
    performer_of,
)
from krachtbron.networkplan.permissions import get_agreement_for_user

TAB = "agreements"


def _tab_url(family: Family, anchor: str = "") -> str:
    return reverse("networkplan:agreements", args=[family.pk]) + (f"#{anchor}" if anchor else "")


@require_safe
def agreements(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The tab: agreements grouped by goal, warnings, aanspreekpunten, suggestions."""
    family = get_family_for_user(request.user, pk)
    board = family_board(family)
    log_access(request.user, family, AccessKind.READ, object_type="agreements")
    context = file_context(family, TAB, board=board, limit=carer_limit())
    return render(request, "networkplan/agreements.html", context)


@create_once
@require_http_methods(["GET", "POST"])
def agreement_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    initial = {}
    goal = request.GET.get("doel", "")
    if goal.isdigit():
        initial["goal"] = goal
    form = AgreementForm(request.POST or None, family=family, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = actions.add_agreement(request.user, family, **form.agreement_fields())
        except AgreementRefused:
            form.add_error(None, _("Kies een doel en iemand van dit gezin."))
        else:
            messages.success(request, _("De afspraak staat erin."))
            return redirect(_tab_url(family, f"afspraak-{agreement.pk}"))
    log_access(request.user, family, AccessKind.READ, object_type="agreement_form")
    context = file_context(family, TAB, form=form)
    return render(request, "networkplan/agreement_form.html", context)


@create_once
@require_http_methods(["GET", "POST"])
def agreement_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, pk)
    family = agreement.family
    initial = {
        "goal": agreement.goal_id,
        "text": agreement.text,
        "performer": performer_of(agreement).value,
        "when": agreement.when,
        "status": agreement.status,
        "version": agreement.version,
    }
    form = AgreementForm(
        request.POST or None, family=family, user=request.user, initial=initial, editing=True
    )
    save = partial(actions.update_agreement, request.user, agreement)
    try:
        saved = save_form(request, form, save, changes=AgreementForm.agreement_fields)
    except AgreementRefused:
        form.add_error(None, _("Kies een doel en iemand van dit gezin."))
        saved = False
    back = back_to_walk(request, family)  # opened from the closing walk: return there
    if saved:
        messages.success(request, _("De afspraak is bijgewerkt."))
        return redirect(back or _tab_url(family, f"afspraak-{agreement.pk}"))
    log_access(request.user, family, AccessKind.READ, agreement)
    context = file_context(family, TAB, form=form, agreement=agreement, back_url=back)
    return render(request, "networkplan/agreement_form.html", context)


@require_POST
def agreements_seen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """ "Gezien": what the family added or changed is no longer marked new."""
    family = get_family_for_user(request.user, pk)
    if actions.mark_seen(request.user, family):
        messages.success(request, _("Gezien. De afspraken zijn niet meer als nieuw gemarkeerd."))
    return redirect(_tab_url(family))


@create_once
@require_http_methods(["GET", "POST"])
def contact_point(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The aanspreekpunt of one person from the map: someone else from the map, or words."""
    person = get_person_for_user(request.user, pk)
    family = person.family
    others = list(NetworkPerson.objects.filter(family=family).exclude(pk=person.pk))
    point = contact_point_of(person)
    initial = {
        "turns_to": str(point.turns_to_id) if point and point.turns_to_id else "",
        "turns_to_text": point.turns_to_text if point else "",
        "version": point.version if point else 0,
    }
    form = ContactPointForm(request.POST or None, persons=others, initial=initial)
    save = partial(actions.set_contact_point, request.user, person)
    if save_form(request, form, save, changes=ContactPointForm.contact_fields):
        messages.success(request, _("Het aanspreekpunt is bewaard."))
        return redirect(_tab_url(family, "aanspreekpunten"))
    log_access(request.user, family, AccessKind.READ, person)
    context = file_context(family, TAB, form=form, person=person)
    return render(request, "networkplan/agreement_contact_form.html", context)
