"""PostgreSQL plans a statement a connection runs again only once: psycopg's server-side
binding prepares it (README, DATABASE_PREPARED). Planning was most of the server's time on
Mijn gezinnen (issue 18); DATABASE_PREPARED=0 turns it off for a pooler that cannot keep
prepared statements."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from krachtbron.accounts.models import Team

ROOT = Path(__file__).resolve().parents[3]


def _options(**extra: str) -> str:
    env = {**os.environ, "DATABASE_URL": "postgres://app@127.0.0.1:5/krachtbron"}
    env.pop("DATABASE_PREPARED", None)
    env.update(extra)
    return subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "from krachtbron import settings as s; "
            "o = s.DATABASES['default']['OPTIONS']; "
            "print(o.get('server_side_binding'), o.get('prepare_threshold'))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_prepared_statements_are_on_by_default_and_can_be_turned_off():
    assert _options() == "True 5"
    assert _options(DATABASE_PREPARED="0") == "None None"


@pytest.mark.database("postgresql")
@pytest.mark.django_db
def test_a_statement_run_again_on_a_connection_is_prepared():
    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            return int(cursor.fetchone()[0])

    before = prepared()
    for n in range(8):
        list(Team.objects.filter(name=f"team {n}"))  # the same statement, other parameters
    assert prepared() > before
