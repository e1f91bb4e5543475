"""Every administrative change of accounts and teams writes exactly one access-log row with its
old and new values, in the same transaction as the change (SECURITY.md 18)."""

import pytest
from django.db import DatabaseError
from django_otp.plugins.otp_totp.models import TOTPDevice

from krachtbron.accounts import actions, four_eyes
from krachtbron.accounts.changes import AdminError
from krachtbron.accounts.models import PrivilegeRequest, Role, Team, User
from krachtbron.audit.change_labels import FIELD_LABELS
from krachtbron.audit.labels import ADMIN_LABELS
from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def admin_rows():
    return list(AccessLogEntry.objects.filter(object_type__in=list(ADMIN_LABELS)).order_by("id"))


def only_row():
    rows = admin_rows()
    assert len(rows) == 1, [(r.object_type, r.extra) for r in rows]
    return rows[0]


def beheerder(**kwargs):
    return UserFactory(role=Role.BEHEERDER, team=None, **kwargs)


def test_creating_a_team_logs_its_name_and_state(org):
    team = actions.save_team(org.beheerder, None, name="Team MBO", is_active=True)
    row = only_row()
    assert (row.object_type, row.kind, row.object_id) == ("team", AccessKind.CREATE, team.pk)
    assert row.actor == org.beheerder and row.actor_role == "beheerder"
    assert row.family_id is None and row.family_reference == ""
    assert row.extra == {"name": [None, "Team MBO"], "is_active": [None, True]}


def test_changing_a_team_logs_old_and_new_and_nothing_when_nothing_changed(org):
    actions.save_team(org.beheerder, org.team, name="Team Oost", is_active=True)
    assert admin_rows() == []
    actions.save_team(org.beheerder, org.team, name="Team Oost-Watergraafsmeer", is_active=False)
    row = only_row()
    assert (row.object_type, row.kind, row.object_id) == ("team", AccessKind.CHANGE, org.team.pk)
    assert row.extra == {
        "name": ["Team Oost", "Team Oost-Watergraafsmeer"],
        "is_active": [True, False],
    }


def test_an_invitation_logs_role_and_team_and_never_grants_a_right(org):
    invited = User(
        username="nadia",
        first_name="Nadia",
        email="nadia@example.org",
        role=Role.ADVISEUR,
        team=org.team,
        is_privacy_officer=True,  # as if a form had let it through
        is_superuser=True,
    )
    actions.invite_user(org.beheerder, invited)
    invited.refresh_from_db()
    assert not invited.is_privacy_officer and not invited.is_superuser
    assert invited.invited_by == org.beheerder
    row = only_row()
    assert (row.object_type, row.kind, row.object_id) == (
        "user_invitation",
        AccessKind.CREATE,
        invited.pk,
    )
    assert row.extra == {"role": [None, "adviseur"], "team": [None, org.team.pk]}


def test_editing_a_user_logs_role_and_team_values_and_only_that_names_changed(org):
    changes = actions.update_user(
        org.beheerder,
        org.colleague,
        first_name="Robert",
        last_name="de Vries",
        username="bob",
        email="robert@example.org",
        role=Role.TEAMLEIDER,
        team=org.other_team,
    )
    row = only_row()
    assert (row.object_type, row.kind, row.object_id) == (
        "user",
        AccessKind.CHANGE,
        org.colleague.pk,
    )
    assert (
        row.extra
        == changes
        == {
            "first_name": "changed",
            "last_name": "changed",
            "email": "changed",
            "role": ["adviseur", "teamleider"],
            "team": [org.team.pk, org.other_team.pk],
        }
    )
    # The row holds no name and no e-mail address, old or new.
    stored = str(row.extra)
    assert "Bob" not in stored and "Robert" not in stored and "example.org" not in stored
    org.colleague.refresh_from_db()
    assert org.colleague.role == Role.TEAMLEIDER and org.colleague.team == org.other_team


def test_an_edit_that_changes_nothing_writes_no_row(org):
    bob = org.colleague
    actions.update_user(org.beheerder, bob, first_name=bob.first_name, role=bob.role, team=bob.team)
    assert admin_rows() == []


def test_a_beheerder_cannot_change_their_own_role(org):
    with pytest.raises(AdminError, match="eigen rol"):
        actions.update_user(org.beheerder, org.beheerder, role=Role.ADVISEUR, team=org.team)
    org.beheerder.refresh_from_db()
    assert org.beheerder.role == Role.BEHEERDER
    assert admin_rows() == []


def test_a_privacy_officer_who_stops_being_beheerder_loses_the_right(org):
    other = beheerder(is_privacy_officer=True)
    actions.update_user(org.beheerder, other, role=Role.ADVISEUR, team=org.team)
    other.refresh_from_db()
    assert not other.is_privacy_officer
    assert only_row().extra == {
        "role": ["beheerder", "adviseur"],
        "team": [None, org.team.pk],
        "is_privacy_officer": [True, False],
    }
    # Back to beheerder takes another beheerder; the right does not come back with the role.
    with pytest.raises(AdminError, match="tweede beheerder"):
        actions.update_user(org.beheerder, other, role=Role.BEHEERDER, team=None)
    waiting = four_eyes.request_beheerder(org.beheerder, other)
    four_eyes.decide_request(beheerder(), waiting.pk, approve=True)
    other.refresh_from_db()
    assert other.role == Role.BEHEERDER and not other.is_privacy_officer


