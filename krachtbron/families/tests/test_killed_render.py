"""A worker killed mid-render loses nothing: the next look at the page (or the daily round)
queues the copy again and a fresh worker makes it.

A real `manage.py db_worker` process on its own SQLite file; its renderer is held (it writes a
marker file and waits) so the test can SIGKILL it while it renders the copy. django-tasks then
leaves its task RUNNING for ever; the row stays "making". Once ``STALE`` has passed,
``revive_stale`` (what the status page and ``tidy`` call) queues it again, and a normal worker
in batch mode makes the PDF.
"""

import json
import signal
import sqlite3
import subprocess
import time

from krachtbron.families.prepared import RETRY_SECONDS
from krachtbron.testing.served import PYTHON, ROOT, migrate, server_env

SETUP = """
import django; django.setup()
from krachtbron.families.copy_pdf import queue_copy_pdf
from krachtbron.testing.personas import make_org
org = make_org()
file = queue_copy_pdf(org.adviser, org.adviser, org.family, org.member, include_third_parties=True)
print(file.pk)
"""

#: A worker whose renderer stops mid-render: it says so (a marker file) and waits for the kill.
HELD_WORKER = """
import sys, time, pathlib, django; django.setup()
from krachtbron.families import copy_pdf
def held(html, **kwargs):
    pathlib.Path(sys.argv[1]).write_text("rendering")
    time.sleep(600)
copy_pdf.render_pdf = held
from django.core.management import call_command
call_command("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1")
"""

REVIVE_AND_STATE = """
import django, json, sys; django.setup()
from django.utils import timezone
from krachtbron.families import prepared
from krachtbron.families.models import PreparedFile
pk = int(sys.argv[1])
if sys.argv[2] == "revive":
    prepared.revive_stale(timezone.now() + prepared.STALE, pk=pk)
f = PreparedFile.objects.get(pk=pk)
body = prepared.file_body(f)[:5].decode() if f.sealed is not None else ""
print(json.dumps([f.status, f.attempts, body]))
"""


def _python(env, code, *args):
    done = subprocess.run(  # noqa: S603
        [PYTHON, "-c", code, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip().splitlines()[-1]


def test_a_worker_killed_mid_render_leaves_a_row_the_next_look_makes(tmp_path):
    env = server_env(tmp_path)
    migrate(env)
    file_id = _python(env, SETUP)
    marker = tmp_path / "rendering"
    worker = subprocess.Popen([PYTHON, "-c", HELD_WORKER, str(marker)], cwd=ROOT, env=env)  # noqa: S603
    try:
        for _ in range(600):
            if marker.exists() or worker.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), "the worker never started rendering"
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)
    finally:
        if worker.poll() is None:
            worker.kill()

    database = sqlite3.connect(tmp_path / "served.sqlite3")
    status = database.execute(
        "select status from django_tasks_database_dbtaskresult where task_path like '%make_file'"
    ).fetchall()
    database.close()
    assert status == [("RUNNING",)]  # the queue's own record: never picked up again
    assert json.loads(_python(env, REVIVE_AND_STATE, file_id, "look")) == ["making", 1, ""]

    # Later: the status page (or the daily round) finds it stale and queues it again.
    assert json.loads(_python(env, REVIVE_AND_STATE, file_id, "revive")) == ["queued", 1, ""]
    # The new task waits out the back-off (run_after); a batch worker started before that
    # finds nothing ready and stops, so wait as long as the back-off of a first retry.
    time.sleep(RETRY_SECONDS + 0.5)
    again = subprocess.Popen(  # noqa: S603
        [PYTHON, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--batch"],
        cwd=ROOT,
        env=env,
    )
    assert again.wait(180) == 0
    assert json.loads(_python(env, REVIVE_AND_STATE, file_id, "look")) == ["ready", 2, "%PDF-"]
