"""Every page a family member sees is an access-log row, with that member as the actor; a link
that exists but cannot be used any more is a refused access (SECURITY.md 17, DESIGN: Actor)."""

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessResult, ActorKind
from krachtbron.questionnaires import actions
from krachtbron.questionnaires.tests.factories import InvitationFactory, invite, open_link

pytestmark = pytest.mark.django_db


def _page_rows():
    return AccessLogEntry.objects.filter(kind=AccessKind.READ).order_by("id")


def test_each_page_of_the_questionnaire_is_logged_with_the_family_member(org):
    invitation, token = invite(org.member, org.adviser)
    client = Client()
    open_link(client, token)
    client.get(reverse("questionnaires:form_start"))
    client.get(reverse("questionnaires:form_question", args=[1]))
    client.post(reverse("questionnaires:form_autosave"), {"item": "g01", "value": "3"})
    client.get(reverse("questionnaires:form_review"))
    client.post(reverse("questionnaires:form_submit"))
    client.get(reverse("questionnaires:form_done"))
    rows = list(_page_rows())
    assert [row.object_type for row in rows] == [
        "questionnaire_start",
        "questionnaire_question",
        "questionnaire_review",
        "questionnaire_receipt",
    ]
    for row in rows:
        assert (row.actor_kind, row.actor_member_id, row.actor_id) == (
            ActorKind.FAMILY_MEMBER,
            org.member.pk,
            None,
        )
        assert (row.family_id, row.family_reference) == (org.family.pk, org.family.reference)
        assert (row.object_id, row.result) == (invitation.pk, AccessResult.OK)
    assert rows[1].extra == {"number": 1}
    # What the member did is theirs too: the response made and sent.
    changes = AccessLogEntry.objects.exclude(kind=AccessKind.READ).exclude(actor_kind="staff")
    assert {row.actor_member_id for row in changes} == {org.member.pk}


def test_a_page_shown_again_with_an_error_is_logged_as_well(org):
    _invitation, token = invite(org.member, org.adviser)
    client = Client()
    open_link(client, token)
    response = client.post(reverse("questionnaires:form_question", args=[2]), {"value": "9"})
    assert response.status_code == 400
    assert _page_rows().get().object_type == "questionnaire_question"


@pytest.mark.parametrize("problem", ["expired", "withdrawn", "completed"])
def test_a_link_that_can_no_longer_be_used_is_a_refused_access(org, problem):
    state = (
        {"answers": {"g01": 2}, "completed": True} if problem == "completed" else {problem: True}
    )
    _invitation, token = InvitationFactory.linked(
        member=org.member, created_by=org.adviser, **state
    )
    Client().get(reverse("questionnaires:open", args=[token]))
    row = AccessLogEntry.objects.get(result=AccessResult.DENIED)
    assert (row.actor_kind, row.actor_member_id, row.family_id) == (
        ActorKind.FAMILY_MEMBER,
        org.member.pk,
        org.family.pk,
    )
    assert (row.object_type, row.extra) == ("questionnaire_link", {"problem": problem})


def test_a_family_session_whose_invitation_was_withdrawn_is_a_refused_access(org):
    invitation, token = invite(org.member, org.adviser)
    client = Client()
    open_link(client, token)
    actions.withdraw_invitation(org.adviser, invitation)
    assert client.get(reverse("questionnaires:form_start")).status_code == 410
    row = AccessLogEntry.objects.get(result=AccessResult.DENIED)
    assert row.extra == {"problem": "withdrawn"} and row.actor_member_id == org.member.pk


def test_an_unknown_link_names_no_family_and_writes_nothing(org):
    Client().get(reverse("questionnaires:open", args=["x" * 43]))
    assert not AccessLogEntry.objects.exists()


def test_the_adviser_sees_the_family_members_visits_in_who_looked(org, as_user):
    _invitation, token = invite(org.member, org.adviser)
    family = Client()
    open_link(family, token)
    family.get(reverse("questionnaires:form_start"))
    html = (
        as_user(org.adviser)
        .get(reverse("families:access_history", args=[org.family.pk]))
        .content.decode()
    )
    assert "<bdi>gezinslid</bdi>" in html and "<td>vragenlijst: begin</td>" in html
