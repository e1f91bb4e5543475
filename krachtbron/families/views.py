"""The adviser's pages: caseload and the family file (overview, members, goals)."""

import json
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from krachtbron.accounts.decorators import role_required
from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.accounts.models import Role
from krachtbron.audit.forms import PeriodForm
from krachtbron.audit.log import log_access, log_access_list
from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.audit.reading import LOG_ZONE_NAME, in_period, rows_about_family
from krachtbron.families import actions, rights
from krachtbron.families.caseload import cards_html, caseload_cards
from krachtbron.families.caseload_order import caseload_page, read_choice
from krachtbron.families.choices import FamilyStatus, MemberRole
from krachtbron.families.copy_pdf import queue_copy_pdf
from krachtbron.families.file_copy import JSON, copy_parts, make_family_copy
from krachtbron.families.file_tabs import file_context
from krachtbron.families.forms import (
    CaseloadFilterForm,
    CopyForm,
    FamilyForm,
    GoalForm,
    MemberForm,
    RightsDecisionForm,
    gezag_initial,
)
from krachtbron.families.models import Family, FamilyMember
from krachtbron.families.permissions import (
    get_family_for_user,
    get_goal_for_user,
    get_member_for_user,
    get_rights_decision_for_user,
    visible_families,
)
from krachtbron.lib.download import attachment
from krachtbron.lib.filters import active_filters, filter_form
from krachtbron.lib.idempotency import create_once
from krachtbron.lib.locking import save_form
from krachtbron.lib.unique import save_or_form_error

PAGE_SIZE = 25


@require_safe
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Send each role to the page they start their day with."""
    role = request.user.role
    if role == Role.TEAMLEIDER:
        return redirect("families:team")
    if role == Role.BEHEERDER:
        return redirect("accounts:user_list")
    if role == Role.ONDERZOEKER:
        return redirect("research:home")
    return redirect("families:caseload")


works_with_families = role_required(Role.ADVISEUR, Role.TEAMLEIDER)


@works_with_families
@require_http_methods(["GET", "POST"])
def caseload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The families on my caseload, searchable without names ever reaching a URL."""
    form, done = filter_form(request, "caseload", CaseloadFilterForm, user=request.user)
    if done:
        return done
    filters = active_filters(form)
    families = visible_families(request.user).select_related("team")
    if q := filters.get("q"):
        # A subquery, not a join: a family with two matching members stays one row.
        by_member = FamilyMember.objects.filter(first_name__icontains=q).values("family_id")
        families = families.filter(
            Q(display_name__icontains=q) | Q(reference__icontains=q) | Q(pk__in=by_member)
        )
    if team := filters.get("team"):
        families = families.filter(team=team)
    if status := filters.get("status"):
        families = families.filter(status=status)
    attention_form, choice = read_choice(request.GET)
    page, found = caseload_page(
        families,
        choice,
        prepare=_with_card_data,
        adviser_id=request.user.pk,
        now=timezone.now(),
        page_size=PAGE_SIZE,
        number=request.GET.get("page"),
        # Nothing filtered: the team select's query counted the whole caseload already.
        count=None if filters else sum(team.families for team in form.teams),
    )
    # One READ row naming every family shown, so each family's "Wie keek mee" has it; whether
    # the list was searched or filtered is noted, the search words never are.
    extra = _list_extra({**filters, **({"aandacht": 1} if choice.signal else {})})
    log_access_list(request.user, page, object_type="caseload", extra=extra)
    cards = caseload_cards(page, found)
    context = {
        "form": form,
        "attention_form": attention_form,
        "choice": choice,
        "page": page,
        "cards": cards,
        "cards_html": cards_html(cards),
        "filtered": bool(filters),
    }
    return render(request, "families/caseload.html", context)


def _with_card_data(families: QuerySet[Family]) -> QuerySet[Family]:
    """What a caseload card needs on the family row besides its team (``select_related``):
    nothing; its advisers and member counts are fetched for the page's 25 families only, as
    values() rows in ``caseload_cards``, not over the caseload."""
    return families


def _list_extra(filters: dict[str, object]) -> dict[str, object]:
    """What a list row notes about the list: which filters were on, never their values."""
    return {"filtered": sorted(filters)} if filters else {}


@works_with_families
@create_once
@require_http_methods(["GET", "POST"])
def family_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    initial = {"team": request.user.team_id}
    form = FamilyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # A dossier number taken at the same moment: the form's own message, input kept.
        family = save_or_form_error(
            form,
            lambda: actions.create_family(
                request.user,
                team=data["team"],
                display_name=data["display_name"],
                status=data["status"],
                reference=data["reference"],
            ),
        )
        if family is not None:
            messages.success(request, _("Het gezin is toegevoegd."))
            if request.user.role == Role.ADVISEUR:
                return redirect("families:detail", pk=family.pk)
            return redirect("families:team")
    return render(request, "families/family_form.html", {"form": form})


