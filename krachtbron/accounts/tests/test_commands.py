import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from krachtbron.accounts.models import Role, User
from krachtbron.audit.models import AccessLogEntry

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_create_beheerder_makes_the_first_beheerder(monkeypatch):
    monkeypatch.setenv("KRACHTBRON_ADMIN_PASSWORD", "een lange en sterke zin")
    call_command("create_beheerder", username="eerste", email="e@example.org", privacy_officer=True)
    user = User.objects.get(username="eerste")
    assert user.role == Role.BEHEERDER and user.is_privacy_officer
    assert user.check_password("een lange en sterke zin")
    # Logged as a change by the system (no person acted), with the right it gave.
    row = AccessLogEntry.objects.get(object_type="user")
    assert (row.actor, row.actor_kind, row.actor_role, row.kind, row.object_id) == (
        None,
        "system",
        "command",
        "create",
        user.pk,
    )
    assert row.extra == {"role": [None, "beheerder"], "is_privacy_officer": [None, True]}


@pytest.mark.django_db
def test_create_beheerder_gives_the_right_only_to_the_first_privacy_officer(monkeypatch, org):
    monkeypatch.setenv("KRACHTBRON_ADMIN_PASSWORD", "een lange en sterke zin")
    with pytest.raises(CommandError, match="tweede beheerder"):
        call_command(
            "create_beheerder", username="tweede", email="t@example.org", privacy_officer=True
        )
    assert not User.objects.filter(username="tweede").exists()
    call_command("create_beheerder", username="tweede", email="t@example.org")
    assert not User.objects.get(username="tweede").is_privacy_officer


@pytest.mark.django_db
def test_create_beheerder_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("KRACHTBRON_ADMIN_PASSWORD", "kort")
    with pytest.raises(CommandError):
        call_command("create_beheerder", username="eerste", email="e@example.org")
    assert not User.objects.filter(username="eerste").exists()


def _production_env(**extra):
    env = {
        **os.environ,
        "KRACHTBRON_PRODUCTION": "1",
        "SECRET_KEY": "a-very-long-random-production-secret-key-0123456789-abcdefghij",
        "ANSWER_SEAL_KEY": "cHJvZHVjdGlvbi10ZXN0LXNlYWwta2V5LTMyLWJ5dGU=",
        "ACCESS_LOG_KEY": "a-long-random-production-access-log-key-0123456789",
        "ALLOWED_HOSTS": "krachtbron.example.org",
        "DJANGO_SETTINGS_MODULE": "krachtbron.settings",
    }
    env.pop("KRACHTBRON_DEMO", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for browser tests only
    env.update(extra)
    return env


def test_check_deploy_gives_no_warnings_in_production_mode(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(SQLITE_PATH=str(tmp_path / "db.sqlite3")),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_demo_mode_refuses_to_start_in_production(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_production_env(KRACHTBRON_DEMO="1", SQLITE_PATH=str(tmp_path / "db.sqlite3")),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "KRACHTBRON_DEMO cannot be used in production" in result.stderr


def test_load_demo_refuses_in_production(tmp_path):
    env = _production_env(SQLITE_PATH=str(tmp_path / "db.sqlite3"))
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "niet toegestaan in productie" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"first_name": "Bea\ufffe"}, "U+FFFE"),
        ({"first_name": "Bea\x1b"}, "U+001B"),
        ({"email": "b@exa\ufffemple.org"}, "U+FFFE"),
        ({"email": "b@exa\u202emple.org"}, "U+202E"),
        ({"username": "bea\u202e"}, "alleen letters"),
    ],
)
def test_create_beheerder_refuses_what_the_forms_refuse(monkeypatch, options, message):
    """The command writes a user without a form: the same text rules apply (issue 12)."""
    monkeypatch.setenv("KRACHTBRON_ADMIN_PASSWORD", "een lange en sterke zin")
    arguments = {"username": "bea", "email": "b@example.org", **options}
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("create_beheerder", **arguments)
    assert not User.objects.exists()


@pytest.mark.django_db
def test_create_beheerder_grants_the_right_again_once_the_officer_is_switched_off(monkeypatch):
    """Break-11 finding 4 (the tester's reproduction): a beheerder without the right switches
    the officer off, then used the command to make an account of her own with the right."""
    from krachtbron.accounts import actions
    from krachtbron.testing.factories import UserFactory

    officer = UserFactory(role=Role.BEHEERDER, team=None, is_privacy_officer=True, username="po")
    mallory = UserFactory(role=Role.BEHEERDER, team=None, username="mallory")
    actions.deactivate_user(mallory, officer)
    monkeypatch.setenv("KRACHTBRON_ADMIN_PASSWORD", "a-long-password-42!")
    with pytest.raises(CommandError, match="alleen voor een nieuwe installatie"):
        call_command(
            "create_beheerder",
            *("--username", "mallory2", "--email", "m2@example.org", "--privacy-officer"),
        )
    assert not User.objects.filter(username="mallory2", is_privacy_officer=True).exists()


