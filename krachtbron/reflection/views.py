"""My reflection (private) and the organisation rounds."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from krachtbron.accounts.decorators import role_required
from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.accounts.models import Role
from krachtbron.instruments import AnswerError, Score, compare, score
from krachtbron.instruments.ids import PROFESSIONALS
from krachtbron.lib.charts import Series, hbar_chart, line_chart
from krachtbron.lib.idempotency import create_once
from krachtbron.lib.instrument_language import instrument_for_reader
from krachtbron.lib.kept_forms import form_data
from krachtbron.lib.numbers import shown_mean
from krachtbron.reflection import actions, hooks, prompts
from krachtbron.reflection.forms import ReflectionForm, RoundAnswerForm, RoundForm
from krachtbron.reflection.models import (
    ProfessionalAnswer,
    ProfessionalReflection,
    RoundStatus,
)
from krachtbron.reflection.open_rounds import open_round_tasks
from krachtbron.reflection.permissions import (
    can_answer_round,
    can_manage_round,
    can_open_round,
    eligible_staff_count,
    eligible_staff_counts,
    get_reflection_for_user,
    get_round_for_user,
    has_answered,
    managed_rounds,
    new_round_scope,
    rounds_in_scope,
)

reflecting = role_required(Role.ADVISEUR, Role.TEAMLEIDER, Role.BEHEERDER)
HISTORY_IN_TREND = 12


def _scores(reflections: list[ProfessionalReflection]) -> list[Score]:
    instrument = instrument_for_reader(PROFESSIONALS)
    result = []
    for reflection in reflections:
        answers = {a.item_id: a.value for a in reflection.answers.all()}
        result.append(
            score(instrument, {k: v for k, v in answers.items() if k in instrument.item_ids})
        )
    return result


def _dimension_prompts(latest: Score | None) -> list[dict[str, Any]]:
    """Prompts per dimension; dimensions with development needs first."""
    instrument = instrument_for_reader(PROFESSIONALS)
    blocks = []
    for section in instrument.sections:
        dimension = section.dimension.value if section.dimension else ""
        needs = [i for i in (latest.development_needs if latest else ()) if i in section.item_ids]
        strengths = [i for i in (latest.strengths if latest else ()) if i in section.item_ids]
        blocks.append(
            {
                "title": section.title,
                "needs": [instrument.item(i).text for i in needs],
                "strengths": [instrument.item(i).text for i in strengths],
                "intervisie": prompts.INTERVISIE.get(dimension, []),
                "teamleider": prompts.TEAMLEIDER.get(dimension, ""),
                "order": 0 if needs else 1,
            }
        )
    return sorted(blocks, key=lambda b: b["order"])


def _prompt_context(latest: Score | None) -> dict[str, Any]:
    return {
        "prompt_blocks": _dimension_prompts(latest),
        "general_prompts": prompts.GENERAL,
        "knowledge_url": prompts.knowledge_url("reflectie-parallel-proces"),
    }


@reflecting
@require_safe
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My reflection: open round tasks, my private history and trend, prompts."""
    user = request.user
    reflections = list(
        ProfessionalReflection.objects.filter(user=user.pk)  # private: only my own, ever
        .prefetch_related(
            Prefetch("answers", queryset=ProfessionalAnswer.objects.order_by("item_id"))
        )
        .order_by("-created_at", "-id")
    )
    scores = _scores(reflections)
    instrument = instrument_for_reader(PROFESSIONALS)
    history = list(zip(reflections, scores, strict=True))
    trend = list(reversed(history[:HISTORY_IN_TREND]))
    chart = None
    if trend:
        chart = line_chart(
            [
                Series(section.title.split()[0], [s.sections[i].mean for _r, s in trend])
                for i, section in enumerate(instrument.sections)
            ],
            [date_format(r.created_at, "j F Y") for r, _s in trend],
            title=_("Mijn gemiddelde per dimensie"),
            desc=_("Alleen jij ziet dit. De tabel eronder geeft dezelfde cijfers."),
            width=max(640, 120 * len(trend)),  # room for "30 november 2026"
        )
    latest = scores[0] if scores else None
    comparison = (
        compare(instrument, scores[1].answers, scores[0].answers) if len(scores) > 1 else None
    )
    context = {
        "instrument": instrument,
        "history": history,
        "trend": trend,
        "chart": chart,
        "latest": latest,
        "latest_strengths": [instrument.item(i).text for i in latest.strengths] if latest else [],
        "latest_needs": [instrument.item(i).text for i in latest.development_needs]
        if latest
        else [],
        "comparison": comparison,
        "reflection_tasks": open_round_tasks(user),
        **_prompt_context(latest),
    }
    return render(request, "reflection/home.html", context)


@reflecting
@create_once
@require_http_methods(["GET", "POST"])
def reflection_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ReflectionForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            reflection = actions.create_reflection(
                request.user,
                form.answers(),
                counts_in_team=form.cleaned_data["counts_in_team"],
                note=form.cleaned_data["note"],
            )
        except AnswerError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Je reflectie is opgeslagen. Alleen jij kunt hem lezen."))
            return redirect("reflection:detail", pk=reflection.pk)
    return render(request, "reflection/reflection_form.html", {"form": form})