@require_safe
def family_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    members = list(family.members.all())
    goals = list(family.goals.select_related("member"))
    advisers = list(family.assignments.select_related("adviser"))
    log_access(request.user, family, AccessKind.READ)
    context = file_context(family, "overview", members=members, goals=goals, assignments=advisers)
    return render(request, "families/family_detail.html", context)


@create_once
@require_http_methods(["GET", "POST"])
def family_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    initial = {
        "display_name": family.display_name,
        "team": family.team_id,
        "status": family.status,
        "version": family.version,
    }
    closed = family.status == FamilyStatus.CLOSED
    form = FamilyForm(request.POST or None, initial=initial, editing=True, closed=closed)
    if save_form(request, form, partial(actions.update_family, request.user, family)):
        messages.success(request, _("De gegevens van het gezin zijn opgeslagen."))
        return redirect("families:detail", pk=family.pk)
    # Every showing of the form is a look at the file, a re-shown one included.
    log_access(request.user, family, AccessKind.READ, object_type="family_form")
    return render(request, "families/family_form.html", file_context(family, "overview", form=form))


@create_once
@require_http_methods(["GET", "POST"])
def member_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data.pop("version", None)
        actions.add_member(request.user, family, **data)
        messages.success(request, _("Het gezinslid is toegevoegd."))
        return redirect("families:detail", pk=family.pk)
    # The form shows the file's header: every showing is a look at the file, a re-shown one too.
    log_access(request.user, family, AccessKind.READ, object_type="member_form")
    return render(request, "families/member_form.html", file_context(family, "overview", form=form))


@create_once
@require_http_methods(["GET", "POST"])
def member_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = get_member_for_user(request.user, pk)
    family = member.family
    initial = {
        "first_name": member.first_name,
        "role": member.role,
        "birth_year": member.birth_year,
        "birth_date": member.birth_date,
        "has_parental_authority": gezag_initial(member.has_parental_authority),
        "version": member.version,
    }
    form = MemberForm(request.POST or None, initial=initial)
    form.fields["version"].required = True
    if save_form(request, form, partial(actions.update_member, request.user, member)):
        messages.success(request, _("Het gezinslid is opgeslagen."))
        return redirect("families:detail", pk=family.pk)
    # Every showing of the form is a look at the file, a re-shown one included.
    log_access(request.user, family, AccessKind.READ, member)
    context = file_context(family, "overview", form=form, member=member)
    return render(request, "families/member_form.html", context)


@require_POST
def member_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = get_member_for_user(request.user, pk)
    family = member.family
    actions.delete_member(request.user, member)
    messages.success(request, _("Het gezinslid is verwijderd."))
    return redirect("families:detail", pk=family.pk)


@create_once
@require_http_methods(["GET", "POST"])
def goal_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    form = GoalForm(request.POST or None, family=family, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data.pop("version", None)
        actions.add_goal(request.user, family, **data)
        messages.success(request, _("Het doel is toegevoegd."))
        return redirect("families:detail", pk=family.pk)
    # The form lists the members: every showing is a look at the file, a re-shown one too.
    log_access(request.user, family, AccessKind.READ, object_type="goal_form")
    return render(request, "families/goal_form.html", file_context(family, "overview", form=form))


@create_once
@require_http_methods(["GET", "POST"])
def goal_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk)
    family = goal.family
    initial = {
        "text": goal.text,
        "member": goal.member_id,
        "life_domain": goal.life_domain,
        "dimension": goal.dimension,
        "status": goal.status,
        "visibility": goal.visibility,
        "version": goal.version,
    }
    form = GoalForm(request.POST or None, initial=initial, family=family, user=request.user)
    form.fields["version"].required = True
    if save_form(request, form, partial(actions.update_goal, request.user, goal)):
        messages.success(request, _("Het doel is opgeslagen."))
        return redirect("families:detail", pk=family.pk)
    # Every showing of the form is a look at the file, a re-shown one included.
    log_access(request.user, family, AccessKind.READ, goal)
    context = file_context(family, "overview", form=form, goal=goal)
    return render(request, "families/goal_form.html", context)


@require_POST
def goal_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk)
    family = goal.family
    actions.delete_goal(request.user, goal)
    messages.success(request, _("Het doel is verwijderd."))
    return redirect("families:detail", pk=family.pk)


