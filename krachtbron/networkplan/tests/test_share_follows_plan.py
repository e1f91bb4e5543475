"""A share never shows more than the family that shared it can see now (issue 15, second break
report, findings 1 and 7): goals and agreements in a share follow the very rule the plan uses
(``plan.build_network_plan`` for the member who shared it), and every count (the portal's list
of shares, the closing walk) is of what its reader sees."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from krachtbron.families.choices import MemberRole, Visibility
from krachtbron.families.models import Goal
from krachtbron.families.rights import rights_of
from krachtbron.networkplan import share_rows, sharing
from krachtbron.networkplan.choices import AgreementStatus
from krachtbron.networkplan.closing import plan_state
from krachtbron.networkplan.models import Agreement
from krachtbron.networkplan.plan import build_network_plan
from krachtbron.networkplan.tests.share_helpers import make_plan, open_share, share_all
from krachtbron.testing.factories import GoalFactory, MemberFactory

pytestmark = pytest.mark.django_db

AUNT_AGREEMENT = "Tante Noor haalt Sem op woensdag op"


def _sixteen(org):
    today = timezone.localdate()
    born = today.replace(year=today.year - 16) - timedelta(days=10)
    return MemberFactory(
        family=org.family,
        first_name="Yara",
        role=MemberRole.YOUTH,
        birth_date=born,
        birth_year=born.year,
    )


def _shared(share):
    return sharing.shared_view(sharing.load_share(share.pk)).parts


def _row(member, share):
    return next(
        r for r in share_rows.visible_shares(member, rights_of(member)) if r.share.pk == share.pk
    )


def test_a_goal_made_for_professionals_only_leaves_every_share_and_every_count(org):
    planned = make_plan(org)
    share, token = share_all(org.member, planned.aunt)
    before = open_share(Client(), token).content.decode()
    assert org.goal.text in before and AUNT_AGREEMENT in before
    Goal.objects.filter(pk=org.goal.pk).update(visibility=Visibility.PROFESSIONALS)
    page = open_share(Client(), token).content.decode()
    assert org.goal.text not in page
    assert AUNT_AGREEMENT not in page  # the agreement on it goes with it
    assert "Als ik ziek ben" in page  # the rest of the share stays
    parts = _shared(share)
    assert parts.goals == () and parts.agreements == ()
    for reader in (org.member, org.youth):
        row = _row(reader, share)
        assert row.parts.goals == () and row.parts.agreements == ()


def test_a_goal_moved_to_a_member_the_sharer_may_not_see_leaves_the_share(org):
    planned = make_plan(org)
    share, _token = share_all(org.member, planned.aunt)
    yara = _sixteen(org)  # 16: her own goals are hers alone
    Goal.objects.filter(pk=org.goal.pk).update(member=yara)
    parts = _shared(share)
    assert parts.goals == () and parts.agreements == ()
    assert _row(org.member, share).parts.goals == ()


def test_an_agreement_moved_to_a_hidden_goal_or_stopped_leaves_the_share(org):
    planned = make_plan(org)
    share, _token = share_all(org.member, planned.aunt)
    hidden = GoalFactory(family=org.family, visibility=Visibility.PROFESSIONALS)
    Agreement.objects.filter(pk=planned.agreement.pk).update(goal=hidden)
    assert _shared(share).agreements == ()
    yara = _sixteen(org)
    Agreement.objects.filter(pk=planned.agreement.pk).update(
        goal=GoalFactory(family=org.family, member=yara)
    )
    assert _shared(share).agreements == ()
    Agreement.objects.filter(pk=planned.agreement.pk).update(
        goal=org.goal, status=AgreementStatus.STOPPED
    )
    assert _shared(share).agreements == ()
    Agreement.objects.filter(pk=planned.agreement.pk).update(status=AgreementStatus.RUNNING)
    assert [a.pk for a in _shared(share).agreements] == [planned.agreement.pk]


def test_the_share_follows_what_the_member_who_shared_may_see_today(org):
    """Sem (15) shares his goal; when a limit or his sixteenth birthday hides it from Fatima
    nothing changes for him; but when the goal becomes professionals-only, it leaves."""
    planned = make_plan(org, youth=org.youth)
    share, _token = share_all(org.youth, planned.aunt)
    assert planned.youth_goal.pk in {g.pk for g in _shared(share).goals} | {
        g.pk for g in share_rows.visible_shares(org.youth, rights_of(org.youth))[0].parts.goals
    }
    Goal.objects.filter(pk=planned.youth_goal.pk).update(visibility=Visibility.PROFESSIONALS)
    row = _row(org.youth, share)
    assert planned.youth_goal.pk not in {g.pk for g in row.parts.goals}
    assert planned.youth_agreement.pk not in {a.pk for a in row.parts.agreements}


def test_counts_in_the_share_list_are_what_the_reader_sees_in_the_plan(org):
    """Finding 7: Sem's plan shows an agreement Fatima carries on the family's goal; the count
    of his share row must include it, as his plan does (he sees the share: his goal is in it)."""
    planned = make_plan(org, youth=org.youth)
    Agreement.objects.create(
        family=org.family, goal=org.goal, text="Fatima belt de school", performer_member=org.member
    )
    share, _token = share_all(org.member, planned.aunt)
    row = _row(org.youth, share)
    plan = build_network_plan(org.family, rights_of(org.youth))
    in_share = set(share.agreements.values_list("pk", flat=True))
    assert {a.pk for a in row.parts.agreements} == {a.pk for a in plan.agreements} & in_share
    assert len(row.parts.agreements) == 3


def test_the_closing_walk_counts_what_the_plan_tab_shows(org):
    make_plan(org)
    hidden = GoalFactory(family=org.family, visibility=Visibility.PROFESSIONALS)
    Agreement.objects.create(
        family=org.family,
        goal=hidden,
        text="Alleen voor ons",
        performer_adviser=True,
        status=AgreementStatus.DONE,
    )
    shown = len(build_network_plan(org.family).agreements)
    summary = plan_state(org.family).summary
    assert f"{shown} afspraak" in summary
