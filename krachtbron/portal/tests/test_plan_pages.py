"""Ons plan in Mijn Krachtbron: what a member sees, adds, scores and flags, and what the
adviser then sees in the file and on the caseload."""

import re
from datetime import date

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessResult, ActorKind
from krachtbron.families import actions as family_actions
from krachtbron.families.choices import Dimension, GoalProposal, MemberRole, Visibility
from krachtbron.families.models import Goal, RightsDecision
from krachtbron.lib.idempotency import new_key
from krachtbron.network.choices import Quality
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.portal.models import TalkFlag
from krachtbron.questionnaires.tests.factories import InvitationFactory
from krachtbron.strengths.models import GoalScaling, Perspective, Scaling
from krachtbron.strengths.tests.factories import (
    FirstQuestionFactory,
    GoalScalingFactory,
    ScalingFactory,
    StrengthEntryFactory,
)
from krachtbron.testing.factories import GoalFactory, MemberFactory
from krachtbron.testing.portal import sign_in_member
from krachtbron.testing.queries import assert_constant_queries

HOME = reverse("portal:home")


def _signed_in(member) -> Client:
    return sign_in_member(Client(), member)


def _key(page) -> str:
    """The one-time form key a create form's page carries."""
    html = page.content.decode()
    start = html.index('name="form_key" value="') + len('name="form_key" value="')
    return html[start : html.index('"', start)]


def _member_rows(member, since=0, **filters):
    return AccessLogEntry.objects.filter(
        pk__gt=since, actor_kind=ActorKind.FAMILY_MEMBER, actor_member_id=member.pk, **filters
    )


# --- Ons plan --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_plan_shows_question_goals_scores_strengths_and_what_is_agreed(org):
    FirstQuestionFactory(
        family=org.family,
        text="Hoe krijgen we rust in de ochtend?",
        practical_help="Samen een ochtendschema maken",
    )
    goal = GoalFactory(family=org.family, text="Op tijd op school komen", status="bezig")
    GoalScalingFactory(goal=goal, score=3, note="Wekker op de gang zetten")
    GoalScalingFactory(goal=goal, score=6, one_step_higher="Zelf ontbijt maken")
    StrengthEntryFactory(member=org.member, goes_well="Kan goed koken", is_hard="Nee zeggen")
    ScalingFactory(member=org.member, dimension=Dimension.SOCIAL, score=7)
    ScalingFactory(member=org.member, dimension=Dimension.SOCIAL, score=2, by_adviser=True)
    page = _signed_in(org.member).get(HOME)
    html = page.content.decode()
    assert page.status_code == 200
    for text in (
        "Hoe krijgen we rust in de ochtend?",
        "Samen een ochtendschema maken",
        "Op tijd op school komen",
        "Mee bezig",
        "Zelf ontbijt maken",  # the next step of the newest number
        "Kan goed koken",
        "Nee zeggen",  # what is hard, next to what goes well (§4.3)
        "Wie je kent",  # the family's words for the social dimension
    ):
        assert text in html, text
    assert "<strong>6</strong> van 10" in html  # the latest number, not the first
    assert "<strong>7</strong> van 10" in html  # their own score, never the adviser's 2
    assert "<strong>2</strong>" not in html
    assert "Competentioneel" not in html and "Sociaal:" not in html  # no jargon


# Who sees what is families.rights (docs/gezinsrechten.md); these tests prove the home page
# follows it for each kind of member. Sem (org.youth) is 15, Fatima (org.member) has gezag.


def _born_years_ago(years: int) -> date:
    return date(timezone.localdate().year - years, 1, 1)  # the birthday has passed this year


