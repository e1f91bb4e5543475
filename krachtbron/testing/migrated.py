"""A migrated, empty SQLite file for a test that runs Krachtbron in a process of its own.

Migrating a fresh SQLite file takes about 5 s on a quiet machine (over a hundred migrations,
Django's start-up included), and many tests need one: the races (threads with their own
connections cannot share the in-memory test database), a killed worker, a backup restored into
a fresh database, gunicorn with its database taken away. Each pytest process migrates one file,
once, with ``manage.py migrate`` in a subprocess (the same command and settings those tests
used); every test then gets a byte-for-byte copy of it:

    env["SQLITE_PATH"] = str(migrated_sqlite(tmp_path / "x.sqlite3"))
    env[MIGRATED] = "1"  # a scenario module (testing/parallel.py) then skips its own migrate

Migrating writes no access-log row and no head file (audit/witness.py), so a copy starts exactly
as a freshly migrated file does.
"""

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: Set to "1" in a subprocess's environment when its SQLITE_PATH is already migrated.
MIGRATED = "KRACHTBRON_TEST_DATABASE_MIGRATED"


@functools.cache
def _template() -> Path:
    """The migrated file of this process: made on first use, removed when the process ends.

    Raises subprocess.CalledProcessError (with migrate's stderr) when migrating fails.
    """
    from django.conf import settings

    directory = Path(tempfile.mkdtemp(prefix="krachtbron-migrated-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    path = directory / "migrated.sqlite3"
    env = {
        **os.environ,
        "SQLITE_PATH": str(path),
        "DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "krachtbron.settings",
        "ACCESS_LOG_HEAD_FILE": str(directory / "heads"),
    }
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    # migrate's last connection closed: the WAL is checkpointed into the file and removed.
    leftovers = [p.name for p in directory.iterdir() if p.name.startswith("migrated.sqlite3-")]
    if leftovers:
        raise RuntimeError(f"migrate left {leftovers} beside the file: the copy would be partial")
    return path


def migrated_sqlite(path: Path) -> Path:
    """Write a copy of a freshly migrated, empty SQLite database to ``path``; return ``path``.

    ``path`` must not be open by anyone (it is overwritten). About 10 ms after the first call
    of a process (which migrates: about 5 s).
    """
    shutil.copyfile(_template(), path)
    return path
