"""The Krachten and Doelen tabs of the family file: strength profile, scalings, goal progress
and the family's first question. Every view goes through the permission helpers and writes an
access-log row; every form that edits keeps the user's input on a stale save."""

from functools import partial
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.choices import Dimension, LifeDomain
from krachtbron.families.file_tabs import file_context
from krachtbron.families.models import Family
from krachtbron.families.permissions import (
    get_family_for_user,
    get_goal_for_user,
    get_member_for_user,
)
from krachtbron.lib.charts import Series, line_chart
from krachtbron.lib.idempotency import create_once
from krachtbron.lib.locking import save_form
from krachtbron.strengths import actions
from krachtbron.strengths.forms import (
    FirstQuestionForm,
    GoalScalingForm,
    ScalingForm,
    StrengthEntryForm,
)
from krachtbron.strengths.models import (
    FirstQuestion,
    FirstQuestionRevision,
    GoalScaling,
    Perspective,
    Scaling,
)
from krachtbron.strengths.overview import Point, Trend, goal_progress, member_profiles
from krachtbron.strengths.permissions import (
    get_entry_for_user,
    get_goal_scaling_for_user,
    get_scaling_for_user,
)

ENTRY_TEXTS = ("goes_well", "is_hard", "gives_energy")


def _choice_param(
    request: AuthenticatedHttpRequest, name: str, choices: type[models.TextChoices]
) -> str:
    """An initial value from the query string, only when it is one of the choices."""
    value = request.GET.get(name, "")
    return value if value in choices.values else ""


def _profile_anchor(family: Family, member_pk: int) -> str:
    return reverse("strengths:profile", args=[family.pk]) + f"#lid-{member_pk}"


