"""SQLite: one database user, so the protection is the triggers plus the seal chain.

The counterpart of test_app_role_postgresql.py, run when the suite runs on SQLite: a fresh
SQLite file is migrated, Krachtbron does its normal work on it in a subprocess, UPDATEs of the
log are refused by the triggers, and what SQLite cannot refuse (DELETE, DROP TRIGGER and then
UPDATE) done to the file behind the application's back is found by ``verify_access_log``.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from krachtbron.testing.migrated import migrated_sqlite

pytestmark = pytest.mark.database("sqlite")

ROOT = Path(__file__).resolve().parents[3]


def _run(path: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SQLITE_PATH": str(path),
        "DJANGO_SETTINGS_MODULE": "krachtbron.settings",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=check
    )


def _scenario(path: Path, name: str) -> dict:
    done = _run(path, "-m", "krachtbron.audit.tests.app_role_scenario", name)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_app_works_on_sqlite_and_tampering_with_the_file_is_found(tmp_path):
    database = tmp_path / "krachtbron.sqlite3"
    migrated_sqlite(database)  # what `manage.py migrate` makes (testing/migrated.py)
    work = _scenario(database, "work")
    assert work["pages"]["file"] == 200 and work["pages"]["done"] == 200
    assert work["seals"] == work["entries"] and work["chain_ok"] is True

    attempts = _scenario(database, "attempts")["attempts"]
    assert attempts["update_entry"] == "refused:refused"  # the triggers
    assert attempts["update_seal"] == "refused:refused"
    assert attempts["orm_delete"] == "refused:orm"
    # What SQLite itself cannot refuse is possible ...
    assert attempts["delete_entry"] == "allowed"
    assert attempts["drop_trigger_entry"] == "allowed"
    assert "intact" in _run(database, "manage.py", "verify_access_log").stdout

    # ... and found: a row deleted from the file behind the application's back,
    deleted = tmp_path / "deleted.sqlite3"
    shutil.copy(database, deleted)
    shutil.copy(f"{database}-heads", f"{deleted}-heads")  # the same server's head file
    with sqlite3.connect(deleted) as db:
        victim = db.execute("SELECT id FROM audit_accesslogentry ORDER BY id LIMIT 1 OFFSET 3")
        (entry_id,) = victim.fetchone()
        db.execute("DELETE FROM audit_accesslogentry WHERE id = ?", [entry_id])
    found = _run(deleted, "manage.py", "verify_access_log", check=False)
    assert found.returncode == 1
    assert f"Regel {entry_id} (zegel" in found.stderr and "verwijderd" in found.stderr

    # ... and a row changed after dropping the trigger that refuses it.
    changed = tmp_path / "changed.sqlite3"
    shutil.copy(database, changed)
    shutil.copy(f"{database}-heads", f"{changed}-heads")
    with sqlite3.connect(changed) as db:
        db.execute("DROP TRIGGER audit_accesslog_no_update")
        (entry_id,) = db.execute(
            "SELECT id FROM audit_accesslogentry WHERE result = 'denied'"
        ).fetchone()
        db.execute("UPDATE audit_accesslogentry SET result = 'ok' WHERE id = ?", [entry_id])
    found = _run(changed, "manage.py", "verify_access_log", check=False)
    assert found.returncode == 1
    assert f"Regel {entry_id} past niet bij zegel" in found.stderr
