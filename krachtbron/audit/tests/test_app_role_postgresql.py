"""PostgreSQL: Krachtbron works as its application role, which cannot change the access log.

The proof on a real server (SECURITY.md 18): a fresh database owned by an owner role is migrated
as that owner; ``grant_app_role`` creates the application role; then, in a subprocess whose
DATABASE_URL names the application role, Krachtbron does its normal work (pages, changes, log
rows, seals) and every way to change or remove the log is refused by the database.
Runs when the suite runs on PostgreSQL; on SQLite, test_app_role_sqlite.py runs instead.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

pytestmark = pytest.mark.database("postgresql")

ROOT = Path(__file__).resolve().parents[3]
INSUFFICIENT_PRIVILEGE = "42501"


def _server() -> dict[str, str]:
    db = settings.DATABASES["default"]
    return {"host": db["HOST"], "port": str(db["PORT"]), "user": db["USER"]}


def _url(role: str, database: str) -> str:
    server = _server()
    return f"postgres://{role}@{server['host']}:{server['port']}/{database}"


def _run(database_url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "krachtbron.settings",
        "LOG_LEVEL": "WARNING",
        "KRACHTBRON_APP_PASSWORD": "app-role-password-for-this-test",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # for browser tests only; a deploy check refuses it
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=check
    )


@pytest.fixture
def owned_database(monkeypatch, tmp_path):
    """A fresh database owned by a fresh owner role (not a superuser); both removed after. The
    commands run as on one application server: one head file for the owner's and the app's."""
    monkeypatch.setenv("ACCESS_LOG_HEAD_FILE", str(tmp_path / "access-log-heads"))
    suffix = secrets.token_hex(4)
    owner, app, database = f"kb_owner_{suffix}", f"kb_app_{suffix}", f"kb_roles_{suffix}"
    server = _server()
    admin = psycopg.connect(
        host=server["host"],
        port=server["port"],
        user=server["user"],
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE").format(sql.Identifier(owner)))
    admin.execute(
        sql.SQL("CREATE DATABASE {} OWNER {}").format(
            sql.Identifier(database), sql.Identifier(owner)
        )
    )
    try:
        yield owner, app, database
    finally:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
        )
        for role in (app, owner):
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
        admin.close()


def test_the_application_role_works_but_cannot_change_the_access_log(owned_database):
    owner, app, database = owned_database
    as_owner, as_app = _url(owner, database), _url(app, database)
    _run(as_owner, "manage.py", "migrate", "-v0")
    granted = _run(
        as_owner,
        "manage.py",
        "grant_app_role",
        app,
        "--create",
        "--password-env",
        "KRACHTBRON_APP_PASSWORD",
    )
    assert "alleen SELECT en INSERT" in granted.stdout

    # Normal work as the application role: pages, changes, a family's questionnaire, log rows.
    done = _run(as_app, "-m", "krachtbron.audit.tests.app_role_scenario", "work")
    work = json.loads(done.stdout.strip().splitlines()[-1])
    assert work["pages"] == {
        "caseload": 200,
        "file": 200,
        "who_looked": 200,
        "network": 200,
        "strengths": 200,
        "questionnaires": 200,
        "other_family": 404,
        "member_edit_post": 302,
        "team": 200,
        "access_log": 200,
        "link": 302,
        "start": 200,
        "autosave": 200,
        "submit": 302,
        "done": 200,
    }
    assert work["entries"] >= 15 and work["seals"] == work["entries"]  # every row sealed
    assert work["family_member_rows"] >= 3 and work["denied_rows"] == 1
    assert work["chain_ok"] is True
    assert "intact" in _run(as_app, "manage.py", "verify_access_log").stdout

    # Every way to change or remove the log is refused to the application role.
    tried = _run(as_app, "-m", "krachtbron.audit.tests.app_role_scenario", "attempts")
    attempts = json.loads(tried.stdout.strip().splitlines()[-1])["attempts"]
    refused_by_the_database = {
        name: outcome for name, outcome in attempts.items() if name != "orm_delete"
    }
    assert refused_by_the_database == dict.fromkeys(
        refused_by_the_database, f"refused:{INSUFFICIENT_PRIVILEGE}"
    )
    assert set(refused_by_the_database) >= {
        "update_entry",
        "delete_entry",
        "truncate_entry",
        "alter_entry",
        "disable_trigger_entry",
        "update_seal",
        "delete_seal",
        "truncate_seal",
        "alter_seal",
        "disable_trigger_seal",
    }
    assert attempts["orm_delete"] == "refused:orm"

    # The retention purge needs DELETE: as the application role it is refused, as the owner not.
    purge = _run(as_app, "manage.py", "purge_access_log", check=False)
    assert purge.returncode != 0 and "eigenaar" in purge.stderr
    purged = _run(as_owner, "manage.py", "purge_access_log").stdout
    assert "1 regel van voor" in purged and "nieuw anker" in purged
    assert "vanaf anker" in _run(as_app, "manage.py", "verify_access_log").stdout
    # The deployment check tells which of the two roles a DATABASE_URL names.
    deploy = ["manage.py", "check", "--deploy", "--database", "default"]
    assert "krachtbron.audit.W001" in _run(as_owner, *deploy).stderr
    app_check = _run(as_app, *deploy)
    assert "krachtbron.audit.W001" not in app_check.stderr, app_check.stderr
    # The application role is never the owner itself.
    refused = _run(as_owner, "manage.py", "grant_app_role", owner, check=False)
    assert refused.returncode != 0 and "andere rol" in refused.stderr


def _as_superuser(database: str, *statements: sql.Composable | str) -> None:
    server = _server()
    with psycopg.connect(
        host=server["host"], port=server["port"], user=server["user"], dbname=database
    ) as admin:
        for statement in statements:
            admin.execute(statement)


def _refused_grant(owner: str, app: str, database: str) -> str:
    """grant_app_role as the owner: it must refuse (exit 1) and change nothing."""
    done = _run(_url(owner, database), "manage.py", "grant_app_role", app, check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    # All or nothing: the application role got no rights at all from the refused run.
    server = _server()
    with psycopg.connect(
        host=server["host"], port=server["port"], user=server["user"], dbname=database
    ) as admin:
        (rights,) = admin.execute(
            "SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = %s", [app]
        ).fetchone()
    assert rights == 0
    return done.stderr


@pytest.fixture
def migrated(owned_database):
    """The owner has migrated; the application role exists (made by the DBA), with no rights."""
    owner, app, database = owned_database
    _run(_url(owner, database), "manage.py", "migrate", "-v0")
    _as_superuser("postgres", sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(app)))
    return owner, app, database


def test_grant_app_role_refuses_a_role_that_writes_all_data(migrated):
    """pg_write_all_data gives UPDATE and DELETE on every table, the log's too (break-11, 12)."""
    owner, app, database = migrated
    _as_superuser(database, sql.SQL("GRANT pg_write_all_data TO {}").format(sql.Identifier(app)))
    message = _refused_grant(owner, app, database)
    assert f"De rol {app} kan meer dan alleen lezen en toevoegen" in message
    assert "DELETE, UPDATE op audit_accesslogentry" in message
    assert "via pg_write_all_data" in message
    _as_superuser(database, sql.SQL("REVOKE pg_write_all_data FROM {}").format(sql.Identifier(app)))
    assert (
        "alleen SELECT en INSERT"
        in _run(_url(owner, database), "manage.py", "grant_app_role", app).stdout
    )