@pytest.mark.django_db
def test_a_parent_with_gezag_sees_a_childs_shared_parts_and_the_child_not_the_parents(org):
    mila = MemberFactory(
        family=org.family, first_name="Mila", role=MemberRole.CHILD, birth_date=_born_years_ago(9)
    )
    GoalFactory(family=org.family, member=mila, text="Mila wil fietsen leren")
    StrengthEntryFactory(member=org.youth, goes_well="Sem speelt gitaar")
    GoalFactory(family=org.family, member=org.youth, text="Sem wil een bijbaan")
    GoalFactory(family=org.family, member=org.member, text="Fatima wil beter slapen")
    GoalFactory(family=org.other_family, text="Doel van een ander gezin")
    parent = _signed_in(org.member).get(HOME).content.decode()
    youth = _signed_in(org.youth).get(HOME).content.decode()
    # Gezag: a child under 12 and a young person of 12 to 15 share their rights with Fatima.
    for text in ("Mila wil fietsen leren", "Sem wil een bijbaan", "Sem speelt gitaar"):
        assert text in parent, text
    # A young person sees their own parts, never a parent's or a sibling's own.
    assert "Sem wil een bijbaan" in youth and "Sem speelt gitaar" in youth
    assert "Fatima wil beter slapen" in parent and "Fatima wil beter slapen" not in youth
    assert "Mila wil fietsen leren" not in youth
    assert org.goal.text in parent and org.goal.text in youth  # the whole family's goal
    assert "Doel van een ander gezin" not in parent + youth


@pytest.mark.django_db
def test_a_limit_the_adviser_recorded_takes_a_young_persons_parts_from_that_parent(org):
    GoalFactory(family=org.family, member=org.youth, text="Sem wil een bijbaan")
    family_actions.record_rights_decision(
        org.adviser, org.youth, org.member, kind=RightsDecision.Kind.LIMIT, reason="Sems belang"
    )
    parent = _signed_in(org.member).get(HOME).content.decode()
    assert "Sem wil een bijbaan" not in parent and org.goal.text in parent


@pytest.mark.django_db
def test_a_step_parent_sees_only_what_is_shared_with_them(org):
    step = MemberFactory(family=org.family, first_name="Mark", has_parental_authority=False)
    GoalFactory(family=org.family, member=org.youth, text="Sem wil een bijbaan")
    StrengthEntryFactory(member=org.youth, goes_well="Sem speelt gitaar")
    client = _signed_in(step)
    before = client.get(HOME).content.decode()
    assert org.goal.text in before  # the whole family's goal is theirs too
    assert "Sem wil een bijbaan" not in before and "Sem speelt gitaar" not in before
    family_actions.record_rights_decision(
        org.adviser, org.youth, step, kind=RightsDecision.Kind.SHARE, reason="Sem wil het"
    )
    after = client.get(HOME).content.decode()
    assert "Sem wil een bijbaan" in after and "Sem speelt gitaar" in after


@pytest.mark.django_db
def test_a_youth_of_16_alone_sees_their_own_parts(org):
    lina = MemberFactory(
        family=org.family,
        first_name="Lina",
        role=MemberRole.YOUTH,
        birth_date=(born := _born_years_ago(16)),
        birth_year=born.year,
    )
    GoalFactory(family=org.family, member=lina, text="Lina wil op kamers")
    StrengthEntryFactory(member=lina, goes_well="Lina tekent strips")
    GoalFactory(family=org.family, member=org.youth, text="Sem wil een bijbaan")
    lina_page = _signed_in(lina).get(HOME).content.decode()
    parent = _signed_in(org.member).get(HOME).content.decode()
    assert "Lina wil op kamers" in lina_page and "Lina tekent strips" in lina_page
    assert "Lina wil op kamers" not in parent and "Lina tekent strips" not in parent
    assert "Sem wil een bijbaan" not in lina_page and "Sem wil een bijbaan" in parent
    assert org.goal.text in lina_page