@reflecting
@require_safe
def reflection_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reflection = get_reflection_for_user(request.user, pk)
    instrument = instrument_for_reader(PROFESSIONALS)
    previous = (
        ProfessionalReflection.objects.filter(
            user=request.user.pk, created_at__lt=reflection.created_at
        )
        .order_by("-created_at", "-id")
        .first()
    )
    current_score = _scores([reflection])[0]
    comparison = None
    if previous is not None:
        comparison = compare(instrument, _scores([previous])[0].answers, current_score.answers)
    chart = hbar_chart(
        [(s.title, s.mean) for s in current_score.sections],
        title=_("Gemiddelde per dimensie"),
        desc=_("De tabel eronder geeft dezelfde cijfers."),
    )
    items = [
        {
            "number": n,
            "item": item,
            "value": current_score.answers[item.id],
            "label": instrument.scale_label(v)
            if (v := current_score.answers[item.id]) is not None
            else "",
            "change": comparison.items[n - 1].change if comparison else None,
        }
        for n, item in enumerate(instrument.items, start=1)
    ]
    context = {
        "reflection": reflection,
        "score": current_score,
        "items": items,
        "chart": chart,
        "comparison": comparison,
        "previous": previous,
        "strengths": [instrument.item(i).text for i in current_score.strengths],
        "needs": [instrument.item(i).text for i in current_score.development_needs],
        "section_rows": [
            {
                "title": s.title,
                "mean": shown_mean(s.mean),
                "answered": s.answered,
                "items": s.items,
                "change": comparison.sections[i].change if comparison else None,
            }
            for i, s in enumerate(current_score.sections)
        ],
        **_prompt_context(current_score),
    }
    return render(request, "reflection/reflection_detail.html", context)


@reflecting
@require_POST
def reflection_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reflection = get_reflection_for_user(request.user, pk)
    actions.delete_reflection(reflection)
    messages.success(request, _("De reflectie is verwijderd."))
    return redirect("reflection:home")


# --- Rounds -------------------------------------------------------------------------------------


def _with_counts(rounds: Any) -> list[dict[str, Any]]:
    rounds = list(
        rounds.annotate(answered=Count("participations", distinct=True)).prefetch_related("teams")
    )
    asked = eligible_staff_counts(rounds)
    return [
        {"round": round_, "answered": round_.answered, "asked": asked[round_.pk]}
        for round_ in rounds
    ]


@reflecting
@require_safe
def round_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    mine = rounds_in_scope(user).order_by("-starts_on", "-id")
    answered = set(mine.filter(participations__user=user).values_list("pk", flat=True))
    managed = _with_counts(managed_rounds(user).order_by("-starts_on", "-id")[:50])
    context = {
        "rounds": [
            {
                "round": r,
                "answered": r.pk in answered,
                "can_answer": can_answer_round(user, r, check_participation=False),
            }
            for r in mine[:50]
        ],
        "managed": managed,
        "can_open": can_open_round(user),
        "knowledge_url": prompts.knowledge_url("organisatievoorwaarden"),
    }
    return render(request, "reflection/round_list.html", context)


@role_required(Role.TEAMLEIDER, Role.BEHEERDER)
@create_once
@require_http_methods(["GET", "POST"])
def round_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not can_open_round(user):
        raise PermissionDenied
    for_organisation = user.role == Role.BEHEERDER
    form = RoundForm(form_data(request), for_organisation=for_organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scope, teams = new_round_scope(user, data.get("teams") or [])
        round_ = actions.open_round(
            user,
            title=data["title"],
            scope=scope,
            teams=teams,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        )
        messages.success(request, _("De ronde is geopend. Iedereen in de ronde ziet hem als taak."))
        return redirect("reflection:round_detail", pk=round_.pk)
    return render(
        request, "reflection/round_form.html", {"form": form, "for_organisation": for_organisation}
    )


@reflecting
@require_safe
def round_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    round_ = get_round_for_user(user, pk)
    teams = list(round_.teams.order_by("name"))
    # Results exist only once the round is closed (published then, never changed): while it is
    # open the page shows the response rate alone, so one more answer changes no figure.
    results = None
    if round_.status == RoundStatus.CLOSED:
        results = hooks.round_results(request, round_, teams)
    context = {
        "round": round_,
        "teams": teams,
        "answered": round_.participations.count(),
        "asked": eligible_staff_count(round_),
        "has_answered": has_answered(user, round_),
        "can_answer": can_answer_round(user, round_) and round_ in rounds_in_scope(user),
        "can_manage": can_manage_round(user, round_),
        "results": results,
    }
    return render(request, "reflection/round_detail.html", context)


@reflecting
@require_http_methods(["GET", "POST"])
def round_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    round_ = get_round_for_user(user, pk)
    if not rounds_in_scope(user).filter(pk=round_.pk).exists():
        raise PermissionDenied
    if has_answered(user, round_):
        messages.info(request, _("Je hebt deze ronde al ingevuld. Dank je wel."))
        return redirect("reflection:round_detail", pk=round_.pk)
    if round_.status == RoundStatus.CLOSED and request.method == "POST":
        # A form opened before the round closed: its figures are published, nothing is stored.
        messages.error(request, actions.round_closed_message())
        return redirect("reflection:round_detail", pk=round_.pk)
    if not can_answer_round(user, round_):
        messages.error(request, _("Deze ronde is gesloten of nog niet begonnen."))
        return redirect("reflection:round_detail", pk=round_.pk)
    form = RoundAnswerForm(form_data(request), version=round_.instrument_version)
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_round(user, round_, form.answers())
        except actions.RoundError as error:
            form.add_error(None, error.message)
        except AnswerError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Dank je wel. Je antwoorden zijn anoniem opgeslagen, zonder je naam.")
            )
            return redirect("reflection:round_detail", pk=round_.pk)
    return render(request, "reflection/round_answer.html", {"form": form, "round": round_})


@role_required(Role.TEAMLEIDER, Role.BEHEERDER)
@require_POST
def round_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    if not can_manage_round(request.user, round_):
        raise PermissionDenied
    if round_.status == RoundStatus.OPEN:
        actions.close_round(round_, by=request.user)
        messages.success(request, _("De ronde is gesloten."))
    return redirect("reflection:round_detail", pk=round_.pk)