@require_safe
def profile(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The krachtenprofiel of every family member, per dimension, with the scalings' trend."""
    family = get_family_for_user(request.user, pk)
    profiles = member_profiles(family)
    log_access(request.user, family, AccessKind.READ, object_type="strength_profile")
    return render(
        request, "strengths/profile.html", file_context(family, "strengths", profiles=profiles)
    )


@create_once
@require_http_methods(["GET", "POST"])
def entry_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = get_member_for_user(request.user, pk)
    family = member.family
    initial = {
        "dimension": _choice_param(request, "dimensie", Dimension),
        "life_domain": _choice_param(request, "leefgebied", LifeDomain),
    }
    form = StrengthEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data.pop("version", None)
        try:
            actions.add_entry(request.user, member, **data)
        except actions.DuplicateEntryError:
            form.add_error(
                None,
                _(
                    "Voor deze dimensie en dit leefgebied staat al iets in het profiel. "
                    "Jouw invoer staat hieronder nog: kies een ander leefgebied, of ga terug "
                    "en vul het bestaande onderdeel aan."
                ),
            )
        else:
            messages.success(request, _("Het krachtenprofiel is aangevuld."))
            return redirect(_profile_anchor(family, member.pk))
    log_access(request.user, family, AccessKind.READ, member, object_type="strength_entry_form")
    context = file_context(family, "strengths", form=form, member=member)
    return render(request, "strengths/entry_form.html", context)


@create_once
@require_http_methods(["GET", "POST"])
def entry_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = get_entry_for_user(request.user, pk)
    member, family = entry.member, entry.member.family
    initial: dict[str, Any] = {name: getattr(entry, name) for name in ENTRY_TEXTS}
    initial["visibility"] = entry.visibility
    initial["version"] = entry.version
    form = StrengthEntryForm(request.POST or None, initial=initial, editing=True)
    if save_form(request, form, partial(actions.update_entry, request.user, entry)):
        messages.success(request, _("Het krachtenprofiel is opgeslagen."))
        return redirect(_profile_anchor(family, member.pk))
    log_access(request.user, family, AccessKind.READ, entry)
    context = file_context(family, "strengths", form=form, member=member, entry=entry)
    return render(request, "strengths/entry_form.html", context)


@require_POST
def entry_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = get_entry_for_user(request.user, pk)
    member, family = entry.member, entry.member.family
    actions.delete_entry(request.user, entry)
    messages.success(request, _("Dit onderdeel van het krachtenprofiel is verwijderd."))
    return redirect(_profile_anchor(family, member.pk))


@create_once
@require_http_methods(["GET", "POST"])
def member_scalings(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """All scalings of one member with the form for a new one (the history is never edited)."""
    member = get_member_for_user(request.user, pk)
    family = member.family
    initial = {
        "dimension": _choice_param(request, "dimensie", Dimension),
        "noted_on": timezone.localdate(),
    }
    form = ScalingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.add_scaling(request.user, member, **form.cleaned_data)
        messages.success(request, _("Het cijfer is bewaard."))
        return redirect("strengths:member_scalings", pk=member.pk)
    scalings = list(
        Scaling.objects.filter(member=member).select_related("by").order_by("-noted_on", "-id")
    )
    log_access(request.user, family, AccessKind.READ, member, object_type="scalings")
    context = file_context(
        family,
        "strengths",
        form=form,
        member=member,
        scalings=scalings,
        charts=_scaling_charts(scalings),
    )
    return render(request, "strengths/member_scalings.html", context)


def _scaling_charts(scalings: list[Scaling]) -> list[dict[str, Any]]:
    """Per dimension: both perspectives as lines over the dates (the table gives the same)."""
    charts = []
    for dimension in Dimension:
        rows = [s for s in scalings if s.dimension == dimension.value]
        if not rows:
            continue
        dates = sorted({s.noted_on for s in rows})
        series = []
        for perspective in Perspective:
            # The newest scaling of a date wins: `scalings` is ordered newest first.
            by_date: dict[Any, int] = {}
            for s in rows:
                if s.perspective == perspective.value:
                    by_date.setdefault(s.noted_on, s.score)
            series.append(Series(str(perspective.label), [by_date.get(d) for d in dates]))
        charts.append(
            {
                "label": dimension.label,
                "svg": line_chart(
                    series,
                    [f"{d:%d-%m}" for d in dates],
                    y_min=0,
                    y_max=10,
                    y_ticks=[0, 2, 4, 6, 8, 10],
                    title=_("Cijfers voor %s door de tijd") % dimension.label,
                    desc=_("De tabel eronder geeft dezelfde cijfers."),
                ),
            }
        )
    return charts


@require_POST
def scaling_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    scaling = get_scaling_for_user(request.user, pk)
    member = scaling.member
    actions.delete_scaling(request.user, scaling)
    messages.success(request, _("Het cijfer is verwijderd."))
    return redirect("strengths:member_scalings", pk=member.pk)


@require_safe
def goals(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The first question and the goals, each goal with its scaling over time."""
    family = get_family_for_user(request.user, pk)
    first_question = FirstQuestion.objects.filter(family=family).first()
    progress = goal_progress(family)
    log_access(request.user, family, AccessKind.READ, object_type="goals")
    context = file_context(family, "goals", first_question=first_question, progress=progress)
    return render(request, "strengths/goals.html", context)


@create_once
@require_http_methods(["GET", "POST"])
def goal_scalings(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk)
    family = goal.family
    form = GoalScalingForm(request.POST or None, initial={"noted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        actions.add_goal_scaling(request.user, goal, **form.cleaned_data)
        messages.success(request, _("Het cijfer bij dit doel is bewaard."))
        return redirect("strengths:goal_scalings", pk=goal.pk)
    history = list(
        GoalScaling.objects.filter(goal=goal)
        .select_related("by", "by_member")
        .order_by("-noted_on", "-id")
    )
    trend = Trend([Point(s.score, s.noted_on) for s in reversed(history)])
    log_access(request.user, family, AccessKind.READ, goal, object_type="goal_scalings")
    context = file_context(
        family,
        "goals",
        form=form,
        goal=goal,
        scalings=history,
        trend=trend,
        chart=trend.chart(_("Verloop van dit doel: %s") % trend.describe()),
    )
    return render(request, "strengths/goal_scalings.html", context)


@require_POST
def goal_scaling_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    scaling = get_goal_scaling_for_user(request.user, pk)
    goal = scaling.goal
    actions.delete_goal_scaling(request.user, scaling)
    messages.success(request, _("Het cijfer is verwijderd."))
    return redirect("strengths:goal_scalings", pk=goal.pk)


@create_once
@require_http_methods(["GET", "POST"])
def first_question(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    current = FirstQuestion.objects.filter(family=family).first()
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {
            "text": current.text,
            "status": current.status,
            "practical_help": current.practical_help,
            "visibility": current.visibility,
            "version": current.version,
        }
    form = FirstQuestionForm(request.POST or None, initial=initial)
    if save_form(request, form, partial(actions.save_first_question, request.user, family)):
        messages.success(request, _("De eerste vraag is opgeslagen."))
        return redirect("strengths:goals", pk=family.pk)
    revisions = (
        list(
            FirstQuestionRevision.objects.filter(first_question=current).select_related("saved_by")
        )
        if current is not None
        else []
    )
    log_access(request.user, family, AccessKind.READ, object_type="first_question")
    context = file_context(family, "goals", form=form, current=current, revisions=revisions)
    return render(request, "strengths/first_question.html", context)
