"""The seal key lives outside the database: production refuses to start without a real one."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _check(tmp_path, **extra):
    env = {
        **os.environ,
        "KRACHTBRON_PRODUCTION": "1",
        "SECRET_KEY": "a-very-long-random-production-secret-key-0123456789-abcdefghij",
        "ANSWER_SEAL_KEY": "cHJvZHVjdGlvbi10ZXN0LXNlYWwta2V5LTMyLWJ5dGU=",
        "ALLOWED_HOSTS": "krachtbron.example.org",
        "DJANGO_SETTINGS_MODULE": "krachtbron.settings",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
    }
    for name in ("KRACHTBRON_DEMO", "DJANGO_ALLOW_ASYNC_UNSAFE", "ACCESS_LOG_KEY", "DATABASE_URL"):
        env.pop(name, None)
    env.update(extra)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (None, "Set ACCESS_LOG_KEY in production mode."),
        ("short", "ACCESS_LOG_KEY must be at least 32 characters long."),
    ],
)
def test_production_refuses_to_start_without_a_real_access_log_key(tmp_path, key, message):
    extra = {} if key is None else {"ACCESS_LOG_KEY": key}
    result = _check(tmp_path, **extra)
    assert result.returncode != 0 and message in result.stderr


def test_production_starts_with_a_key(tmp_path):
    result = _check(tmp_path, ACCESS_LOG_KEY="k" * 40)
    assert result.returncode == 0, result.stderr