@pytest.mark.django_db
def test_parts_kept_for_professionals_reach_nobody_in_the_family(org):
    hidden = GoalFactory(
        family=org.family, text="Zorg om de veiligheid", visibility=Visibility.PROFESSIONALS
    )
    GoalScalingFactory(goal=org.goal, score=4, noted_on=date(2026, 1, 1))
    GoalScalingFactory(  # the adviser's newer number, kept for professionals
        goal=org.goal,
        score=9,
        note="Inschatting van de adviseur",
        noted_on=date(2026, 2, 1),
        visibility=Visibility.PROFESSIONALS,
    )
    StrengthEntryFactory(
        member=org.youth, goes_well="Werkhypothese adviseur", visibility=Visibility.PROFESSIONALS
    )
    ScalingFactory(member=org.youth, dimension=Dimension.SOCIAL, score=1, by_adviser=True)
    NetworkPersonFactory(
        family=org.family,
        label="Oom Karim",
        quality=Quality.BURDENING,
        may_be_overloaded=True,
        note="Spanning bij bezoek",
    )
    for member in (org.member, org.youth):
        client = _signed_in(member)
        html = client.get(HOME).content.decode()
        assert "<strong>4</strong> van 10" in html  # the family's number, not the adviser's 9
        for text in (
            "Zorg om de veiligheid",
            "<strong>9</strong>",
            "Inschatting van de adviseur",
            "Werkhypothese adviseur",
            "<strong>1</strong>",
            "Spanning bij bezoek",
            str(Quality.BURDENING.label),
        ):
            assert text not in html, (member.first_name, text)
        # Not by its number either: scoring or flagging it is a 404.
        assert client.get(reverse("portal:goal_score", args=[hidden.pk])).status_code == 404
        assert client.post(reverse("portal:goal_talk", args=[hidden.pk])).status_code == 404
    assert not TalkFlag.objects.exists()


@pytest.mark.django_db
def test_each_look_at_the_plan_is_logged_with_the_member_as_actor(org):
    client = _signed_in(org.youth)
    since = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    client.get(HOME)
    row = _member_rows(org.youth, since).get()
    assert (row.kind, row.family_id, row.object_type) == (
        AccessKind.READ,
        org.family.pk,
        "portal_home",
    )


@pytest.mark.django_db
def test_the_plan_runs_as_many_queries_for_a_big_file_as_for_a_small_one(org):
    client = _signed_in(org.member)

    def grow():
        FirstQuestionFactory(family=org.family)
        for n in range(4):
            goal = GoalFactory(family=org.family, member=org.member if n % 2 else None)
            GoalScalingFactory(goal=goal)
            GoalScalingFactory(goal=goal)
            TalkFlag.objects.create(
                family=org.family, raised_by=org.member, goal=goal, raised_at="2026-01-01T10:00Z"
            )
        for dimension in Dimension:
            StrengthEntryFactory(member=org.member, dimension=dimension)
            ScalingFactory(member=org.member, dimension=dimension)
        member = MemberFactory(family=org.family, first_name="Noor")
        StrengthEntryFactory(member=member)

    assert_constant_queries(client, HOME, grow=grow)


# --- A goal in your own words ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_member_adds_a_goal_the_adviser_sees_as_the_familys(org, as_user):
    client = _signed_in(org.youth)
    form = client.get(reverse("portal:goal_add"))
    data = {
        "form_key": _key(form),
        "text": "Ik wil mijn eigen geld verdienen",
        "life_domain": "werk_school",
        "for_whom": "mij",
    }
    first = client.post(reverse("portal:goal_add"), data)
    again = client.post(reverse("portal:goal_add"), data)  # a double tap: one goal
    goal = Goal.objects.get(text="Ik wil mijn eigen geld verdienen")
    assert first.status_code == again.status_code == 302
    assert (goal.member, goal.added_by_member, goal.proposal) == (
        org.youth,
        org.youth,
        GoalProposal.PROPOSED,
    )
    row = _member_rows(org.youth, kind=AccessKind.CREATE, object_type="goal").get()
    assert row.object_id == goal.pk and row.family_id == org.family.pk
    assert "Jullie voorstel" in client.get(HOME).content.decode()
    file = as_user(org.adviser).get(reverse("strengths:goals", args=[org.family.pk]))
    assert "Door het gezin toegevoegd: <bdi>Sem</bdi>" in file.content.decode()
    assert "Voorstel van het gezin" in file.content.decode()


@pytest.mark.django_db
def test_a_goal_for_the_whole_family_is_seen_by_every_member(org):
    client = _signed_in(org.member)
    form = client.get(reverse("portal:goal_add"))
    client.post(
        reverse("portal:goal_add"),
        {
            "form_key": _key(form),
            "text": "Samen op zondag wandelen",
            "life_domain": "sociale_relaties",
            "for_whom": "gezin",
        },
    )
    assert Goal.objects.get(text="Samen op zondag wandelen").member is None
    assert "Samen op zondag wandelen" in _signed_in(org.youth).get(HOME).content.decode()


