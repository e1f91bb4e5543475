"""A goal a member wrote themselves: correcting it and taking it back (portal/own_goals.py), who
may, what stays honest (the version, the access log, the adviser's caseload)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessResult, ActorKind
from krachtbron.families.actions import add_family_goal, settle_family_goal, update_goal
from krachtbron.families.choices import GoalProposal
from krachtbron.families.models import Goal, StoredPdf
from krachtbron.networkplan.tests.factories import AgreementFactory
from krachtbron.portal.models import TalkFlag
from krachtbron.portal.plan_actions import raise_talk_flag
from krachtbron.strengths.tests.factories import GoalScalingFactory
from krachtbron.testing.forms import form_key_of
from krachtbron.testing.portal import sign_in_member

HOME = reverse("portal:home")


def _edit(goal) -> str:
    return reverse("portal:goal_edit", args=[goal.pk])


def _take_back(goal) -> str:
    return reverse("portal:goal_take_back", args=[goal.pk])


def _signed_in(member) -> Client:
    return sign_in_member(Client(), member)


def _own(member, text="Ik wil weer goed slapen", whole_family=False) -> Goal:
    return add_family_goal(
        member, text=text, life_domain="gezondheid", for_whole_family=whole_family
    )


def _data(page, **changes) -> dict[str, str]:
    data = {
        "form_key": form_key_of(page),
        "text": "Ik wil weer goed slapen, ook in het weekend",
        "life_domain": "gezondheid",
        "for_whom": "mij",
        "version": re.search(r'name="version" value="(\d+)"', page.content.decode())[1],
    }
    data.update(changes)
    return data


def _member_rows(member, **filters):
    return AccessLogEntry.objects.filter(
        actor_kind=ActorKind.FAMILY_MEMBER, actor_member_id=member.pk, **filters
    )


# --- Aanpassen --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_writer_corrects_their_goal_once_and_the_adviser_sees_a_proposal_again(org, as_user):
    goal = _own(org.member)
    settle_family_goal(org.adviser, goal, GoalProposal.DISCUSS)  # "samen bespreken" first
    client = _signed_in(org.member)
    client.get(HOME)  # asks for the plan's PDF: a stored row for the family
    assert StoredPdf.objects.filter(family=org.family).exists()
    page = client.get(_edit(goal))
    assert page.status_code == 200
    assert "Ik wil weer goed slapen" in page.content.decode()
    data = _data(page, for_whom="gezin", life_domain="wonen")
    first = client.post(_edit(goal), data)
    again = client.post(_edit(goal), data)  # a double tap: one change, one log row
    assert first.status_code == again.status_code == 302
    goal.refresh_from_db()
    assert (goal.text, goal.life_domain, goal.member_id, goal.proposal, goal.version) == (
        "Ik wil weer goed slapen, ook in het weekend",
        "wonen",
        None,
        GoalProposal.PROPOSED,
        3,
    )
    row = _member_rows(org.member, kind=AccessKind.CHANGE, object_type="goal").get()
    assert row.object_id == goal.pk and row.result == AccessResult.OK
    assert row.extra == {"fields": ["life_domain", "member", "text"], "by_family": True}
    assert "weekend" not in str(row.extra)  # the words stay out of the log
    assert not StoredPdf.objects.filter(family=org.family).exists()
    home = client.get(HOME).content.decode()
    assert "Je doel is aangepast." in home and "ook in het weekend" in home
    caseload = as_user(org.adviser).get(reverse("families:caseload")).content.decode()
    assert "1 doel van het gezin om te bekijken" in caseload


@pytest.mark.django_db
def test_saving_the_same_words_changes_and_logs_nothing(org):
    goal = _own(org.member)
    client = _signed_in(org.member)
    page = client.get(_edit(goal))
    data = _data(page, text="Ik wil weer goed slapen")
    assert client.post(_edit(goal), data).status_code == 302
    goal.refresh_from_db()
    assert goal.version == 1
    assert not _member_rows(org.member, kind=AccessKind.CHANGE, object_type="goal").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Schrijf op wat je wilt bereiken."),
        ("   \n  ", "Schrijf op wat je wilt bereiken."),
        ("Slapen " * 150, "1000"),
    ],
    ids=["empty", "only-spaces", "too-long"],
)
def test_bad_words_are_refused_and_what_was_typed_and_chosen_is_kept(org, typed, message):
    goal = _own(org.member)
    client = _signed_in(org.member)
    page = client.get(_edit(goal))
    response = client.post(_edit(goal), _data(page, text=typed, life_domain="wonen"))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'value="wonen" selected' in html
    if typed.strip():
        assert typed.strip()[:40] in html
    goal.refresh_from_db()
    assert (goal.text, goal.version) == ("Ik wil weer goed slapen", 1)


@pytest.mark.django_db
def test_words_with_emoji_and_other_scripts_are_kept_as_typed(org):
    goal = _own(org.member)
    client = _signed_in(org.member)
    words = "Beter slapen 😴 — أريد أن أنام جيدا"
    assert client.post(_edit(goal), _data(client.get(_edit(goal)), text=words)).status_code == 302
    goal.refresh_from_db()
    assert goal.text == words


@pytest.mark.django_db
def test_a_change_in_between_keeps_what_was_typed_and_the_next_save_lands(org, as_user):
    goal = _own(org.member)
    client = _signed_in(org.member)
    page = client.get(_edit(goal))  # version 1
    update_goal(org.adviser, goal, 1, life_domain="opvoeden")  # the adviser, in between
    typed = "Ik wil om tien uur in bed liggen"
    stale = client.post(_edit(goal), _data(page, text=typed))
    html = stale.content.decode()
    assert stale.status_code == 409
    assert "Iemand heeft dit doel net veranderd." in html and typed in html
    goal.refresh_from_db()
    assert (goal.text, goal.version) == ("Ik wil weer goed slapen", 2)
    assert 'name="version" value="2"' in html  # saving again is now a choice, not a stale try
    again = client.post(_edit(goal), _data(stale, text=typed))
    assert again.status_code == 302
    goal.refresh_from_db()
    assert goal.text == typed


@pytest.mark.django_db
def test_an_agreed_goal_is_not_changed_any_more(org):
    goal = _own(org.member)
    client = _signed_in(org.member)
    page = client.get(_edit(goal))
    settle_family_goal(org.adviser, goal, GoalProposal.AGREED)  # in between
    response = client.post(_edit(goal), _data(page))
    assert response.status_code == 302
    assert "al afgesproken" in client.get(HOME).content.decode()
    goal.refresh_from_db()
    assert goal.text == "Ik wil weer goed slapen"
    assert client.get(_edit(goal)).status_code == 302  # the form is not offered
    assert f'href="{_edit(goal)}"' not in client.get(HOME).content.decode()


# --- Who may -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_only_the_writer_gets_the_buttons(org):
    mine = _own(org.member, "Mijn eigen doel", whole_family=True)
    scored = _own(org.member, "Mijn doel met een cijfer", whole_family=True)
    GoalScalingFactory(goal=scored, score=4)
    parent_home = _signed_in(org.member).get(HOME).content.decode()
    assert _edit(mine) in parent_home and _take_back(mine) in parent_home
    assert _edit(scored) in parent_home and _take_back(scored) not in parent_home
    assert _edit(org.goal) not in parent_home  # the adviser's goal
    youth_home = _signed_in(org.youth).get(HOME).content.decode()
    assert "Mijn eigen doel" in youth_home  # Sem sees the family's goal...
    assert _edit(mine) not in youth_home and _take_back(mine) not in youth_home  # ...not hers


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["youth", "other_member", "writer-on-advisers-goal"])
def test_anyone_else_is_refused_as_if_the_goal_did_not_exist_and_the_try_is_logged(org, who):
    goal = _own(org.member, whole_family=True)
    if who == "writer-on-advisers-goal":
        member, goal = org.member, org.goal
    else:
        member = getattr(org, who)
    client = _signed_in(member)
    before = Goal.objects.values_list("pk", "text", "version").order_by("pk")
    before = list(before)
    for url in (_edit(goal), _take_back(goal)):
        assert client.get(url).status_code == 404
        posted = client.post(
            url,
            {
                "text": "Van iemand anders",
                "life_domain": "wonen",
                "for_whom": "gezin",
                "version": "1",
            },
        )
        assert posted.status_code == 404
    assert list(Goal.objects.values_list("pk", "text", "version").order_by("pk")) == before
    denied = AccessLogEntry.objects.filter(
        actor_member_id=member.pk, result=AccessResult.DENIED, object_id=goal.pk
    )
    assert denied.count() == 4 and {row.family_id for row in denied} == {org.family.pk}


@pytest.mark.django_db
def test_after_the_help_closed_nothing_is_changed(org):
    from krachtbron.aftercare.tests.helpers import close

    goal = _own(org.member)
    close(org.adviser, org.family)
    client = _signed_in(org.member)
    assert client.post(_take_back(goal), {"version": "1"}).status_code == 403
    assert Goal.objects.filter(pk=goal.pk).exists()


# --- Terugnemen --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_writer_takes_back_their_goal_after_a_question(org, as_user):
    goal = _own(org.member, "Een doel dat ik terugneem")
    raise_talk_flag(org.member, goal=goal)
    client = _signed_in(org.member)
    question = client.get(_take_back(goal))
    html = question.content.decode()
    assert question.status_code == 200
    assert "Neem je het terug?" in html and "Een doel dat ik terugneem" in html
    assert Goal.objects.filter(pk=goal.pk).exists()  # a GET takes nothing back
    data = {"form_key": form_key_of(question), "version": "1"}
    first = client.post(_take_back(goal), data)
    again = client.post(_take_back(goal), data)  # a double tap: the same answer, no 404
    assert first.status_code == again.status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
    assert not TalkFlag.objects.filter(goal_id=goal.pk).exists()
    row = _member_rows(org.member, kind=AccessKind.DELETE, object_type="goal").get()
    assert row.object_id == goal.pk and row.extra == {"taken_back": True}
    home = client.get(HOME).content.decode()
    assert "Je doel is teruggenomen." in home and "Een doel dat ik terugneem" not in home
    dossier = client.get(reverse("portal:dossier")).content.decode()
    assert "Fatima" in dossier and "verwijderd, doel" in dossier


@pytest.mark.django_db
@pytest.mark.parametrize("builds_on_it", ["score", "agreement", "agreed"])
def test_a_goal_something_builds_on_is_not_taken_back(org, builds_on_it):
    goal = _own(org.member)
    client = _signed_in(org.member)
    question = client.get(_take_back(goal))
    if builds_on_it == "score":
        GoalScalingFactory(goal=goal, score=2)
    elif builds_on_it == "agreement":
        AgreementFactory(family=org.family, goal=goal)
    else:
        settle_family_goal(org.adviser, goal, GoalProposal.AGREED)
    response = client.post(_take_back(goal), {"form_key": form_key_of(question), "version": "1"})
    assert response.status_code == 302
    assert Goal.objects.filter(pk=goal.pk).exists()
    assert not _member_rows(org.member, kind=AccessKind.DELETE).exists()
    assert "Zeg het je hulpverlener" in client.get(HOME).content.decode() or (
        builds_on_it == "agreed"
    )
    assert client.get(_take_back(goal)).status_code == 302  # the question is not asked


@pytest.mark.django_db
def test_a_change_in_between_asks_again_before_taking_back(org):
    goal = _own(org.member)
    client = _signed_in(org.member)
    question = client.get(_take_back(goal))
    update_goal(org.adviser, goal, 1, text="Goed slapen (aangevuld)")
    response = client.post(_take_back(goal), {"form_key": form_key_of(question), "version": "1"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Iemand heeft dit doel net veranderd." in html and "Goed slapen (aangevuld)" in html
    assert Goal.objects.filter(pk=goal.pk).exists()
    assert client.post(_take_back(goal), {"version": "2"}).status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
