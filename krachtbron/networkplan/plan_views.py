"""The file tab "Netwerkplan" for the family's own advisers: the plan as the family has it
(read-only), the same edits the family makes (a line of "wie bel je waarvoor", the goals in it),
the PDF, and which shares exist (with whom, their state; never a link: only the family shares).
The adviser may stop a share, with a reason from a list (``share_ends.stop_by_adviser``).

The adviser sees what is shared with the family (``build_network_plan(reader=None)``), never a
mark for professionals only: the plan is the family's document. Every look and change is logged
through ``families.permissions`` and ``networkplan.plan_actions`` (the adviser as the actor).
"""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families import stored_pdf
from krachtbron.families.closing import family_access_ended
from krachtbron.families.file_tabs import file_context
from krachtbron.families.models import Family
from krachtbron.families.permissions import get_family_for_user, get_in_family
from krachtbron.lib.download import attachment
from krachtbron.lib.idempotency import create_once
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan import plan_actions
from krachtbron.networkplan.choices import ShareEnd
from krachtbron.networkplan.models import Share
from krachtbron.networkplan.permissions import get_call_for_user, get_share_for_user
from krachtbron.networkplan.plan import (
    NetworkPlanView,
    build_network_plan,
    pdf_variant,
    plan_pdf_filename,
    plan_pdf_html,
)
from krachtbron.networkplan.plan_forms import STOP_CHOICES, CallForm, GoalsForm, StopShareForm
from krachtbron.networkplan.share_ends import stop_by_adviser
from krachtbron.networkplan.sharing import problem_of

TAB = "network_plan"


def _url(family: Family, anchor: str = "") -> str:
    return reverse("networkplan:plan", args=[family.pk]) + (f"#{anchor}" if anchor else "")


def _persons(family: Family) -> list[tuple[int, str]]:
    return list(
        NetworkPerson.objects.filter(family=family)
        .order_by("closeness", "label", "id")
        .values_list("pk", "label")
    )


def _goal_choices(view: NetworkPlanView) -> list[tuple[int, str]]:
    return [(goal.pk, f"{goal.text} ({goal.who})") for goal in view.goals]


def _tab_page(
    request: AuthenticatedHttpRequest,
    family: Family,
    call_form: CallForm | None = None,
    status: int = 200,
) -> HttpResponse:
    view = build_network_plan(family)
    now = timezone.now()
    ended = family_access_ended(family, timezone.localdate(now))
    shares = [
        {
            "share": share,
            "state": (
                problem.value
                if (problem := problem_of(share, now, access_ended=ended))
                else "active"
            ),
        }
        for share in Share.objects.filter(plan__family=family)
        .select_related("person", "created_by", "withdrawn_by")
        .order_by("-created_at", "-id")
    ]
    context = file_context(
        family,
        TAB,
        view=view,
        shares=shares,
        call_form=call_form or CallForm(persons=_persons(family)),
        stop_reasons=STOP_CHOICES,
        goals_form=GoalsForm(
            goals=_goal_choices(view), initial={"goals": [g.pk for g in view.shared_goals]}
        ),
    )
    return render(request, "networkplan/plan_tab.html", context, status=status)


@require_safe
def plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The tab: the plan, the edits, the shares (with whom and their state)."""
    family = get_family_for_user(request.user, pk)
    log_access(request.user, family, AccessKind.READ, object_type="network_plan")
    # The PDF this tab offers, made by the worker before the click (nothing when it is there).
    stored_pdf.ask(family, pdf_variant(None, get_language()))
    return _tab_page(request, family)


@require_safe
def plan_pdf_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The family's netwerkplan as PDF (the PRINT row is committed first, SECURITY.md 26)."""
    family = get_family_for_user(request.user, pk)
    view = build_network_plan(family)
    with transaction.atomic():
        log_access(
            request.user,
            family,
            AccessKind.PRINT,
            object_type="network_plan",
            extra={"format": "pdf"},
        )
    # From the store when the HTML of now is the stored one's (families.stored_pdf).
    body = stored_pdf.pdf(family, pdf_variant(None, get_language()), plan_pdf_html(view))
    response = HttpResponse(body, content_type="application/pdf")
    attachment(response, plan_pdf_filename(view))
    return response


@require_POST
@create_once
def call_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add a line of "wie bel je waarvoor" for the family (logged with the adviser)."""
    family = get_family_for_user(request.user, pk)
    form = CallForm(request.POST, persons=_persons(family))
    if not form.is_valid():
        log_access(request.user, family, AccessKind.READ, object_type="network_plan")
        return _tab_page(request, family, call_form=form, status=400)
    data = form.cleaned_data
    person = get_in_family(request.user, family, NetworkPerson.objects.all(), data["person"])
    call = plan_actions.add_call(request.user, family, person, data["call_for"], data["phone"])
    messages.success(request, _("De regel staat in het netwerkplan."))
    return redirect(_url(family, f"bellen-{call.pk}"))


@require_POST
def call_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    call = get_call_for_user(request.user, pk)
    family = call.plan.family
    plan_actions.remove_call(request.user, call)
    messages.success(request, _("De regel is uit het netwerkplan gehaald."))
    return redirect(_url(family, "bellen"))


@require_POST
def goals(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Which goals (shared with the family) are in the plan."""
    family = get_family_for_user(request.user, pk)
    view = build_network_plan(family)
    form = GoalsForm(request.POST, goals=_goal_choices(view))
    if not form.is_valid():
        messages.error(request, _("Kies alleen doelen uit de lijst. Er is niets veranderd."))
        return redirect(_url(family, "doelen"))
    if plan_actions.choose_goals(
        request.user, family, form.cleaned_data["goals"], [goal.pk for goal in view.goals]
    ):
        messages.success(request, _("De doelen in het netwerkplan zijn bewaard."))
    return redirect(_url(family, "doelen"))


@require_POST
def share_stop(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Stop a share on the family's request or for safety, with a reason from the list
    (``share_ends.stop_by_adviser``); the family sees that the adviser stopped it."""
    share = get_share_for_user(request.user, pk)
    family = share.plan.family
    form = StopShareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies waarom je het delen stopt. Er is niets veranderd."))
        return redirect(_url(family, f"gedeeld-{share.pk}"))
    if stop_by_adviser(request.user, share, ShareEnd(form.cleaned_data["reason"])):
        messages.success(request, _("Het delen is gestopt. De link werkt niet meer."))
    else:
        messages.info(request, _("Dit delen was al gestopt."))
    return redirect(_url(family, f"gedeeld-{share.pk}"))
