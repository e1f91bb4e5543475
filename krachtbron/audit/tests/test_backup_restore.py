"""A backup restored into a fresh database keeps the access log verifiable (break-11, finding 2),
on SQLite and on PostgreSQL.

Django's JSON cut every moment to milliseconds while the seals cover microseconds, so after
``backup`` and ``restore`` no seal matched and the retention purge refused for ever. Here every
column a seal covers takes values that a lossy round trip would change (microseconds, JSON key
order, floats, booleans, nulls, scripts, emoji, large numbers), the backup goes into a fresh
database in a separate process, and ``verify_access_log`` there must say intact.
"""

import gzip
import json
import os
import secrets
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from krachtbron.audit import witness
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessResult, ActorKind
from krachtbron.audit.sealing import canonical, current_head, entry_values
from krachtbron.audit.verify import verify_chain
from krachtbron.testing.migrated import migrated_sqlite

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]

#: JSON values that survive a round trip only if nothing is re-encoded loosely.
HARD_EXTRA = [
    {"z": 1, "a": [3, 2, 1], "m": {"y": None, "b": True, "a": False}},
    {"float": 0.1, "small": 1e-7, "big": 2**62, "negative": -0.0, "text": "ሰላም ٱلسَّلَام 🙂 ı"},
    {"nested": [{"k": [[], {}]}], "quote": '"\\</script>', "newline": "a\nb\tc"},
    {},
]


def _moments():
    """Moments with every kind of microsecond, written in other zones than UTC."""
    plus_two = timezone(timedelta(hours=2))
    return [
        datetime(2026, 3, 29, 1, 59, 59, 999999, tzinfo=UTC),
        datetime(2026, 10, 25, 2, 30, 0, 1, tzinfo=plus_two),
        datetime(2026, 1, 1, 0, 0, 0, 0, tzinfo=UTC),
        datetime(2025, 12, 31, 23, 59, 59, 123456, tzinfo=timezone(timedelta(hours=-5))),
    ]


@pytest.fixture
def hard_log(org, seal):
    for moment, extra in zip(_moments(), HARD_EXTRA, strict=True):
        AccessLogEntry(
            at=moment,
            actor_kind=ActorKind.STAFF,
            actor=org.adviser,
            actor_role="adviseur",
            family_id=org.family.pk,
            family_reference="KB-Ω-0001",
            kind=AccessKind.READ,
            object_type="family",
            object_id=2**40,
            result=AccessResult.DENIED,
            extra=extra,
        ).save()
    log_access(Actor.family_member(org.member), org.family, AccessKind.READ)
    log_access(Actor.system("retention"), None, AccessKind.DELETE, extra={"n": None})
    log_access(org.adviser, org.family, AccessKind.READ)  # at = now: random microseconds
    seal()
    return {row["id"]: canonical(row) for row in entry_values(AccessLogEntry.objects.all())}


@contextmanager
def _fresh_database(tmp_path):
    """Settings for a fresh, migrated, empty database of the same kind as the suite's (its own
    process): on SQLite a copy of a file migrated once per test process (testing/migrated.py).
    Yields (env, the steps that migrate it: none on SQLite, ``migrate`` on PostgreSQL)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "krachtbron.settings",
        "LOG_LEVEL": "WARNING",
        "ACCESS_LOG_HEAD_FILE": str(tmp_path / "restored-server-heads"),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if connection.vendor != "postgresql":
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(migrated_sqlite(tmp_path / "restored.sqlite3"))
        yield env, []
        return
    db = settings.DATABASES["default"]
    name = f"kb_restore_{secrets.token_hex(4)}"
    admin = psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname="postgres", autocommit=True
    )
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    try:
        yield env, [Step("migrate", "-v0")]
    finally:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.close()


class Step:
    """A management command as the restored server runs it: ``Step("restore", path)``; with
    ``heads``, that server's ACCESS_LOG_HEAD_FILE is another (server B's)."""

    def __init__(self, *args: str, heads: str = "") -> None:
        self.args = args
        self.heads = heads


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: str
    stderr: str


#: The restored server: one process (the suite's interpreter, Django set up from the
#: environment) that runs each step's command with call_command, one after another, as
#: `manage.py` would (a CommandError is "CommandError: ..." on stderr and its exit code, another
#: error its traceback and 1), and writes [{returncode, stdout, stderr}] and the log's sealed
#: values to the file in KB_DONE.
_SERVER = """
import io, json, os, traceback
from contextlib import redirect_stdout
import django
django.setup()
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test.utils import override_settings

done = []
for args, heads in json.loads(os.environ["KB_STEPS"]):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    own = {"ACCESS_LOG_HEAD_FILE": heads} if heads else {}
    with override_settings(**own), redirect_stdout(out):
        try:
            call_command(*args, stdout=out, stderr=err)
        except CommandError as error:
            err.write(f"CommandError: {error}\\n")
            code = error.returncode
        except Exception:
            err.write(traceback.format_exc())
            code = 1
    done.append({"returncode": code, "stdout": out.getvalue(), "stderr": err.getvalue()})
from krachtbron.audit.models import AccessLogEntry
from krachtbron.audit.sealing import canonical, entry_values
log = {r["id"]: canonical(r) for r in entry_values(AccessLogEntry.objects.all())}
with open(os.environ["KB_DONE"], "w", encoding="utf-8") as file:
    json.dump({"done": done, "log": log}, file)
