"""One rule for "may still be filled in": Invitation.state_at, fillable() and the hot path agree."""

import itertools

import pytest
from django.utils import timezone

from krachtbron.audit.models import AccessLogEntry, AccessResult
from krachtbron.questionnaires import fastpath
from krachtbron.questionnaires.actions import LinkProblem, record_answer, record_submit
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


def test_record_submit_completes_a_questionnaire_without_a_response_on_the_ordinary_path():
    invitation = InvitationFactory()
    assert record_submit(invitation.pk) is None
    invitation.refresh_from_db()
    assert invitation.completed_at is not None
    assert invitation.response.completed_at is not None and invitation.response.receipt


def test_record_submit_takes_the_hot_path_and_a_retry_keeps_the_receipt():
    invitation = InvitationFactory(answers={"g01": 3})
    assert record_submit(invitation.pk) is None
    invitation.refresh_from_db()
    receipt = invitation.response.receipt
    assert receipt and invitation.completed_at is not None
    assert record_submit(invitation.pk) is None  # a double click: no error, no second receipt
    invitation.response.refresh_from_db()
    assert invitation.response.receipt == receipt
    assert AccessLogEntry.objects.filter(extra={"action": "submit"}).count() == 1


@pytest.mark.parametrize(
    ("state", "problem"),
    [({"expired": True}, LinkProblem.EXPIRED), ({"withdrawn": True}, LinkProblem.WITHDRAWN)],
)
def test_record_submit_says_why_a_closed_questionnaire_is_not_submitted(state, problem):
    invitation = InvitationFactory(answers={"g01": 1}, **state)
    assert record_submit(invitation.pk) is problem
    invitation.refresh_from_db()
    assert invitation.completed_at is None and invitation.response.completed_at is None
    denied = AccessLogEntry.objects.get(result=AccessResult.DENIED)
    assert denied.extra == {"problem": problem.value}


def test_record_submit_for_an_invitation_that_is_gone():
    assert record_submit(987654) is LinkProblem.UNKNOWN
    assert not AccessLogEntry.objects.exists()
