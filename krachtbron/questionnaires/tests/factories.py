"""Factories and helpers for questionnaire tests (and the demo data and benchmark)."""

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import factory
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.families.models import FamilyMember
from krachtbron.lib.tokens import hash_token, new_token
from krachtbron.questionnaires import actions
from krachtbron.questionnaires.models import Answer, Invitation, Moment, Response
from krachtbron.testing.factories import MemberFactory, UserFactory


def invite(
    member: FamilyMember,
    by: User,
    *,
    moment: str = "begin",
    language: str = "nl",
) -> tuple[Invitation, str]:
    return actions.invite_member(by, member.family, member, moment=moment, language=language)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation in the state a test needs, said in words:
    ``InvitationFactory(member=m, created_by=adviser, expired=True)``.

    Traits: ``opened``, ``expired``, ``withdrawn`` set the moment that makes it so;
    ``answers={"g01": 2}`` saves answers and ``completed=True`` submits it, both through the
    real actions (so the response, its receipt and the log rows are there as in use). For the
    personal link as well, use ``InvitationFactory.linked(...)``: (invitation, token).
    """

    class Meta:
        model = Invitation
        skip_postgeneration_save = True

    member = factory.SubFactory(MemberFactory)
    family = factory.SelfAttribute("member.family")
    created_by = factory.SubFactory(UserFactory)
    moment = Moment.BEGIN
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))

    class Params:
        token = factory.LazyFunction(new_token)
        opened = factory.Trait(opened_at=factory.LazyFunction(timezone.now))
        expired = factory.Trait(
            expires_at=factory.LazyFunction(lambda: timezone.now() - timedelta(seconds=1))
        )
        withdrawn = factory.Trait(withdrawn_at=factory.LazyFunction(timezone.now))

    @factory.post_generation
    def answers(self, create: bool, extracted: Mapping[str, int | None] | None, **_: Any) -> None:
        for item_id, value in (extracted or {}).items():
            actions.save_answer(self, item_id, value)

    @factory.post_generation
    def completed(self, create: bool, extracted: bool | None, **_: Any) -> None:
        if extracted:
            actions.submit_response(self)
            self.refresh_from_db()

    @classmethod
    def linked(cls, **kwargs: Any) -> tuple[Invitation, str]:
        """The invitation and its personal link's token (only the hash is stored)."""
        token = new_token()
        return cls(token=token, **kwargs), token


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
