"""One rule for "may still be filled in": Invitation.state_at, fillable() and the hot path agree."""

import itertools

import pytest
from django.utils import timezone

from krachtbron.questionnaires import fastpath
from krachtbron.questionnaires.actions import LinkProblem, record_answer
from krachtbron.questionnaires.models import (
    CLOSED_STATES,
    Answer,
    Invitation,
    fillable,
    has_response,
)
from krachtbron.questionnaires.tests.factories import InvitationFactory, answers_of

pytestmark = pytest.mark.django_db

STATES = list(itertools.product([False, True], repeat=4))  # opened, expired, withdrawn, answered


@pytest.mark.parametrize(("opened", "expired", "withdrawn", "answered"), STATES)
def test_the_query_and_the_state_say_the_same(opened, expired, withdrawn, answered):
    invitation = InvitationFactory(
        opened=opened, answers={"g01": 1} if answered else None, expired=expired
    )
    if withdrawn:  # after the answer: a questionnaire started, then withdrawn
        Invitation.objects.filter(pk=invitation.pk).update(withdrawn_at=timezone.now())
    invitation = Invitation.objects.get(pk=invitation.pk)
    now = timezone.now()
    open_by_state = invitation.state_at(now, has_response(invitation)) not in CLOSED_STATES
    open_by_query = Invitation.objects.filter(fillable(now), pk=invitation.pk).exists()
    assert open_by_query == open_by_state == (not expired and not withdrawn)
    # The hot path takes an answer exactly when a response is open and the rule says so.
    assert fastpath.save_answer(invitation.pk, "g02", 3) == (open_by_state and answered)


def test_a_completed_invitation_is_closed_everywhere():
    invitation = InvitationFactory(answers={"g01": 1}, completed=True)
    now = timezone.now()
    assert invitation.state_at(now, True) in CLOSED_STATES
    assert not Invitation.objects.filter(fillable(now), pk=invitation.pk).exists()
    assert fastpath.save_answer(invitation.pk, "g02", 3) is False
    assert fastpath.submit(invitation.pk) is None


def test_record_answer_creates_the_response_on_the_first_answer():
    invitation = InvitationFactory()
    assert record_answer(invitation.pk, "g01", 2) is None
    assert record_answer(invitation.pk, "g02", None) is None  # the hot path, now
    assert answers_of(invitation.response) == {"g01": 2, "g02": None}


@pytest.mark.parametrize(
    ("state", "problem"),
    [
        ({"expired": True}, LinkProblem.EXPIRED),
        ({"withdrawn": True}, LinkProblem.WITHDRAWN),
        ({"answers": {"g01": 1}, "completed": True}, LinkProblem.COMPLETED),
    ],
)
def test_record_answer_says_why_a_closed_questionnaire_takes_nothing(state, problem):
    invitation = InvitationFactory(**state)
    before = Answer.objects.count()
    assert record_answer(invitation.pk, "g03", 4) is problem
    assert Answer.objects.count() == before


def test_record_answer_for_an_invitation_that_is_gone():
    assert record_answer(987654, "g01", 1) is LinkProblem.UNKNOWN