@pytest.mark.django_db
def test_create_beheerder_makes_two_beheerders_and_then_no_more(monkeypatch):
    monkeypatch.setenv("KRACHTBRON_ADMIN_PASSWORD", "een lange en sterke zin")
    call_command("create_beheerder", username="een", email="1@example.org", privacy_officer=True)
    call_command("create_beheerder", username="twee", email="2@example.org")
    with pytest.raises(CommandError, match="alleen voor een nieuwe installatie"):
        call_command("create_beheerder", username="drie", email="3@example.org")
    # Switched off still counts: switching a beheerder off does not reopen the door.
    User.objects.filter(username="twee").update(is_active=False)
    with pytest.raises(CommandError, match="alleen voor een nieuwe installatie"):
        call_command("create_beheerder", username="drie", email="3@example.org")
    assert not User.objects.filter(username="drie").exists()


@pytest.mark.django_db
def test_create_beheerder_refuses_once_a_beheerder_has_worked_in_krachtbron(monkeypatch, org):
    from krachtbron.accounts import actions

    monkeypatch.setenv("KRACHTBRON_ADMIN_PASSWORD", "een lange en sterke zin")
    actions.deactivate_user(org.beheerder, org.colleague)  # a row with a beheerder as actor
    User.objects.filter(role=Role.BEHEERDER).update(role=Role.ADVISEUR)  # even with none left
    with pytest.raises(CommandError, match="alleen voor een nieuwe installatie"):
        call_command("create_beheerder", username="nieuw", email="n@example.org")


@pytest.mark.django_db
def test_createsuperuser_is_refused_and_makes_nobody():
    with pytest.raises(CommandError, match="geen superusers"):
        call_command(
            "createsuperuser", "--username", "root", "--email", "r@example.org", "--noinput"
        )
    assert not User.objects.exists()
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_changepassword_is_logged_as_an_administrative_change(monkeypatch, org, client):
    from django.contrib.sessions.models import Session

    from krachtbron.testing.personas import login

    login(client, org.adviser)
    assert Session.objects.exists()
    answers = iter(["kort", "kort", "een nieuwe lange zin", "een nieuwe lange zin"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("changepassword", org.adviser.username)
    org.adviser.refresh_from_db()
    assert org.adviser.check_password("een nieuwe lange zin")
    assert not client.get("/").wsgi_request.user.is_authenticated  # its sessions ended
    row = AccessLogEntry.objects.filter(object_type="user").latest("id")
    assert (row.actor, row.actor_kind, row.kind, row.object_id, row.extra) == (
        None,
        "system",
        "change",
        org.adviser.pk,
        {"password": "changed"},
    )


@pytest.mark.django_db
def test_changepassword_changes_nothing_after_three_refused_tries(monkeypatch, org):
    before = org.adviser.password
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "kort")
    with pytest.raises(CommandError, match="niets gewijzigd"):
        call_command("changepassword", org.adviser.username)
    org.adviser.refresh_from_db()
    assert org.adviser.password == before
    assert not AccessLogEntry.objects.filter(object_type="user").exists()


def test_a_log_retention_below_a_family_files_is_refused_at_start(tmp_path):
    env = {
        **os.environ,
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "ACCESS_LOG_RETENTION_YEARS": "19",
        "DJANGO_SETTINGS_MODULE": "krachtbron.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ACCESS_LOG_RETENTION_YEARS=19 is too short: it must be at least 20" in result.stderr


def test_every_axes_command_that_changes_something_is_krachtbrons_logged_one():
    """A new axes release with a new reset command fails here until it is wrapped too."""
    import axes.management.commands as axes_commands
    from django.core.management import get_commands

    names = {p.stem for p in Path(axes_commands.__file__).parent.glob("axes_*.py")}
    changing = names - {"axes_list_attempts"}
    assert changing >= {"axes_reset", "axes_reset_username", "axes_reset_ip"}
    assert {name: get_commands()[name] for name in changing} == dict.fromkeys(
        changing, "krachtbron.accounts"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("axes_reset", []),
        ("axes_reset_username", ["{username}"]),
        ("axes_reset_ip", ["203.0.113.9"]),
        ("axes_reset_ip_username", ["203.0.113.9", "{username}"]),
    ],
)
def test_lifting_a_lockout_is_an_administrative_change_without_names(org, command, args):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username=org.adviser.username,
        ip_address="203.0.113.9",
        user_agent="test",
        failures_since_start=10,
    )
    call_command(command, *[a.format(username=org.adviser.username) for a in args])
    assert not AccessAttempt.objects.exists()
    row = AccessLogEntry.objects.get(object_type="sign_in_lockouts")
    assert (row.actor, row.actor_kind, row.kind, row.family_id, row.extra) == (
        None,
        "system",
        "change",
        None,
        {"attempts": [1, 0]},
    )
    stored = str(row.extra) + row.object_type
    assert org.adviser.username not in stored and "203.0.113.9" not in stored


@pytest.mark.django_db
def test_a_lockout_reset_is_undone_when_its_row_cannot_be_written(org, monkeypatch):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username=org.adviser.username,
        ip_address="203.0.113.9",
        user_agent="t",
        failures_since_start=10,
    )

    def refuse(*args, **kwargs):
        raise RuntimeError("log unavailable")

    monkeypatch.setattr(
        "krachtbron.accounts.management.commands._axes_logged.log_admin_change", refuse
    )
    with pytest.raises(RuntimeError):
        call_command("axes_reset")
    assert AccessAttempt.objects.count() == 1