"""


def _on_the_restored_server(env, tmp_path, *steps: Step) -> tuple[list[Done], dict[int, str]]:
    """Run ``steps`` in one new process on the fresh database of ``env`` (one process start
    instead of one per command). Returns each step's outcome and the log's sealed values
    afterwards ({id: canonical row}); an AssertionError with its stderr when the process fails."""
    result = tmp_path / "restored-server.json"
    process_env = {
        **env,
        "KB_STEPS": json.dumps([[list(step.args), step.heads] for step in steps]),
        "KB_DONE": str(result),
    }
    process = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", _SERVER],
        cwd=ROOT,
        env=process_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 0, process.stderr
    written = json.loads(result.read_text(encoding="utf-8"))
    log = {int(pk): row for pk, row in written["log"].items()}
    return [Done(**one) for one in written["done"]], log


def test_the_backup_keeps_every_moment_to_the_microsecond(hard_log, tmp_path):
    backup = tmp_path / "backup.json.gz"
    call_command("backup", str(backup))
    objects = json.loads(gzip.decompress(backup.read_bytes()))
    moments = [o["fields"]["at"] for o in objects if o["model"] == "audit.accesslogentry"]
    assert "2026-03-29T01:59:59.999999Z" in moments
    assert "2026-10-25T00:30:00.000001Z" in moments  # stored in UTC, written as such
    assert "2025-12-31T23:59:59.123456Z" not in moments  # that one was -05:00
    assert "2026-01-01T04:59:59.123456Z" in moments


def test_a_restored_log_verifies_and_every_sealed_value_is_the_same(hard_log, tmp_path):
    backup = tmp_path / "backup.json.gz"
    call_command("backup", str(backup))
    with _fresh_database(tmp_path) as (env, migrate):
        done, after = _on_the_restored_server(
            env,
            tmp_path,
            *migrate,
            Step("restore", str(backup)),
            Step("verify_access_log"),
            Step("purge_access_log"),
        )
        restored, verified, purged = done[len(migrate) :]
        assert restored.returncode == 0, restored.stderr
        assert "Back-up teruggezet. Toegangslog intact" in restored.stdout
        assert verified.returncode == 0, verified.stderr
        assert "De toegangslog is intact" in verified.stdout
        # Every row the backup held, byte for byte as sealed; plus the restore's own row.
        assert {pk: after[pk] for pk in hard_log} == hard_log
        assert len(after) == len(hard_log) + 1
        # The retention purge (as the owner) no longer refuses a restored log.
        assert purged.returncode == 0, purged.stderr
    heads = list(witness.read(Path(env["ACCESS_LOG_HEAD_FILE"])))
    head = current_head()
    assert [(w.kind, w.sequence, w.mac) for w in heads[:1]] == [
        (witness.RESTORE, head.sequence, head.mac)
    ]


def test_another_server_seals_again_only_after_it_notes_the_restore(org, seal, tmp_path, settings):
    """Server B kept heads written after the backup was made; the restored database does not
    have them. B's sealer refuses until `access_log_restored` notes the restore there."""
    for _ in range(3):
        log_access(org.adviser, org.family, AccessKind.READ)
    seal()
    backup = tmp_path / "backup.json.gz"
    call_command("backup", str(backup))
    log_access(org.adviser, org.family, AccessKind.READ)  # after the backup: lost with it
    seal()
    server_b = tmp_path / "server-b-heads"
    server_b.write_bytes(Path(settings.ACCESS_LOG_HEAD_FILE).read_bytes())
    with _fresh_database(tmp_path) as (env, migrate):
        on_b = str(server_b)
        done, _log = _on_the_restored_server(
            env,
            tmp_path,
            *migrate,
            Step("restore", str(backup)),  # on server A
            Step("seal_access_log", heads=on_b),
            Step("access_log_restored", heads=on_b),
            Step("seal_access_log", heads=on_b),
            Step("verify_access_log", heads=on_b),
            Step("verify_access_log", "--heads", env["ACCESS_LOG_HEAD_FILE"], "--heads", on_b),
        )
        restored, refused, noted, sealed, verified, both = done[len(migrate) :]
        assert restored.returncode == 0, restored.stderr
        assert refused.returncode == 1
        # Seal 4 is there again, but it is the restore's own row now: another MAC.
        assert "Zegel 4 in de database wijkt af van het kopbestand" in refused.stderr
        assert noted.returncode == 0, noted.stderr
        assert "eindigt na het terugzetten bij zegel 3:" in noted.stdout
        assert sealed.returncode == 0, sealed.stderr
        assert verified.returncode == 0, verified.stderr
        # A's file and B's file agree with the restored database.
        assert both.returncode == 0, both.stderr


def test_a_backup_and_restore_keeps_the_chain_verifiable(org, seal, tmp_path):
    """The tester's reproduction (break-11, finding 2): the two log tables through the same
    dumpdata/loaddata the backup and restore commands use, in the test's own database."""
    for _ in range(3):
        log_access(org.adviser, org.family, AccessKind.READ)
    seal()
    assert verify_chain().ok
    backup = tmp_path / "backup.json.gz"
    call_command("backup", str(backup))
    objects = json.loads(gzip.decompress(backup.read_bytes()))
    log_only = [o for o in objects if o["model"] in ("audit.accesslogentry", "audit.accesslogseal")]
    fixture = tmp_path / "log.json"
    fixture.write_text(json.dumps(log_only))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslogseal")
        cursor.execute("DELETE FROM audit_accesslogentry")
    call_command("loaddata", str(fixture), verbosity=0)  # what `restore` does
    report = verify_chain()
    assert report.ok, report.broken.message if report.broken else report.witness_problem
