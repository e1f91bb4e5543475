"""The conversation planner: prepare a conversation with the gesprekswaaier, record the outcome.

Team plans live under /gesprekken/; family plans live in the family file (tab "Gesprekken") and
every view of one writes an access-log row. Both kinds share the views below through a Scope
that says how a plan is looked up, which URLs it uses and whether it is logged.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from krachtbron.accounts.decorators import role_required
from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.accounts.models import Role
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.file_tabs import file_context
from krachtbron.families.permissions import get_family_for_user
from krachtbron.knowledge import actions, library
from krachtbron.knowledge.forms import PlanForm, RecordForm
from krachtbron.knowledge.models import ConversationPlan
from krachtbron.knowledge.permissions import (
    can_delete_team_plan,
    get_family_plan_for_user,
    get_team_plan_for_user,
    visible_team_plans,
)
from krachtbron.lib.idempotency import create_once
from krachtbron.lib.locking import save_form

PAGE_SIZE = 25


@dataclass(frozen=True)
class Scope:
    key: str
    get: Callable[[Any, Any], ConversationPlan]
    detail: str
    edit: str
    record: str
    delete: str


TEAM = Scope(
    "team",
    get_team_plan_for_user,
    "knowledge:plan",
    "knowledge:plan_edit",
    "knowledge:plan_record",
    "knowledge:plan_delete",
)
FAMILY = Scope(
    "family",
    get_family_plan_for_user,
    "knowledge:family_plan",
    "knowledge:family_plan_edit",
    "knowledge:family_plan_record",
    "knowledge:family_plan_delete",
)

plans_role = role_required(Role.ADVISEUR, Role.TEAMLEIDER)


def _context(plan: ConversationPlan | None, scope: Scope, **extra: Any) -> dict[str, Any]:
    """Context for plan pages; a family plan's pages carry the family file header and tabs."""
    family = extra.pop("family", None) or (plan.family if plan is not None else None)
    base = {"plan": plan, "scope": scope, **extra}
    if family is not None:
        return file_context(family, "conversations", **base)
    return base


def _log_read(
    request: AuthenticatedHttpRequest, plan: ConversationPlan, object_type: str = ""
) -> None:
    if plan.family is not None:
        log_access(request.user, plan.family, AccessKind.READ, plan, object_type=object_type)


def _chosen_cards(plan: ConversationPlan) -> list[dict[str, Any]]:
    lib = library.current()
    return [
        {"card": card, "questions": card.questions_for(plan.audiences)}
        for card_id in plan.cards
        if (card := lib.cards.get(card_id)) is not None
    ]


# --- Lists and creation ------------------------------------------------------------------------


@plans_role
@require_safe
def team_plans(request: AuthenticatedHttpRequest) -> HttpResponse:
    plans = visible_team_plans(request.user).select_related("owner", "team")
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "knowledge/plans.html", {"page": page})