@pytest.mark.django_db
def test_a_goal_without_words_is_refused_and_what_was_chosen_is_kept(org):
    client = _signed_in(org.member)
    response = client.post(
        reverse("portal:goal_add"), {"text": "  ", "life_domain": "wonen", "for_whom": "gezin"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Schrijf op wat je wilt bereiken." in html
    assert 'value="wonen" selected' in html
    assert re.search(r'value="gezin"[^>]* checked', html)
    assert not Goal.objects.exclude(pk=org.goal.pk).exists()


@pytest.mark.django_db
def test_the_adviser_agrees_a_proposed_goal_once(org, as_user):
    from krachtbron.families.actions import add_family_goal

    goal = add_family_goal(
        org.member, text="Minder ruzie", life_domain="opvoeden", for_whole_family=True
    )
    adviser = as_user(org.adviser)
    url = reverse("strengths:settle_goal", args=[goal.pk])
    adviser.post(url, {"antwoord": "bespreken"})
    goal.refresh_from_db()
    assert goal.proposal == GoalProposal.DISCUSS
    assert "We praten er samen over" in _signed_in(org.member).get(HOME).content.decode()
    adviser.post(url, {"antwoord": "akkoord"})
    adviser.post(url, {"antwoord": "bespreken"})  # an agreed goal stays agreed
    goal.refresh_from_db()
    assert goal.proposal == GoalProposal.AGREED
    changes = AccessLogEntry.objects.filter(
        actor_id=org.adviser.pk, kind=AccessKind.CHANGE, object_type="goal", object_id=goal.pk
    )
    assert [row.extra["proposal"] for row in changes.order_by("pk")] == ["bespreken", "agreed"]


# --- Scoring yourself --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_member_scores_a_goal_with_the_files_questions(org, as_user):
    client = _signed_in(org.member)
    url = reverse("portal:goal_score", args=[org.goal.pk])
    page = client.get(url).content.decode()
    for question in ("Wat maakt dat het geen 0 is?", "Wat is één stap hoger?"):
        assert question in page
    response = client.post(
        url,
        {
            "form_key": _key(client.get(url)),
            "score": "4",
            "not_zero_because": "We eten al twee keer per week samen",
            "one_step_higher": "Ook op vrijdag",
        },
    )
    assert response.status_code == 302
    scaling = GoalScaling.objects.get(goal=org.goal)
    assert (scaling.score, scaling.by_member, scaling.by) == (4, org.member, None)
    assert _member_rows(org.member, kind=AccessKind.CREATE, object_type="goalscaling").exists()
    file = as_user(org.adviser).get(reverse("strengths:goal_scalings", args=[org.goal.pk]))
    html = file.content.decode()
    assert "door <bdi>Fatima</bdi> in Mijn Krachtbron" in html and "Ook op vrijdag" in html


@pytest.mark.django_db
@pytest.mark.parametrize("score", ["", "11", "-1", "vijf"])
def test_a_score_outside_0_to_10_is_refused_and_the_words_are_kept(org, score):
    client = _signed_in(org.member)
    url = reverse("portal:goal_score", args=[org.goal.pk])
    response = client.post(url, {"score": score, "not_zero_because": "Mijn zus helpt"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een cijfer van 0 tot en met 10." in html and "Mijn zus helpt" in html
    assert not GoalScaling.objects.exists()


@pytest.mark.django_db
def test_a_member_scores_themselves_on_a_dimension(org):
    client = _signed_in(org.youth)
    url = reverse("portal:dimension_score", args=["motivation"])
    assert "Wat je wilt en durft" in client.get(url).content.decode()
    client.post(url, {"form_key": _key(client.get(url)), "score": "8"})
    scaling = Scaling.objects.get()
    assert (scaling.member, scaling.perspective, scaling.score, scaling.by_member) == (
        org.youth,
        Perspective.MEMBER,
        8,
        org.youth,
    )
    assert "<strong>8</strong> van 10" in client.get(HOME).content.decode()
    assert client.get(reverse("portal:dimension_score", args=["geluk"])).status_code == 404


@pytest.mark.django_db
def test_saving_a_score_runs_as_many_queries_for_a_big_file_as_for_a_small_one(org):
    """The POST as the form sends it (with its one-time key): its writes (the number, the
    key's claim, the file's change, the access-log row) whatever the file holds."""
    client = _signed_in(org.member)
    url = reverse("portal:dimension_score", args=["social"])

    def save() -> None:
        response = client.post(url, {"form_key": new_key(), "score": "6"})
        assert response.status_code == 302 and response["Location"].endswith("#cijfers")

    def grow() -> None:
        for n in range(4):
            goal = GoalFactory(family=org.family, member=org.member if n % 2 else None)
            GoalScalingFactory(goal=goal)
        for dimension in Dimension:
            ScalingFactory(member=org.member, dimension=dimension)
            StrengthEntryFactory(member=org.member, dimension=dimension)
        MemberFactory(family=org.family, first_name="Noor")

    before = Scaling.objects.filter(by_member=org.member).count()
    assert_constant_queries(save, grow=grow)
    assert Scaling.objects.filter(by_member=org.member).count() == before + 3  # each POST saved


@pytest.mark.django_db
def test_a_youth_cannot_score_or_flag_a_parents_own_goal_and_the_try_is_logged(org):
    own = GoalFactory(family=org.family, member=org.member, text="Fatima wil beter slapen")
    client = _signed_in(org.youth)
    for url, method in (
        (reverse("portal:goal_score", args=[own.pk]), client.get),
        (reverse("portal:goal_score", args=[own.pk]), client.post),
        (reverse("portal:goal_talk", args=[own.pk]), client.post),
    ):
        assert method(url, {"score": "3"}).status_code == 404
    assert not GoalScaling.objects.exists() and not TalkFlag.objects.exists()
    denied = _member_rows(org.youth, result=AccessResult.DENIED, object_id=own.pk)
    assert denied.count() == 3 and {row.family_id for row in denied} == {org.family.pk}


# --- Hier wil ik over praten -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_flag_on_a_goal_reaches_the_caseload_and_the_file_until_talked_about(org, as_user):
    member = _signed_in(org.member)
    member.post(reverse("portal:goal_talk", args=[org.goal.pk]))
    member.post(reverse("portal:goal_talk", args=[org.goal.pk]))  # twice: one flag
    flag = TalkFlag.objects.get()
    assert (flag.raised_by, flag.goal, flag.talked_at) == (org.member, org.goal, None)
    assert "Je wilt hierover praten." in member.get(HOME).content.decode()
    adviser = as_user(org.adviser)
    assert (
        "1 onderwerp om te bespreken" in adviser.get(reverse("families:caseload")).content.decode()
    )
    file = adviser.get(reverse("strengths:goals", args=[org.family.pk])).content.decode()
    assert (
        "Hier wil het gezin over praten" in file and "<bdi>Fatima</bdi> wil hierover praten" in file
    )
    adviser.post(reverse("portal:talk_done", args=[flag.pk]))
    flag.refresh_from_db()
    assert flag.talked_at is not None and flag.talked_by == org.adviser
    assert "om te bespreken" not in adviser.get(reverse("families:caseload")).content.decode()
    assert "Hier wil ik over praten" in member.get(HOME).content.decode()  # may flag again


@pytest.mark.django_db
def test_a_member_flags_their_own_questionnaire_answer_not_a_siblings(org):
    own = InvitationFactory(member=org.youth, created_by=org.adviser, answers={"g01": 1})
    other = InvitationFactory(member=org.member, created_by=org.adviser, answers={"g01": 3})
    own_answer = own.response.answers.get()
    other_answer = other.response.answers.get()
    client = _signed_in(org.youth)
    response = client.post(
        reverse("portal:answer_talk", args=[own_answer.pk]), {"next": "https://example.org/"}
    )
    assert response["Location"] == HOME  # never away from the portal
    assert TalkFlag.objects.get().answer == own_answer
    refused = client.post(reverse("portal:answer_talk", args=[other_answer.pk]))
    assert refused.status_code == 404 and TalkFlag.objects.count() == 1


class _Rollback(Exception):
    pass


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    numbers=st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 10), st.booleans()), min_size=0, max_size=8
    )
)
def test_the_plan_shows_the_newest_number_of_a_goal_and_its_next_step(numbers):
    """Whatever order numbers are written in: the plan shows the one of the latest date (the
    last written of that date), with its next step."""
    from datetime import timedelta

    from krachtbron.families.rights import rights_of
    from krachtbron.portal.plan import our_plan

    try:
        with transaction.atomic():
            member = MemberFactory()
            goal = GoalFactory(family=member.family)
            start = date(2026, 1, 1)
            for n, (days, score, with_step) in enumerate(numbers):
                GoalScalingFactory(
                    goal=goal,
                    score=score,
                    noted_on=start + timedelta(days=days),
                    one_step_higher=f"stap {n}" if with_step else "",
                )
            [shown] = our_plan(member, rights_of(member)).goals
            if not numbers:
                assert (shown.score, shown.next_step) == (None, "")
            else:
                newest = max(range(len(numbers)), key=lambda n: (numbers[n][0], n))
                days, score, with_step = numbers[newest]
                assert shown.score == score
                assert shown.scored_on == start + timedelta(days=days)
                assert shown.next_step == (f"stap {newest}" if with_step else "")
            raise _Rollback
    except _Rollback:
        pass