def test_update_user_sets_no_field_outside_the_form(org):
    with pytest.raises(TypeError):
        actions.update_user(org.beheerder, org.colleague, is_privacy_officer=True)
    org.colleague.refresh_from_db()
    assert not org.colleague.is_privacy_officer


def test_deactivating_and_reactivating_log_old_and_new(org):
    assert actions.deactivate_user(org.beheerder, org.adviser)
    assert actions.deactivate_user(org.beheerder, org.adviser) is False  # already off: no row
    assert actions.reactivate_user(org.beheerder, org.adviser)
    rows = admin_rows()
    assert [(r.object_type, r.object_id, r.extra) for r in rows] == [
        ("user", org.adviser.pk, {"is_active": [True, False]}),
        ("user", org.adviser.pk, {"is_active": [False, True]}),
    ]


def test_nobody_switches_their_own_account_off(org):
    with pytest.raises(AdminError):
        actions.deactivate_user(org.beheerder, org.beheerder)
    org.beheerder.refresh_from_db()
    assert org.beheerder.is_active and admin_rows() == []


def test_a_second_factor_reset_logs_the_apps_before_and_after(org):
    actions.reset_second_factor(org.beheerder, org.adviser)
    assert not TOTPDevice.objects.filter(user=org.adviser).exists()
    row = only_row()
    assert (row.object_type, row.object_id) == ("second_factor", org.adviser.pk)
    assert row.extra == {"devices": [1, 0]}


def test_nobody_resets_their_own_second_factor(org):
    with pytest.raises(AdminError):
        actions.reset_second_factor(org.beheerder, org.beheerder)
    assert TOTPDevice.objects.filter(user=org.beheerder).exists()


def test_only_an_active_beheerder_makes_administrative_changes(org):
    for actor in (org.adviser, org.teamleider, org.onderzoeker):
        with pytest.raises(AdminError):
            actions.save_team(actor, None, name="Team X", is_active=True)
        with pytest.raises(AdminError):
            actions.deactivate_user(actor, org.colleague)
    off = beheerder(is_active=False)
    with pytest.raises(AdminError):
        actions.update_user(off, org.colleague, role=Role.BEHEERDER, team=None)
    assert admin_rows() == [] and not Team.objects.filter(name="Team X").exists()


def test_every_logged_field_has_a_readable_name(org):
    x = beheerder()
    actions.save_team(org.beheerder, None, name="Team MBO", is_active=True)
    actions.invite_user(org.beheerder, User(username="n", email="n@example.org", role="adviseur"))
    actions.update_user(org.beheerder, org.colleague, first_name="B", role="teamleider")
    actions.deactivate_user(org.beheerder, org.colleague)
    actions.reset_second_factor(org.beheerder, org.adviser)
    waiting = four_eyes.request_privacy_officer(org.beheerder, x)
    four_eyes.decide_request(beheerder(), waiting.pk, approve=True)
    four_eyes.revoke_privacy_officer(org.beheerder, x)
    fields = {name for row in admin_rows() for name in row.extra}
    assert len(admin_rows()) == 8
    assert fields - set(FIELD_LABELS) == set()


# --- A failure inside the action leaves neither the change nor the row -----------------------


def _broken_log(monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("log unavailable")

    monkeypatch.setattr(actions, "log_admin_change", broken)
    monkeypatch.setattr(four_eyes, "log_admin_change", broken)


def test_a_failed_log_row_undoes_the_team_change(org, monkeypatch):
    _broken_log(monkeypatch)
    with pytest.raises(DatabaseError):
        actions.save_team(org.beheerder, org.team, name="Anders", is_active=False)
    with pytest.raises(DatabaseError):
        actions.save_team(org.beheerder, None, name="Team Nieuw", is_active=True)
    org.team.refresh_from_db()
    assert org.team.name == "Team Oost" and org.team.is_active
    assert not Team.objects.filter(name="Team Nieuw").exists()
    assert admin_rows() == []


def test_a_failed_log_row_undoes_the_user_changes(org, monkeypatch):
    x = beheerder()
    waiting = four_eyes.request_privacy_officer(org.beheerder, x)
    logged_before = len(admin_rows())
    _broken_log(monkeypatch)
    calls = [
        lambda: actions.invite_user(org.beheerder, User(username="n", email="n@example.org")),
        lambda: actions.update_user(org.beheerder, org.colleague, role="teamleider"),
        lambda: actions.deactivate_user(org.beheerder, org.colleague),
        lambda: actions.reset_second_factor(org.beheerder, org.adviser),
        lambda: four_eyes.decide_request(beheerder(), waiting.pk, approve=True),
        lambda: four_eyes.request_privacy_officer(org.beheerder, beheerder()),
        lambda: four_eyes.revoke_privacy_officer(beheerder(), org.beheerder),
    ]
    for call in calls:
        with pytest.raises(DatabaseError):
            call()
    org.colleague.refresh_from_db()
    org.beheerder.refresh_from_db()
    x.refresh_from_db()
    waiting.refresh_from_db()
    assert not User.objects.filter(username="n").exists()
    assert org.colleague.role == Role.ADVISEUR and org.colleague.is_active
    assert TOTPDevice.objects.filter(user=org.adviser).exists()
    assert waiting.outcome == PrivilegeRequest.Outcome.PENDING and not x.is_privacy_officer
    assert PrivilegeRequest.objects.count() == 1
    assert org.beheerder.is_privacy_officer
    assert len(admin_rows()) == logged_before
