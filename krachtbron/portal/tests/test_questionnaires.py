"""Vragenlijsten in Mijn Krachtbron: open questionnaires as tasks, filled in through the
questionnaire's own pages in the member's session, and the member's own results only."""

from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry
from krachtbron.questionnaires.models import Answer, Invitation, Response
from krachtbron.questionnaires.tests.factories import (
    ALL_ITEMS,
    InvitationFactory,
    completed_response,
)
from krachtbron.testing.portal import sign_in_member


def _fill_in_all(client: Client, values: list[int]) -> None:
    for number, value in enumerate(values, start=1):
        posted = client.post(
            reverse("questionnaires:form_question", args=[number]),
            {"value": str(value), "action": "next"},
        )
        assert posted.status_code == 302, posted.status_code
    done = client.post(reverse("questionnaires:form_submit"))
    assert done["Location"] == reverse("questionnaires:form_done")


def test_a_parent_and_a_youth_each_fill_in_their_own_open_questionnaire(org):
    mine = InvitationFactory(member=org.member, created_by=org.adviser)
    theirs = InvitationFactory(member=org.youth, created_by=org.adviser)
    parent = sign_in_member(Client(), org.member)
    page = parent.get(reverse("portal:questionnaires"))
    assert page.status_code == 200
    tasks = [t["invitation"].pk for t in page.context["tasks"]]
    assert tasks == [mine.pk]  # Sem's questionnaire is not Fatima's task
    # Someone else's invitation cannot be opened from this session: 404, nothing changes.
    refused = parent.post(reverse("portal:questionnaire_begin", args=[theirs.pk]))
    assert refused.status_code == 404
    theirs.refresh_from_db()
    assert theirs.opened_at is None

    begun = parent.post(reverse("portal:questionnaire_begin", args=[mine.pk]))
    assert begun["Location"] == reverse("questionnaires:form_start")
    assert parent.get(begun["Location"]).status_code == 200
    _fill_in_all(parent, [4, 3, 1, 0, 2, 2, 2, 3, 4, 4, 2, 1, 2])
    done = parent.get(reverse("questionnaires:form_done"))
    assert reverse("portal:questionnaires") in done.content.decode()  # back to the portal
    response = Response.objects.get(invitation=mine)
    assert response.member == org.member and response.completed_at is not None
    # Still signed in to the portal; the task is gone and the result is there.
    after = parent.get(reverse("portal:questionnaires"))
    assert after.status_code == 200 and after.context["tasks"] == []
    assert [r["response"].pk for r in after.context["results"]] == [response.pk]

    youth = sign_in_member(Client(), org.youth)
    youth.post(reverse("portal:questionnaire_begin", args=[theirs.pk]))
    _fill_in_all(youth, [2] * len(ALL_ITEMS))
    assert Response.objects.get(invitation=theirs).member == org.youth

    # Every page and change has a row with the member as the actor.
    rows = AccessLogEntry.objects.filter(actor_member_id=org.member.pk)
    kinds = set(rows.values_list("object_type", flat=True))
    assert {"portal_questionnaires", "portal_questionnaire"} <= kinds


def test_the_result_shows_own_answers_in_words_never_a_siblings(org):
    own = completed_response(
        org.youth, org.adviser, {i: 4 if n < 3 else 0 for n, i in enumerate(ALL_ITEMS)}
    )
    sibling = completed_response(org.member, org.adviser, dict.fromkeys(ALL_ITEMS, 2))
    youth = sign_in_member(Client(), org.youth)
    page = youth.get(reverse("portal:questionnaire_result", args=[own.pk]))
    assert page.status_code == 200
    result = page.context["result"]
    assert (
        len(result["sterke_punten"]) == 3 and len(result["aandachtspunten"]) == len(ALL_ITEMS) - 3
    )
    text = page.content.decode()
    assert "Wat goed gaat" in text and "Waar je over wilt praten" in text
    assert youth.get(reverse("portal:questionnaire_result", args=[sibling.pk])).status_code == 404
    listed = youth.get(reverse("portal:questionnaires")).context["results"]
    assert [r["response"].pk for r in listed] == [own.pk]
    assert AccessLogEntry.objects.filter(
        actor_member_id=org.youth.pk, object_type="portal_result", object_id=own.pk
    ).exists()


def test_a_closed_invitation_is_no_task_and_cannot_be_begun(org):
    closed = InvitationFactory(member=org.member, created_by=org.adviser, withdrawn=True)
    parent = sign_in_member(Client(), org.member)
    assert parent.get(reverse("portal:questionnaires")).context["tasks"] == []
    assert parent.post(reverse("portal:questionnaire_begin", args=[closed.pk])).status_code == 404
    assert parent.get(reverse("questionnaires:form_start")).status_code != 200
    assert Invitation.objects.get(pk=closed.pk).opened_at is None


def test_a_portal_session_never_fills_in_a_personal_links_invitation(org):
    """The key of a personal link's session in a member's session opens nothing: only the
    invitation the portal put there (after its checks) counts."""
    from krachtbron.questionnaires.family_session import SESSION_KEY

    other = InvitationFactory(member=org.youth, created_by=org.adviser)
    parent = sign_in_member(Client(), org.member)
    session = parent.session
    session[SESSION_KEY] = other.pk
    session.save()
    assert parent.get(reverse("questionnaires:form_start")).status_code != 200
    answered = parent.post(reverse("questionnaires:form_autosave"), {"item": "g01", "value": "3"})
    assert answered.status_code != 200
    assert not Response.objects.filter(invitation=other).exists()