@pytest.mark.django_db
def test_two_members_with_the_same_form_key_each_store_their_own_goal(org):
    """A form key is claimed per sender (lib.idempotency): two members never share one."""
    key = "k" * 24
    for member, text in ((org.member, "Doel van Fatima"), (org.youth, "Doel van Sem")):
        client = _signed_in(member)
        data = {"form_key": key, "text": text, "life_domain": "wonen", "for_whom": "mij"}
        assert client.post(reverse("portal:goal_add"), data).status_code == 302
        assert client.post(reverse("portal:goal_add"), data).status_code == 302  # a replay
    assert Goal.objects.filter(text__startswith="Doel van").count() == 2


@pytest.mark.django_db
def test_a_parent_cannot_flag_a_childs_questionnaire_answer(org):
    """Vragenlijsten shows a member only their own answers, so "hier wil ik over praten" is
    only for those: a parent with gezag who may see a 15-year-old's file parts still cannot
    flag (or, by the answer, learn of) the child's questionnaire answer by its id. Refused
    like another family's answer: 404, nothing stored, a DENIED row with the parent as actor."""
    childs = InvitationFactory(
        member=org.youth, created_by=org.adviser, answers={"g01": 0}, completed=True
    )
    answer = childs.response.answers.get()
    parent = _signed_in(org.member)
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    refused = parent.post(reverse("portal:answer_talk", args=[answer.pk]))
    assert refused.status_code == 404
    assert not TalkFlag.objects.exists()
    assert _member_rows(org.member, before, result=AccessResult.DENIED).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "back",
    [
        "/mijn/../gezinnen/",  # a browser resolves the dots: a staff page
        "/mijn/./../inloggen/",
        "/mijn/%2e%2e/gezinnen/",
        "/mijn//example.org/",
        "/mijn/\\\\example.org",
        "/mijn/l/not-a-token",  # the link page, not a page of a signed-in member
        "/mijn/bestaat-niet/",
        "/mijn/?next=https://example.org/",
    ],
)
def test_the_talk_button_goes_back_only_to_a_page_of_the_portal(org, back):
    """The ``next`` field of "hier wil ik over praten" leads only to a member page of the
    portal as it is written; anything else (dots that a browser resolves to a staff page, a
    double slash, a path that is no member page) goes to Ons plan."""
    own = InvitationFactory(member=org.member, created_by=org.adviser, answers={"g01": 1})
    client = _signed_in(org.member)
    response = client.post(
        reverse("portal:answer_talk", args=[own.response.answers.get().pk]), {"next": back}
    )
    assert response.status_code == 302 and response["Location"] == HOME


@pytest.mark.django_db
def test_the_talk_button_comes_back_to_the_result_page(org):
    own = InvitationFactory(
        member=org.member, created_by=org.adviser, answers={"g01": 1}, completed=True
    )
    back = reverse("portal:questionnaire_result", args=[own.response.pk])
    client = _signed_in(org.member)
    response = client.post(
        reverse("portal:answer_talk", args=[own.response.answers.get().pk]), {"next": back}
    )
    assert response["Location"] == back