def test_grant_app_role_refuses_a_member_of_a_role_with_rights_on_the_log(migrated):
    """Another role with column grants on the log, and one that the application role can only
    SET ROLE to (NOINHERIT): both count."""
    owner, app, database = migrated
    helper, other = f"{app}_helper", f"{app}_other"
    try:
        _as_superuser(
            database,
            sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(helper)),
            sql.SQL("GRANT UPDATE (kind) ON audit_accesslogentry TO {}").format(
                sql.Identifier(helper)
            ),
            sql.SQL("GRANT {} TO {}").format(sql.Identifier(helper), sql.Identifier(app)),
        )
        message = _refused_grant(owner, app, database)
        assert "UPDATE op audit_accesslogentry" in message and f"(via {helper})" in message
        _as_superuser(
            database,
            sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(helper), sql.Identifier(app)),
            sql.SQL("ALTER ROLE {} NOINHERIT").format(sql.Identifier(app)),
            sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(other)),
            sql.SQL("GRANT TRUNCATE, TRIGGER ON audit_accesslogseal TO {}").format(
                sql.Identifier(other)
            ),
            sql.SQL("GRANT {} TO {}").format(sql.Identifier(other), sql.Identifier(app)),
        )
        message = _refused_grant(owner, app, database)
        assert "TRIGGER, TRUNCATE op audit_accesslogseal" in message and f"(via {other})" in message
    finally:
        server = _server()
        with psycopg.connect(
            host=server["host"], port=server["port"], user=server["user"], dbname=database
        ) as admin:
            for name in (helper, other):
                if admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone():
                    admin.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
                    admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def test_the_deployment_check_warns_for_a_role_that_writes_all_data(migrated):
    owner, app, database = migrated
    _run(_url(owner, database), "manage.py", "grant_app_role", app)
    _as_superuser(database, sql.SQL("GRANT pg_write_all_data TO {}").format(sql.Identifier(app)))
    deploy = ["manage.py", "check", "--deploy", "--database", "default"]
    assert "krachtbron.audit.W001" in _run(_url(app, database), *deploy).stderr