def test_a_member_flags_an_answer_on_their_result_and_the_adviser_sees_it(org):
    """ "Hier wil ik over praten" on each answer of the result page: Ons plan's one flag
    (``portal:answer_talk``), back to the same page, then shown as flagged, not as a button."""
    from krachtbron.portal.models import TalkFlag
    from krachtbron.testing.personas import login

    own = completed_response(org.youth, org.adviser, dict.fromkeys(ALL_ITEMS, 1))
    answers = list(own.answers.order_by("pk"))
    youth = sign_in_member(Client(), org.youth)
    path = reverse("portal:questionnaire_result", args=[own.pk])
    text = youth.get(path).content.decode()
    for answer in answers:  # a button for every answer, back to this page
        assert f'action="{reverse("portal:answer_talk", args=[answer.pk])}"' in text
    assert text.count(f'name="next" value="{path}"') == len(answers)
    chosen = answers[2]
    flagged = youth.post(reverse("portal:answer_talk", args=[chosen.pk]), {"next": path})
    assert flagged.status_code == 302 and flagged["Location"] == path
    flag = TalkFlag.objects.get()
    assert (flag.answer, flag.raised_by, flag.talked_at) == (chosen, org.youth, None)
    page = youth.get(path)
    text = page.content.decode()
    assert f'action="{reverse("portal:answer_talk", args=[chosen.pk])}"' not in text
    assert text.count(f'name="next" value="{path}"') == len(answers) - 1
    assert "Je wilt hierover praten" in text
    rows = {q["answer"].pk: q["flagged"] for q in page.context["questions"]}
    assert rows == {a.pk: a.pk == chosen.pk for a in answers}
    # The adviser sees it on the caseload card, through the one card-note registry.
    adviser = login(Client(), org.adviser)
    caseload = adviser.get(reverse("families:caseload")).content.decode()
    assert "1 onderwerp om te bespreken" in caseload


def test_the_adviser_reads_the_question_a_member_wants_to_talk_about(org):
    """The flag on an answer names the question in words (the instrument's text), on the
    goals tab and in the copy: not an item code such as "g01"."""
    from krachtbron.instruments import get_instrument
    from krachtbron.testing.personas import login

    own = completed_response(org.youth, org.adviser, dict.fromkeys(ALL_ITEMS, 1))
    answer = own.answers.order_by("pk")[2]
    question = next(
        item.text
        for item in get_instrument(own.instrument_id, "nl", own.instrument_version).items
        if item.id == answer.item_id
    )
    youth = sign_in_member(Client(), org.youth)
    youth.post(reverse("portal:answer_talk", args=[answer.pk]))
    adviser = login(Client(), org.adviser)
    tab = adviser.get(reverse("strengths:goals", args=[org.family.pk])).content.decode()
    assert question in tab
    assert f"Vraag {answer.item_id} " not in tab


def _begun(org) -> Client:
    invitation = InvitationFactory(member=org.member, created_by=org.adviser)
    client = sign_in_member(Client(), org.member)
    client.post(reverse("portal:questionnaire_begin", args=[invitation.pk]))
    assert client.get(reverse("questionnaires:form_question", args=[1])).status_code == 200
    return client


def test_the_questionnaire_ends_with_the_portal_session(org):
    """A questionnaire opened from Vragenlijsten is part of the member's portal session: when
    that runs out (idle, absolute) or its link is withdrawn, the questionnaire's pages and its
    autosave stop too, and the member is sent to sign in again."""
    from datetime import timedelta

    from django.utils import timezone

    from krachtbron.portal import session
    from krachtbron.portal.models import MemberLink

    question = reverse("questionnaires:form_question", args=[1])
    for spoil in ("idle", "absolute", "withdrawn"):
        for request in ("get", "post", "autosave"):
            client = _begun(org)
            stored = client.session
            if spoil == "idle":
                stored[session.SEEN_AT] = (timezone.now() - timedelta(minutes=16)).isoformat()
            elif spoil == "absolute":
                stored[session.AUTH_AT] = (
                    timezone.now() - timedelta(hours=4, seconds=1)
                ).isoformat()
            else:
                MemberLink.objects.filter(member=org.member).update(withdrawn_at=timezone.now())
            stored.save()
            if request == "get":
                answer = client.get(question)
            elif request == "post":
                answer = client.post(question, {"value": "3", "action": "next"})
            else:
                answer = client.post(
                    reverse("questionnaires:form_autosave"), {"item": "g01", "value": "3"}
                )
            where = f"{spoil} {request}"
            if request == "autosave":
                assert answer.status_code != 200, where
            else:
                assert answer["Location"] == reverse("portal:sign_in"), where
            MemberLink.objects.filter(member=org.member).update(withdrawn_at=None)
    assert not Answer.objects.exists()


def test_answering_a_questionnaire_keeps_the_portal_session_alive(org):
    from datetime import timedelta

    from django.utils import timezone

    from krachtbron.portal import session

    client = _begun(org)
    stored = client.session
    stored[session.SEEN_AT] = (timezone.now() - timedelta(minutes=10)).isoformat()
    stored.save()
    assert client.get(reverse("questionnaires:form_question", args=[2])).status_code == 200
    seen = timezone.datetime.fromisoformat(client.session[session.SEEN_AT])
    assert timezone.now() - seen < timedelta(minutes=1)
