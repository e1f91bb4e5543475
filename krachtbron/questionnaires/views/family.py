"""The family's pages: public (no account), reached only through a personal link.

The first visit exchanges the token for a session and redirects to a URL without it. Every
later page finds its invitation in the session; nothing in these pages leads into Krachtbron.
Every page a family member sees is an access-log row with that member as the actor, and so is
a link or session that exists but can no longer be used (a refused access).
Without JavaScript each question is a form that posts and redirects; with JavaScript
(static/questionnaires/form.js) an answer is also saved the moment it is chosen. A page never
moves on by itself (WCAG 3.2.2): only its buttons do.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from krachtbron.instruments import AnswerError, Instrument, validate
from krachtbron.lib import family_language, throttle
from krachtbron.lib.session_kinds import holds_portal_member
from krachtbron.lib.tokens import is_well_formed
from krachtbron.questionnaires import family_session
from krachtbron.questionnaires.actions import (
    LinkProblem,
    QuestionnaireClosed,
    find_invitation,
    instrument_for,
    log_family_page,
    log_refused_link,
    mark_opened,
    parse_value,
    problem_of,
    record_answer,
    record_submit,
    save_answer,
)
from krachtbron.questionnaires.models import Invitation, Response

FamilyView = Callable[..., HttpResponse]


# The page of a link that does not work (``lib.family_language.problem_page``): in the
# invitation's language when the link was one, else Dutch.
PROBLEM = "questionnaires/family/problem.html"
DUTCH = settings.LANGUAGE_CODE


def family_page(*, allow_completed: bool = False) -> Callable[[FamilyView], FamilyView]:
    """A page of the family form: needs a family session with an invitation that is open."""

    def decorator(view: FamilyView) -> FamilyView:
        @login_not_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            from_portal = holds_portal_member(request.session)
            invitation, problem = family_session.current(request, allow_completed=allow_completed)
            if problem is LinkProblem.COMPLETED and invitation is not None:
                return redirect("questionnaires:form_done")
            if from_portal and not holds_portal_member(request.session):
                # The Mijn Krachtbron session ended (time, revoked passkey): sign in again;
                # the portal's sign-in page says why.
                return redirect("portal:sign_in")
            if problem is not None or invitation is None:
                if invitation is not None and problem is not None:
                    log_refused_link(invitation, problem)
                    return family_language.problem_page(
                        request, PROBLEM, problem, invitation.language
                    )
                return family_language.problem_page(
                    request, PROBLEM, problem or LinkProblem.UNKNOWN, DUTCH
                )
            family_language.show(request, invitation.language)
            with translation.override(request.LANGUAGE_CODE):
                return view(request, invitation, *args, **kwargs)

        return wrapper

    return decorator


def _shown_instrument(invitation: Invitation) -> Instrument:
    """The instrument in the page's language: the invitation's, or the Dutch original when the
    page was asked with ``?origineel=nl`` (``family_page`` has activated that language)."""
    return instrument_for(invitation, language=translation.get_language())


def _response(invitation: Invitation) -> Response | None:
    """The invitation's response as the family session loaded it with the invitation (no
    query), or None before the first answer."""
    try:
        return invitation.response
    except Response.DoesNotExist:
        return None


def _answers(invitation: Invitation) -> dict[str, int | None]:
    response = _response(invitation)
    if response is None:
        return {}
    return dict(response.answers.values_list("item_id", "value"))


def _next_number(instrument: Instrument, answers: dict[str, int | None]) -> int | None:
    """The first question without an answer row (a skip is a row), or None when all are done."""
    for number, item_id in enumerate(instrument.item_ids, start=1):
        if item_id not in answers:
            return number
    return None


# ``?wijzig=1``: the question was opened with "Wijzig" on the review page, so saving it (or
# going back) returns there instead of walking through every later question.
CHANGE_PARAM = "wijzig"


def _question_url(number: int, *, from_review: bool = False) -> str:
    url = reverse("questionnaires:form_question", args=[number])
    return f"{url}?{CHANGE_PARAM}=1" if from_review else url


@login_not_required
@require_http_methods(["GET", "POST"])
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    """Exchange a token for a family session, then continue on a URL without the token.

    In a browser where a staff member is signed in, the link does not end that session: a page
    explains that the link is for the family, and only a deliberate POST from it (sign out and
    open) starts the family session. Nothing is logged and the invitation is not marked opened.
    """
    if token.endswith("/"):
        token = token[:-1]
    if is_well_formed(token) and throttle.is_locked(request, throttle.Kind.QUESTIONNAIRE):
        return family_language.problem_page(request, PROBLEM, LinkProblem.THROTTLED, DUTCH)
    invitation = find_invitation(token)
    guessed = invitation is None and is_well_formed(token)  # a guess (``lib.throttle``)
    if guessed and throttle.failed(request, throttle.Kind.QUESTIONNAIRE):
        return family_language.problem_page(request, PROBLEM, LinkProblem.THROTTLED, DUTCH)
    if invitation is None:
        return family_language.problem_page(request, PROBLEM, LinkProblem.UNKNOWN, DUTCH)
    if problem_of(invitation) is None:
        if request.user.is_authenticated and request.method != "POST":
            return render(request, "questionnaires/family/staff_session.html", status=403)
        throttle.succeeded(request, throttle.Kind.QUESTIONNAIRE)
    # Referrer-Policy: no-referrer comes with every family page (FamilyPagesMiddleware).
    return open_invitation(request, invitation)


def open_invitation(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    """What a link or its typed code (portal ``code_views``) does once it found ``invitation``:
    the problem page of an invitation that ended (a refused access), else a family session
    that holds it and the form's first page. A signed-in staff user is signed out: the caller
    has made sure that is what they chose (a POST)."""
    problem = problem_of(invitation)
    if problem is not None:
        log_refused_link(invitation, problem)
        return family_language.problem_page(request, PROBLEM, problem, invitation.language)
    same = (
        not request.user.is_authenticated
        and request.session.get(family_session.SESSION_KEY) == invitation.pk
    )
    with transaction.atomic():
        mark_opened(invitation)
    if not same:
        family_session.begin(request, invitation)
    return redirect("questionnaires:form_start")


@family_page()
@require_GET
def start(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    instrument = _shown_instrument(invitation)
    answers = _answers(invitation)
    next_number = _next_number(instrument, answers)
    log_family_page(invitation, "questionnaire_start")
    return render(
        request,
        "questionnaires/family/start.html",
        {
            "instrument": instrument,
            "total": len(instrument.items),
            "answered": len(answers),
            "continue_url": (
                _question_url(next_number) if next_number else reverse("questionnaires:form_review")
            ),
            "handover": family_session.is_handover(request),
        },
    )


@family_page()
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, invitation: Invitation, number: int) -> HttpResponse:
    """One question. It moves on only on a button: "Volgende" with nothing chosen first asks
    whether to skip (unless the question was skipped before), "Sla over" skips, "Vorige" goes
    back (saving a chosen answer). Opened from the review page, every way out leads back there.
    """
    instrument = _shown_instrument(invitation)
    items = instrument.items
    if not 1 <= number <= len(items):
        return redirect("questionnaires:form_start")
    item = items[number - 1]
    from_review = request.GET.get(CHANGE_PARAM) == "1"
    review_url = reverse("questionnaires:form_review")
    next_url = review_url if from_review or number == len(items) else _question_url(number + 1)
    back_url = (
        review_url
        if from_review
        else (_question_url(number - 1) if number > 1 else reverse("questionnaires:form_start"))
    )
    error = ""
    confirm_skip = False
    chosen: Any = None
    answers: dict[str, int | None] | None = None
    if request.method == "POST":
        action = request.POST.get("action", "next")
        chosen = None if action == "skip" else parse_value(request.POST.get("value"))
        if action == "back" and chosen is None:
            return redirect(back_url)
        if action not in ("skip", "back") and chosen is None:
            answers = _answers(invitation)
            # Nothing chosen: ask before skipping, unless it was skipped on purpose before.
            confirm_skip = not (item.id in answers and answers[item.id] is None)
        if not confirm_skip:
            try:
                save_answer(invitation, item.id, chosen)
            except AnswerError as exc:
                error = " ".join(p.message for p in exc.problems)
            except QuestionnaireClosed:
                return redirect("questionnaires:form_done")
            else:
                return redirect(back_url if action == "back" else next_url)
    if answers is None:
        answers = _answers(invitation)
    current = chosen if error else answers.get(item.id)
    section = instrument.section(item.section_id)
    log_family_page(invitation, "questionnaire_question", number=number)
    return render(
        request,
        "questionnaires/family/question.html",
        {
            "instrument": instrument,
            "item": item,
            "section": section,
            "number": number,
            "total": len(items),
            "current": current,
            "options": [
                {"value": o.value, "label": o.label, "checked": current == o.value}
                for o in instrument.scale
            ],
            "form_url": _question_url(number, from_review=from_review),
            "from_review": from_review,
            "confirm_skip": confirm_skip,
            "error": error,
        },
        status=400 if error else 200,
    )


@login_not_required
@require_POST
def autosave(request: HttpRequest) -> JsonResponse:
    """Save one answer the moment it is chosen (JavaScript). 400 for a bad item or value.

    ``record_answer`` chooses the hot path (one statement) or the ordinary one.
    """
    pk = family_session.held_invitation(request)
    with translation.override("nl"):
        if pk is None:
            return _json_problem(LinkProblem.UNKNOWN)
        item_id = request.POST.get("item", "")
        action = request.POST.get("action", "")
        raw = request.POST.get("value")
        if not item_id or len(item_id) > 32:
            return JsonResponse({"ok": False, "message": _("Onbekende vraag.")}, status=400)
        if action != "skip" and raw in (None, ""):
            return JsonResponse({"ok": False, "message": _("Kies eerst een antwoord.")}, status=400)
        value = None if action == "skip" else parse_value(raw)
        try:
            validate(family_session.instrument(request), {item_id: value})
        except AnswerError as exc:
            message = " ".join(p.message for p in exc.problems)
            return JsonResponse({"ok": False, "message": message}, status=400)
        problem = record_answer(pk, item_id, value)
        if problem is not None:
            return _json_problem(problem)
    return JsonResponse({"ok": True})


def _json_problem(problem: LinkProblem) -> JsonResponse:
    if problem is LinkProblem.COMPLETED:
        message = _("Deze vragenlijst is al verstuurd.")
    else:
        message = _("Deze vragenlijst kan niet meer worden ingevuld.")
    return JsonResponse({"ok": False, "message": message}, status=problem.status)


@family_page()
@require_GET
def review(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    instrument = _shown_instrument(invitation)
    answers = _answers(invitation)
    rows = []
    for number, item in enumerate(instrument.items, start=1):
        value = answers.get(item.id)
        rows.append(
            {
                "number": number,
                "text": item.text,
                "seen": item.id in answers,
                "value": value,
                "label": instrument.scale_label(value) if value is not None else "",
                "url": _question_url(number, from_review=True),
            }
        )
    skipped = sum(1 for row in rows if row["value"] is None)
    log_family_page(invitation, "questionnaire_review")
    return render(
        request,
        "questionnaires/family/review.html",
        {"instrument": instrument, "rows": rows, "skipped": skipped, "total": len(rows)},
    )


@login_not_required
@require_POST
def submit(request: HttpRequest) -> HttpResponse:
    """The final submit. Idempotent: a retry after completion just shows the thank-you page.

    ``record_submit`` chooses the hot path (one conditional UPDATE) or the ordinary one.
    """
    pk = family_session.held_invitation(request)
    if pk is None:
        return family_language.problem_page(request, PROBLEM, LinkProblem.UNKNOWN, DUTCH)
    problem = record_submit(pk)
    if problem is not None:
        return family_language.problem_page(request, PROBLEM, problem, DUTCH)
    return redirect("questionnaires:form_done")


@family_page(allow_completed=True)
@require_GET
def done(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    response = _response(invitation)
    if response is None or response.completed_at is None:
        return redirect("questionnaires:form_review")
    log_family_page(invitation, "questionnaire_receipt")
    return render(
        request,
        "questionnaires/family/done.html",
        {
            "receipt": response.receipt,
            "handover": family_session.is_handover(request),
            "in_portal": family_session.opened_in_portal(request),
        },
    )
