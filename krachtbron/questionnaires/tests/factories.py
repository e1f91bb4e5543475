"""Factories and helpers for questionnaire tests (and the demo data and benchmark)."""

from collections.abc import Mapping
from datetime import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.families.models import FamilyMember
from krachtbron.questionnaires import actions
from krachtbron.questionnaires.models import Answer, Invitation, Response


def invite(
    member: FamilyMember,
    by: User,
    *,
    moment: str = "begin",
    language: str = "nl",
) -> tuple[Invitation, str]:
    return actions.invite_member(by, member.family, member, moment=moment, language=language)


def open_link(client: Client, token: str) -> None:
    """Exchange the token for a family session on this client, as a first visit does."""
    response = client.get(reverse("questionnaires:open", args=[token]))
    assert response.status_code == 302, response.status_code


def completed_response(
    member: FamilyMember,
    by: User,
    answers: Mapping[str, int | None],
    *,
    moment: str = "begin",
    language: str = "nl",
    completed_at: datetime | None = None,
) -> Response:
    """A response filled in and submitted through the real actions."""
    invitation, _token = invite(member, by, moment=moment, language=language)
    for item_id, value in answers.items():
        actions.save_answer(invitation, item_id, value)
    invitation.refresh_from_db()
    response = actions.submit_response(invitation)
    if completed_at is not None:
        Response.objects.filter(pk=response.pk).update(completed_at=completed_at)
        Invitation.objects.filter(pk=invitation.pk).update(completed_at=completed_at)
        response.refresh_from_db()
    return response


ALL_ITEMS = [f"g{n:02d}" for n in range(1, 14)]


def answers_of(response: Response) -> dict[str, int | None]:
    return dict(Answer.objects.filter(response=response).values_list("item_id", "value"))


def now() -> datetime:
    return timezone.now()
