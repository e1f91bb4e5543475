"""roles.has_role and roles.can_read_access_log: signed in, active, the role (and the right)."""

from django.contrib.auth.models import AnonymousUser

from krachtbron.accounts.models import Role
from krachtbron.accounts.roles import can_read_access_log, has_role
from krachtbron.knowledge.permissions import can_delete_team_plan
from krachtbron.testing.factories import UserFactory


def test_has_role_needs_an_active_account_with_one_of_the_roles(org):
    assert has_role(org.teamleider, Role.TEAMLEIDER)
    assert has_role(org.teamleider, Role.ADVISEUR, Role.TEAMLEIDER)
    assert not has_role(org.teamleider, Role.BEHEERDER)
    assert not has_role(AnonymousUser(), Role.TEAMLEIDER)
    org.teamleider.is_active = False
    assert not has_role(org.teamleider, Role.TEAMLEIDER)


def test_only_an_active_beheerder_with_the_right_reads_the_access_log(org):
    assert org.beheerder.is_privacy_officer and can_read_access_log(org.beheerder)
    assert org.beheerder.can_read_access_log  # the model's shortcut asks the same
    assert not can_read_access_log(AnonymousUser())
    assert not can_read_access_log(UserFactory(role=Role.BEHEERDER, is_privacy_officer=False))
    # The right without the role (a left-over flag) gives nothing.
    assert not can_read_access_log(UserFactory(role=Role.ADVISEUR, is_privacy_officer=True))
    org.beheerder.is_active = False
    assert not can_read_access_log(org.beheerder)
    assert not org.beheerder.can_read_access_log


def test_a_teamleider_deletes_team_plans_only_while_active(org):
    from krachtbron.knowledge.models import ConversationPlan, PlanKind

    plan = ConversationPlan(kind=PlanKind.TEAM, team=org.team, owner=org.adviser)
    assert can_delete_team_plan(org.teamleider, plan)
    assert not can_delete_team_plan(org.colleague, plan)  # same team, not teamleider
    org.teamleider.is_active = False
    assert not can_delete_team_plan(org.teamleider, plan)
