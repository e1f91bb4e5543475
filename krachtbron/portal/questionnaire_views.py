"""Vragenlijsten in Mijn Krachtbron: a member's open questionnaires as tasks, and their own
results in plain words.

An open invitation of the signed-in member is a task. "Begin" (a POST) lets the member's own
session hold that invitation (``questionnaires.family_session.begin_for_member``) and goes to
the questionnaire's pages that exist: the same pages and rules as a personal link, with the
member as the respondent, and no new link. A result shows the member's answers, what goes
well and what asks attention, as in the family's copy (``response_for_family``); never the
adviser's conversation prompts, never another member's answers (a brother's or sister's
questionnaire is not found: 404).
"""

from typing import Any

from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.http import require_POST, require_safe

from krachtbron.families.models import FamilyMember
from krachtbron.instruments import available_languages, get_instrument
from krachtbron.portal import actions
from krachtbron.portal.http import MemberHttpRequest, member_required
from krachtbron.portal.models import TalkFlag
from krachtbron.questionnaires import family_session
from krachtbron.questionnaires.actions import instrument_for, mark_opened
from krachtbron.questionnaires.copy_parts import previous_of, response_for_family
from krachtbron.questionnaires.models import Invitation, Moment, Response, fillable


def _open_invitations(request: MemberHttpRequest) -> "list[Invitation]":
    return list(
        Invitation.objects.filter(fillable(timezone.now()), member=request.member)
        .select_related("response")
        .order_by("expires_at", "id")
    )


@member_required
@require_safe
def questionnaires(request: MemberHttpRequest) -> HttpResponse:
    """The member's open questionnaires (tasks) and the ones they sent (results)."""
    member = request.member
    actions.log_member_page(member, member.family, "portal_questionnaires")
    tasks = [
        {
            "invitation": invitation,
            "title": instrument_for(invitation, language=translation.get_language()).title,
            "moment": Moment(invitation.moment).label,
            "started": hasattr(invitation, "response"),
        }
        for invitation in _open_invitations(request)
    ]
    done = Response.objects.filter(member=member, completed_at__isnull=False).order_by(
        "-completed_at", "-id"
    )
    results = [
        {"response": r, "moment": Moment(r.moment).label}
        for r in done.only("id", "moment", "completed_at")
    ]
    return render(
        request,
        "portal/vragenlijsten.html",
        {
            "member": member,
            "tasks": tasks,
            "results": results,
        },
    )


@member_required
@require_POST
def questionnaire_begin(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """Open one of the member's own open invitations in the questionnaire's pages (404 for
    anyone else's, or one that is closed)."""
    invitation = (
        Invitation.objects.filter(fillable(timezone.now()), member=request.member, pk=pk)
        .select_related("family", "member")
        .first()
    )
    if invitation is None:
        raise Http404
    with transaction.atomic():
        mark_opened(invitation)
        actions.log_member_opened_questionnaire(request.member, invitation)
    family_session.begin_for_member(request, invitation)
    return redirect("questionnaires:form_start")


@member_required
@require_safe
def questionnaire_result(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """The member's own sent questionnaire in plain words (404 for anyone else's)."""
    member = request.member
    own = list(
        Response.objects.filter(member=member, completed_at__isnull=False)
        .select_related("member")
        .prefetch_related("answers")
    )
    response = next((r for r in own if r.pk == pk), None)
    if response is None:
        raise Http404
    actions.log_member_result(member, response)
    # The questions in the page's language (the member's, or Dutch with ?origineel=nl), whatever
    # language they were answered in: answers are stored per item id.
    result = response_for_family(response, previous_of(response, own), translation.get_language())
    context = {
        "member": member,
        "result": result,
        "questions": _with_talk_flags(member, response, result["vragen"]),
    }
    return render(request, "portal/vragenlijst_uitslag.html", context)


def _with_talk_flags(
    member: FamilyMember, response: Response, questions: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``questions`` (``response_for_family``'s "vragen", in the instrument's item order) each
    with ``answer``: its stored ``Answer`` (None when there is none) for the *hier wil ik over
    praten* button (``portal:answer_talk``, Ons plan's one flag), and ``flagged``: this member
    has an open flag on it. ``response`` is loaded with its answers; one query for the flags."""
    version = response.instrument_version
    original = available_languages(response.instrument_id, version)[0]
    items = get_instrument(response.instrument_id, original, version).items  # for the ids only
    stored = {answer.item_id: answer for answer in response.answers.all()}
    flagged = set(
        TalkFlag.objects.filter(
            raised_by=member, answer__response=response, talked_at__isnull=True
        ).values_list("answer_id", flat=True)
    )
    rows = []
    for item, question in zip(items, questions, strict=True):
        answer = stored.get(item.id)
        rows.append(
            {**question, "answer": answer, "flagged": answer is not None and answer.pk in flagged}
        )
    return rows
