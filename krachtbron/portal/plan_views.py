"""Ons plan in Mijn Krachtbron: the plan, a goal in your own words, scoring yourself and
"hier wil ik over praten" (issue 14, items 1 and 2).

Every page is behind ``member_required`` and shows only what ``families.rights.rights_of`` lets
this member see; every look writes a READ row and every change goes through the file's one write
path (``families.actions`` / ``strengths.actions``: one transaction with its access-log row),
with the member as the actor. Create forms carry a one-time key (``lib.idempotency``). No page needs
JavaScript.
"""

from functools import cache
from urllib.parse import urlsplit

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from krachtbron.aftercare.actions import portal_notice
from krachtbron.families import actions as family_actions
from krachtbron.families import stored_pdf
from krachtbron.families.choices import Dimension
from krachtbron.families.models import Goal
from krachtbron.families.rights import rights_of
from krachtbron.lib.idempotency import create_once
from krachtbron.lib.locking import StaleEditError
from krachtbron.networkplan.agreements import member_board
from krachtbron.portal import actions, own_goals, plan_actions
from krachtbron.portal.http import MemberHttpRequest, member_required
from krachtbron.portal.permissions import get_for_member
from krachtbron.portal.plan import goal_score_label, our_plan
from krachtbron.portal.plan_forms import (
    FOR_ALL,
    FOR_ME,
    FamilyGoalForm,
    OwnGoalForm,
    OwnScoreForm,
    TakeBackForm,
)
from krachtbron.portal.session import Via
from krachtbron.questionnaires.models import Answer
from krachtbron.strengths import actions as strength_actions
from krachtbron.strengths.plan import pdf_variant


@cache
def _home() -> str:
    return reverse("portal:home")


def _to_home(anchor: str) -> HttpResponseRedirect:
    """Back to Ons plan at ``anchor`` (PRG). The path is known, so no ``redirect()``: that
    first tries the path as a URL name, and its failed look-up cost more than the rest of the
    answer (docs/mijn-krachtbron.md, "Snelheid")."""
    return HttpResponseRedirect(f"{_home()}#{anchor}")


@member_required
@require_safe
def home(request: MemberHttpRequest) -> HttpResponse:
    """Ons plan: what we agreed (the afspraken, first), the question, the goals with their
    numbers, strengths and what is hard, the member's own scores, and what is agreed next."""
    member = request.member
    rights = rights_of(member)
    plan = our_plan(member, rights)
    actions.log_member_page(member, member.family, "portal_home")
    # The PDF the page offers ("Ons plan op papier"), made by the worker before the click.
    stored_pdf.ask(member.family, pdf_variant(member, get_language()))
    context = {
        "member": member,
        "plan": plan,
        "agreements": member_board(rights, closed=request.portal_access.closed),
        "one_time": request.member_session.via is Via.ONE_TIME,
        "aftercare": portal_notice(member.family, request.portal_access),
    }
    return render(request, "portal/home.html", context)


@member_required
@create_once
@require_http_methods(["GET", "POST"])
def goal_add(request: MemberHttpRequest) -> HttpResponse:
    """A goal in the member's own words: for themselves or for the whole family."""
    member = request.member
    form = FamilyGoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        goal = family_actions.add_family_goal(
            member,
            text=data["text"],
            life_domain=data["life_domain"],
            for_whole_family=data["for_whom"] == FOR_ALL,
        )
        messages.success(
            request, _("Je doel staat erin. Je hulpverlener bespreekt het met jullie.")
        )
        return _to_home(f"doel-{goal.pk}")
    actions.log_member_page(member, member.family, "portal_goal_form")
    status = 400 if form.errors else 200
    return render(
        request,
        "portal/plan_goal_form.html",
        {"member": member, "form": form},
        status=status,
    )


def _own_goal(request: MemberHttpRequest, pk: int) -> Goal:
    """The goal ``pk`` when this member wrote it and may still see it, else 404 (and a DENIED
    row for its family, ``get_for_member``): another member's goal or the adviser's does not
    exist here."""
    member = request.member
    own = Goal.objects.select_related("family").filter(added_by_member=member)
    return get_for_member(member, rights_of(member), own, pk)


def _agreed_meanwhile(request: MemberHttpRequest, goal: Goal) -> HttpResponseRedirect:
    messages.info(request, own_goals.agreed_already())
    return _to_home(f"doel-{goal.pk}")


def _changed_meanwhile() -> str:
    return _(
        "Iemand heeft dit doel net veranderd. Wat jij typte, staat hieronder nog. "
        "Kijk of het klopt. Klik dan weer op 'Doel bewaren'."
    )