@plans_role
@create_once
@require_http_methods(["GET", "POST"])
def team_plan_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.team_id:
        raise PermissionDenied
    form = PlanForm(request.POST or None, initial=_initial_cards(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = actions.create_team_plan(request.user, **data)
        messages.success(request, _("Het gesprek is voorbereid."))
        return redirect(TEAM.detail, pk=plan.pk)
    return render(request, "knowledge/plan_form.html", _context(None, TEAM, form=form))


@require_safe
def family_plans(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    plans = list(ConversationPlan.objects.filter(family=family).select_related("owner"))
    log_access(request.user, family, AccessKind.READ, object_type="conversation_plans")
    return render(
        request,
        "knowledge/family_plans.html",
        _context(None, FAMILY, family=family, plans=plans, cards=library.all_cards()),
    )


@create_once
@require_http_methods(["GET", "POST"])
def family_plan_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    form = PlanForm(request.POST or None, initial=_initial_cards(request), family_plan=True)
    if request.method == "POST" and form.is_valid():
        plan = actions.create_family_plan(request.user, family, **form.cleaned_data)
        messages.success(request, _("Het gesprek is voorbereid."))
        return redirect(FAMILY.detail, pk=plan.pk)
    log_access(request.user, family, AccessKind.READ, object_type="conversation_plan_form")
    return render(
        request, "knowledge/plan_form.html", _context(None, FAMILY, family=family, form=form)
    )


def _initial_cards(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """?kaart=<id> (from a card's page) pre-selects that card; an unknown id is ignored."""
    card_id = request.GET.get("kaart", "")
    return {"cards": [card_id]} if card_id in library.current().cards else {}


# --- One plan ----------------------------------------------------------------------------------


def _detail(request: AuthenticatedHttpRequest, pk: int, scope: Scope) -> HttpResponse:
    plan = scope.get(request.user, pk)
    _log_read(request, plan)
    can_delete = plan.family is not None or can_delete_team_plan(request.user, plan)
    labels = [library.AUDIENCES[a] for a in plan.audiences if a in library.AUDIENCES]
    context = _context(
        plan, scope, chosen=_chosen_cards(plan), can_delete=can_delete, audience_labels=labels
    )
    return render(request, "knowledge/plan_detail.html", context)


def _edit(request: AuthenticatedHttpRequest, pk: int, scope: Scope) -> HttpResponse:
    plan = scope.get(request.user, pk)
    initial = {name: getattr(plan, name) for name in actions.PLAN_FIELDS}
    initial["version"] = plan.version
    form = PlanForm(request.POST or None, initial=initial, family_plan=plan.family is not None)
    form.fields["version"].required = True
    if save_form(request, form, partial(actions.update_plan, request.user, plan)):
        messages.success(request, _("De voorbereiding is opgeslagen."))
        return redirect(scope.detail, pk=plan.pk)
    _log_read(request, plan, "conversation_plan_form")
    return render(request, "knowledge/plan_form.html", _context(plan, scope, form=form))


def _record(request: AuthenticatedHttpRequest, pk: int, scope: Scope) -> HttpResponse:
    plan = scope.get(request.user, pk)
    initial = {name: getattr(plan, name) for name in actions.RECORD_FIELDS}
    initial["version"] = plan.version
    form = RecordForm(request.POST or None, initial=initial)
    if save_form(request, form, partial(actions.update_plan, request.user, plan)):
        messages.success(request, _("De aantekeningen en afspraken zijn opgeslagen."))
        return redirect(scope.detail, pk=plan.pk)
    _log_read(request, plan, "conversation_plan_form")
    context = _context(plan, scope, form=form, chosen=_chosen_cards(plan))
    return render(request, "knowledge/plan_record.html", context)


def _delete(request: AuthenticatedHttpRequest, pk: int, scope: Scope) -> HttpResponse:
    plan = scope.get(request.user, pk)
    if plan.family is None and not can_delete_team_plan(request.user, plan):
        raise PermissionDenied
    family = plan.family
    actions.delete_plan(request.user, plan)
    messages.success(request, _("Het gesprek is verwijderd."))
    if family is not None:
        return redirect("knowledge:family_plans", pk=family.pk)
    return redirect("knowledge:plans")


@plans_role
@require_safe
def team_plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk, TEAM)


@plans_role
@create_once
@require_http_methods(["GET", "POST"])
def team_plan_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _edit(request, pk, TEAM)


@plans_role
@create_once
@require_http_methods(["GET", "POST"])
def team_plan_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _record(request, pk, TEAM)


@plans_role
@require_POST
def team_plan_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _delete(request, pk, TEAM)


@require_safe
def family_plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk, FAMILY)


@create_once
@require_http_methods(["GET", "POST"])
def family_plan_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _edit(request, pk, FAMILY)


@create_once
@require_http_methods(["GET", "POST"])
def family_plan_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _record(request, pk, FAMILY)


@require_POST
def family_plan_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _delete(request, pk, FAMILY)
