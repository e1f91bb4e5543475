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
def owned_database():
    """A fresh database owned by a fresh owner role (not a superuser); both removed after."""
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
    assert "1 regel(s) van voor" in purged and "nieuw anker" in purged
    assert "vanaf anker" in _run(as_app, "manage.py", "verify_access_log").stdout
    # The deployment check tells which of the two roles a DATABASE_URL names.
    deploy = ["manage.py", "check", "--deploy", "--database", "default"]
    assert "krachtbron.audit.W001" in _run(as_owner, *deploy).stderr
    app_check = _run(as_app, *deploy)
    assert "krachtbron.audit.W001" not in app_check.stderr, app_check.stderr
    # The application role is never the owner itself.
    refused = _run(as_owner, "manage.py", "grant_app_role", owner, check=False)
    assert refused.returncode != 0 and "andere rol" in refused.stderr
