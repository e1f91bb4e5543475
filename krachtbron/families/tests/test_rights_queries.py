"""The portal's query helper (rights_of / visible_to / can_see) on real rows."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from krachtbron.families import actions
from krachtbron.families.choices import MemberRole, Visibility
from krachtbron.families.models import Goal, RightsDecision
from krachtbron.families.rights import rights_of, visible_to
from krachtbron.strengths.models import Scaling
from krachtbron.strengths.tests.factories import ScalingFactory
from krachtbron.testing.factories import GoalFactory, MemberFactory


def _years_ago(years: int) -> date:
    today = timezone.localdate()
    return date(today.year - years, 1, 1) if today.month > 1 or today.day > 1 else today


def test_each_member_sees_what_their_rights_allow_and_can_see_agrees(org):
    family = org.family
    mother = org.member  # opvoeder with gezag
    step = MemberFactory(family=family, first_name="Johan", has_parental_authority=False)
    noor = MemberFactory(
        family=family, first_name="Noor", role=MemberRole.YOUTH, birth_date=_years_ago(14)
    )
    sem = MemberFactory(
        family=family, first_name="Sem", role=MemberRole.YOUTH, birth_date=_years_ago(16)
    )
    for member in (mother, step, noor, sem):
        GoalFactory(family=family, member=member, text=f"doel {member.first_name}")
        ScalingFactory(member=member, score=6)
        ScalingFactory(member=member, score=3, by_adviser=True)
    GoalFactory(family=family, text="verborgen", visibility=Visibility.PROFESSIONALS)
    own_goals = {
        m: set(visible_to(m, Goal.objects.all()).values_list("text", flat=True))
        for m in (mother, step, noor, sem)
    }
    assert own_goals[mother] == {"Weer rustig samen eten", "doel Fatima", "doel Noor"}
    assert own_goals[step] == {"Weer rustig samen eten", "doel Johan"}
    assert own_goals[noor] == {"Weer rustig samen eten", "doel Noor"}
    assert own_goals[sem] == {"Weer rustig samen eten", "doel Sem"}
    # The adviser's own scores reach nobody in the family.
    for member in (mother, step, noor, sem):
        scores = visible_to(member, Scaling.objects.all())
        assert set(scores.values_list("perspective", flat=True)) <= {"gezinslid"}
    # Another family's rows never.
    GoalFactory(family=org.other_family, text="ander gezin")
    assert "ander gezin" not in set(
        visible_to(mother, Goal.objects.all()).values_list("text", flat=True)
    )
    # can_see says the same as the filter, row by row.
    for member in (mother, step, noor, sem):
        rights = rights_of(member)
        shown = set(rights.filter(Goal.objects.all()).values_list("pk", flat=True))
        assert {g.pk for g in Goal.objects.all() if rights.can_see(g)} == shown


def test_a_recorded_limit_and_share_change_what_the_helper_returns(org):
    mother = org.member
    step = MemberFactory(family=org.family, first_name="Johan", has_parental_authority=False)
    noor = MemberFactory(
        family=org.family, first_name="Noor", role=MemberRole.YOUTH, birth_date=_years_ago(14)
    )
    GoalFactory(family=org.family, member=noor, text="doel Noor")

    def sees(member):
        return "doel Noor" in set(
            visible_to(member, Goal.objects.all()).values_list("text", flat=True)
        )

    assert sees(mother) and not sees(step)
    limit = actions.record_rights_decision(
        org.adviser, noor, mother, kind=RightsDecision.Kind.LIMIT, reason="In Noors belang"
    )
    share = actions.record_rights_decision(
        org.adviser, noor, step, kind=RightsDecision.Kind.SHARE, reason="Noor en moeder willen dit"
    )
    assert not sees(mother) and sees(step)
    actions.end_rights_decision(org.adviser, limit)
    actions.end_rights_decision(org.adviser, share)
    assert sees(mother) and not sees(step)
    # Ended, not deleted: the file keeps who decided what and when.
    assert RightsDecision.objects.filter(ended_by=org.adviser).count() == 2


def test_the_rights_cost_two_queries_whatever_the_size_of_the_family(org):
    for n in range(6):
        MemberFactory(family=org.family, first_name=f"Kind {n}", role=MemberRole.CHILD)
    with CaptureQueriesContext(connection) as queries:
        rights_of(org.member)
    assert len(queries) == 2


def test_a_child_under_12_or_without_a_date_sees_nothing(org):
    child = MemberFactory(family=org.family, role=MemberRole.CHILD, birth_date=_years_ago(8))
    nodate = MemberFactory(family=org.family, role=MemberRole.YOUTH, birth_year=2000)
    for member in (child, nodate):
        assert not visible_to(member, Goal.objects.all()).exists()