@member_required
@create_once(replay_message=gettext_lazy("Je doel is al aangepast."))
@require_http_methods(["GET", "POST"])
def goal_edit(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """Correct a goal you wrote yourself, while the adviser has not agreed it (``own_goals``).
    What was typed stays on every error; a change in between (``StaleEditError``) shows the
    typed words again with the goal's new version, so the next save is a choice."""
    member = request.member
    goal = _own_goal(request, pk)
    if not own_goals.may_edit(goal):
        return _agreed_meanwhile(request, goal)
    initial = {
        "text": goal.text,
        "life_domain": goal.life_domain,
        "for_whom": FOR_ME if goal.member_id else FOR_ALL,
        "version": goal.version,
    }
    form = OwnGoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = own_goals.edit_own_goal(
                member,
                goal,
                data["version"],
                text=data["text"],
                life_domain=data["life_domain"],
                for_whole_family=data["for_whom"] == FOR_ALL,
            )
        except StaleEditError:
            goal = _own_goal(request, pk)
            if not own_goals.may_edit(goal):
                return _agreed_meanwhile(request, goal)
            typed = request.POST.copy()
            typed["version"] = str(goal.version)
            form = OwnGoalForm(typed, initial=initial)
            form.is_valid()
            form.add_error(None, _changed_meanwhile())
        else:
            if changed:
                messages.success(request, _("Je doel is aangepast. Je hulpverlener ziet het."))
            return _to_home(f"doel-{goal.pk}")
    actions.log_member_page(member, member.family, "portal_goal_edit")
    context = {"member": member, "form": form, "goal": goal}
    status = 409 if form.non_field_errors() else 400 if form.errors else 200
    return render(request, "portal/plan_goal_form.html", context, status=status)


@member_required
@create_once(replay_message=gettext_lazy("Je doel is al teruggenomen."))
@require_http_methods(["GET", "POST"])
def goal_take_back(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """Take back a goal you wrote yourself: first the question, then "Ja, neem het terug" (a
    POST). Not when it is agreed or something builds on it (``own_goals.take_back_refusal``)."""
    member = request.member
    goal = _own_goal(request, pk)
    refusal = own_goals.take_back_refusal(goal)
    if refusal:
        messages.info(request, refusal)
        return _to_home(f"doel-{goal.pk}")
    form = TakeBackForm(request.POST or None, initial={"version": goal.version})
    changed = False
    if request.method == "POST" and form.is_valid():
        try:
            own_goals.take_back_own_goal(member, goal, form.cleaned_data["version"])
        except own_goals.OwnGoalRefused as refused:
            messages.info(request, str(refused))
            return _to_home(f"doel-{goal.pk}")
        except StaleEditError:
            goal = _own_goal(request, pk)
            if refusal := own_goals.take_back_refusal(goal):
                messages.info(request, refusal)
                return _to_home(f"doel-{goal.pk}")
            form, changed = TakeBackForm(initial={"version": goal.version}), True
        else:
            messages.success(request, _("Je doel is teruggenomen."))
            return _to_home("doelen")
    actions.log_member_page(member, member.family, "portal_goal_take_back")
    context = {"member": member, "form": form, "goal": goal, "changed": changed}
    status = 409 if changed else 400 if form.errors else 200
    return render(request, "portal/plan_goal_take_back.html", context, status=status)


@member_required
@create_once
@require_http_methods(["GET", "POST"])
def goal_score(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """How far a goal is, 0-10, with the two questions the file asks."""
    member = request.member
    rights = rights_of(member)
    goal = get_for_member(member, rights, Goal.objects.select_related("member"), pk)
    form = OwnScoreForm(request.POST or None, score_label=goal_score_label())
    if request.method == "POST" and form.is_valid():
        strength_actions.add_own_goal_scaling(member, goal, **form.cleaned_data)
        messages.success(request, _("Je cijfer is bewaard."))
        return _to_home(f"doel-{goal.pk}")
    actions.log_member_page(member, member.family, "portal_goal_score")
    context = {
        "member": member,
        "form": form,
        "goal": goal,
    }
    status = 400 if form.errors else 200
    return render(request, "portal/plan_score.html", context, status=status)


@member_required
@create_once
@require_http_methods(["GET", "POST"])
def dimension_score(request: MemberHttpRequest, dimension: str) -> HttpResponse:
    """Score yourself on one of the three parts of your own strength."""
    member = request.member
    try:
        chosen = Dimension(dimension)
    except ValueError:
        raise Http404 from None
    form = OwnScoreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        strength_actions.add_own_scaling(member, dimension=chosen.value, **form.cleaned_data)
        messages.success(request, _("Je cijfer is bewaard."))
        return _to_home("cijfers")
    actions.log_member_page(member, member.family, "portal_dimension_score")
    context = {
        "member": member,
        "form": form,
        "dimension_label": chosen.family_label,
    }
    status = 400 if form.errors else 200
    return render(request, "portal/plan_score.html", context, status=status)


@member_required
@require_POST
def goal_talk(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """ "Hier wil ik over praten" on a goal (a second click changes nothing)."""
    member = request.member
    goal = get_for_member(member, rights_of(member), Goal.objects.all(), pk)
    _flag, new = plan_actions.raise_talk_flag(member, goal=goal)
    if new:
        messages.success(request, _("Je hulpverlener ziet dat je hierover wilt praten."))
    return _to_home(f"doel-{goal.pk}")


@member_required
@require_POST
def answer_talk(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """ "Hier wil ik over praten" on one of the member's own questionnaire answers (the only
    ones Vragenlijsten shows them: not a child's, even where the parent may see the child's
    file); back to the page the button was on (a path of the portal only)."""
    member = request.member
    answer = get_for_member(
        member,
        rights_of(member),
        Answer.objects.filter(response__member=member),
        pk,
        family_path="response__family",
        member_path="response__member",
    )
    _flag, new = plan_actions.raise_talk_flag(member, answer=answer)
    if new:
        messages.success(request, _("Je hulpverlener ziet dat je hierover wilt praten."))
    return redirect(_member_page(request.POST.get("next", "")) or reverse("portal:home"))


def _member_page(back: str) -> str | None:
    """``back`` when it is the path of a page of a signed-in member, exactly as written (no
    host, query, dots a browser would resolve, double or back slashes), else None."""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return None
    parts = urlsplit(back)
    path = parts.path
    if (
        parts.scheme
        or parts.netloc
        or parts.query
        or parts.fragment
        or path != back
        or "\\" in path
        or "//" in path
        or "%" in path
        or any(segment in {".", ".."} for segment in path.split("/"))
    ):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.namespace != "portal" or match.url_name not in _MEMBER_PAGES:
        return None
    return path


#: The member pages a button may come back to (GET pages behind the member's sign-in).
_MEMBER_PAGES = frozenset({"home", "questionnaires", "questionnaire_result", "dossier"})
