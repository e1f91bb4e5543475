"""A worker killed mid-send never sends the message twice and never loses it silently.

A real `manage.py db_worker` process, its own SQLite file, and a real SMTP server that holds
the DATA command: the test kills the worker (SIGKILL) while it waits for the server's answer,
and a fresh worker runs every task there is. The server was handed the message once (it may
or may not have kept it: that is why nobody can confirm it); the delivery shows "niet
bevestigd" once its timeout passed, and is not sent again until the adviser chooses to.
"""

import json
import signal
import sqlite3
import subprocess

from krachtbron.testing.served import PYTHON, ROOT, migrate, server_env
from krachtbron.testing.smtp import SmtpServer

SETUP = """
import django; django.setup()
from datetime import timedelta
from django.utils import timezone
from krachtbron.sending import actions
from krachtbron.sending.models import Purpose
from krachtbron.testing.personas import make_org
org = make_org()
delivery = actions.queue_email(
    org.adviser, org.member, purpose=Purpose.QUESTIONNAIRE, subject_id=1,
    address="ouder@example.org", link="http://127.0.0.1:8000/v/" + "x" * 43,
    expires_at=timezone.now() + timedelta(days=14), language="nl",
)
print(delivery.pk)
"""

STATE = """
import django, json, sys; django.setup()
from datetime import timedelta
from django.utils import timezone
from krachtbron.sending.models import Delivery
d = Delivery.objects.get(pk=int(sys.argv[1]))
now = timezone.now()
print(json.dumps([d.status, d.attempts, str(d.state_at(now + timedelta(minutes=11)))]))
"""


def _python(env, code, *args):
    done = subprocess.run(  # noqa: S603
        [PYTHON, "-c", code, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip().splitlines()[-1]


def _worker(env, *extra):
    command = [PYTHON, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", *extra]
    return subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603


def test_a_worker_killed_mid_send_never_sends_twice_and_the_send_shows_unconfirmed(tmp_path):
    smtp = SmtpServer().start()
    try:
        env = server_env(
            tmp_path,
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp.port),
        )
        migrate(env)
        delivery_id = _python(env, SETUP)
        smtp.hold.set()
        worker = _worker(env, "--interval", "0.1")
        try:
            assert smtp.arrived.wait(60), "the worker never reached the mail server"
            worker.send_signal(signal.SIGKILL)
            worker.wait(30)
        finally:
            if worker.poll() is None:
                worker.kill()
        smtp.release()
        assert smtp.data_commands == 1

        database = sqlite3.connect(tmp_path / "served.sqlite3")
        status = database.execute(
            "select status from django_tasks_database_dbtaskresult "
            "where task_path like '%send_delivery'"
        ).fetchall()
        assert status == [("RUNNING",)]  # the queue's own record: never picked up again
        database.close()

        smtp.hold.clear()
        again = _worker(env, "--batch", "--interval", "0")
        assert again.wait(120) == 0
        assert smtp.data_commands == 1  # not handed to the server a second time
        status, attempts, shown = json.loads(_python(env, STATE, delivery_id))
        assert (status, attempts, shown) == ("sending", 1, "unconfirmed")
    finally:
        smtp.stop()
