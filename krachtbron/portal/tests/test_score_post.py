"""A member's score POST, whole: PRG to the exact place on Ons plan, one number with its
access-log row, the form key claimed with where it led, and a replay that saves nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry, ActorKind
from krachtbron.lib.idempotency import new_key
from krachtbron.lib.models import FormSubmission
from krachtbron.strengths.models import GoalScaling, Scaling
from krachtbron.testing.factories import GoalFactory
from krachtbron.testing.portal import sign_in_member


@pytest.mark.django_db
def test_a_dimension_score_leads_back_to_the_numbers_once(org):
    client = sign_in_member(Client(), org.member)
    url = reverse("portal:dimension_score", args=["social"])
    key = new_key()
    first = client.post(url, {"form_key": key, "score": "6"})
    assert first.status_code == 302 and first["Location"] == "/mijn/#cijfers"
    scaling = Scaling.objects.get(by_member=org.member)
    row = AccessLogEntry.objects.get(object_type="scaling", object_id=scaling.pk)
    assert (row.kind, row.actor_kind, row.actor_member_id) == (
        AccessKind.CREATE,
        ActorKind.FAMILY_MEMBER,
        org.member.pk,
    )
    claim = FormSubmission.objects.get(member_id=org.member.pk, key=key)
    assert claim.result_url == "/mijn/#cijfers"
    again = client.post(url, {"form_key": key, "score": "6"})
    assert again.status_code == 302 and again["Location"] == "/mijn/#cijfers"
    assert Scaling.objects.filter(by_member=org.member).count() == 1
    assert "Je cijfer is bewaard." in client.get(again["Location"]).content.decode()


@pytest.mark.django_db
def test_a_goal_score_and_a_new_goal_lead_back_to_their_goal(org):
    goal = GoalFactory(family=org.family, member=org.member)
    client = sign_in_member(Client(), org.member)
    url = reverse("portal:goal_score", args=[goal.pk])
    response = client.post(url, {"form_key": new_key(), "score": "3"})
    assert response["Location"] == f"/mijn/#doel-{goal.pk}"
    assert GoalScaling.objects.filter(goal=goal, by_member=org.member).count() == 1
    added = client.post(
        reverse("portal:goal_add"),
        {
            "form_key": new_key(),
            "text": "Samen ontbijten",
            "life_domain": "opvoeden",
            "for_whom": "mij",
        },
    )
    assert added.status_code == 302
    new_goal = goal.family.goals.get(text="Samen ontbijten")
    assert added["Location"] == f"/mijn/#doel-{new_goal.pk}"