@create_once(replay_message=gettext_lazy("Deze kopie is al gevraagd."))
@require_http_methods(["GET", "POST"])
def family_copy_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The copy of the file for the member who asks (AVG art. 15): JSON as a download at once;
    the PDF is logged and queued (``copy_pdf``), made in the background, and the adviser is
    sent to its page (``prepared_views.copy_file``)."""
    family = get_family_for_user(request.user, pk)
    form = CopyForm(request.POST or None, family=family, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["format"] != JSON:
            # Logged before anything is rendered (SECURITY.md 26), in the queue's transaction.
            file = queue_copy_pdf(
                request.user,
                request.user,
                family,
                data["requester"],
                include_third_parties=data["third_parties"],
            )
            return redirect("families:copy_file", pk=family.pk, file_id=file.pk)
        copy = make_family_copy(
            request.user,
            family,
            data["requester"],
            include_third_parties=data["third_parties"],
            fmt=data["format"],
        )
        body = json.dumps(copy.as_json(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        attachment(response, "kopie-dossier.json")
        return response
    # Every showing of the form is a look at the file, a re-shown one included.
    log_access(request.user, family, AccessKind.READ, object_type="copy_form")
    members = list(family.members.all())
    context = file_context(
        family,
        "access",
        form=form,
        parts=copy_parts(),
        age_unknown=[m for m in members if m.role != MemberRole.PARENT and m.birth_year is None],
    )
    return render(request, "families/copy.html", context)


@require_http_methods(["GET", "POST"])
def access_history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Who opened this file, per period: the list a family may ask for (SECURITY.md 18)."""
    family = get_family_for_user(request.user, pk)
    form, done = filter_form(request, f"access_history:{family.pk}", PeriodForm)
    if done:
        return done
    filters = active_filters(form)
    # Logged first: the page counts and lists its rows after, so this visit is among them.
    log_access(request.user, family, AccessKind.READ, object_type="access_history")
    # The file's own rows and the list pages that showed the family; refused attempts too, with
    # their result, as in the family's copy (``copy_parts.access_log_part``): one list, one answer.
    entries = rows_about_family(AccessLogEntry.objects.all(), [family.pk])
    entries = in_period(entries, filters.get("date_from"), filters.get("date_to"))
    page = Paginator(entries.select_related("actor").order_by("-at", "-id"), 50).get_page(
        request.GET.get("page")
    )
    context = file_context(
        family, "access", page=page, form=form, filtered=bool(filters), zone=LOG_ZONE_NAME
    )
    return render(request, "families/access_history.html", context)


#: A reason as the adviser reads it on "Wie ziet wat", where it differs from ``NotShared.label``:
#: that speaks to the family member who asks ("Je krijgt ...", in their copy of the file), but
#: here the adviser reads it on that member's row.
_STAFF_REASONS = {
    rights.NotShared.REQUESTER_IS_YOUNG: gettext_lazy(
        "Een jeugdige of kind ziet alleen de eigen gegevens, niet die van anderen."
    ),
}


def _reason_for_staff(reason: rights.NotShared | None) -> str:
    """The text of the "Waarom" cell for a member who may not see the data; "" when they may."""
    if reason is None:
        return ""
    return str(_STAFF_REASONS.get(reason, reason.label))


@create_once
@require_http_methods(["GET", "POST"])
def member_rights(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Who in the family may see this member's own data today, and why (families/rights.py);
    the decisions about it, and the form to record one."""
    member = get_member_for_user(request.user, pk)
    family = member.family
    form = RightsDecisionForm(
        request.POST or None, family=family, user=request.user, subject=member
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_rights_decision(
                request.user, member, data["other"], kind=data["kind"], reason=data["reason"]
            )
        except actions.RightsDecisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Het besluit is vastgelegd."))
            return redirect("families:member_rights", pk=member.pk)
    today = timezone.localdate()
    members = list(family.members.all())
    decisions = list(
        family.rights_decisions.filter(subject=member).select_related(
            "other", "decided_by", "ended_by"
        )
    )
    open_decisions = [d for d in decisions if d.ended_at is None]
    seen_by = [
        (other, _reason_for_staff(rights.why_not_shared(other, member, today, open_decisions)))
        for other in members
        if other.pk != member.pk
    ]
    log_access(request.user, family, AccessKind.READ, member, object_type="member_rights")
    context = file_context(
        family,
        "overview",
        form=form,
        member=member,
        age=rights.exact_age(member, today),
        portal=rights.may_have_portal(member, today),
        seen_by=seen_by,
        decisions=decisions,
    )
    return render(request, "families/member_rights.html", context)


@require_POST
def rights_decision_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    decision = get_rights_decision_for_user(request.user, pk)
    actions.end_rights_decision(request.user, decision)
    messages.success(request, _("Het besluit is beëindigd. Het blijft zichtbaar in het dossier."))
    return redirect("families:member_rights", pk=decision.subject_id)
