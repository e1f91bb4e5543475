"""Krachtbron served the way it runs in production, for tests and benchmarks on 127.0.0.1.

``gunicorn(env)`` serves with the repository's gunicorn.conf.py (as the README's production
command does); ``runserver(env)`` with `manage.py runserver` (as `make run` does);
``throwaway_postgres()`` starts a PostgreSQL server of its own that a test may stop (the way
scripts/with-postgres.sh does). Every server is stopped by its process id when the block ends.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
READY_PATH = "/gezondheid/live/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_env(workdir: Path, database_url: str = "", **extra: str) -> dict[str, str]:
    """Settings for a served Krachtbron on loopback: its own SQLite file unless database_url."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "krachtbron.settings",
        "SECRET_KEY": "served-secret-key-for-tests-only-0123456789abcdefghijklmnopqrstuv",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SQLITE_PATH": str(workdir / "served.sqlite3"),
        "ACCESS_LOG_HEAD_FILE": str(workdir / "access-log-heads"),  # a fresh database: fresh heads
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "DEBUG": "0",
    }
    for name in ("KRACHTBRON_DEMO", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"):
        env.pop(name, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def migrate(env: dict[str, str]) -> None:
    """Make the served database a migrated, empty one: on PostgreSQL (``DATABASE_URL``) with
    ``manage.py migrate``; on SQLite as a copy of a file migrated once per test process
    (testing/migrated.py: the same migrations, about 5 s less per test)."""
    from krachtbron.testing.migrated import migrated_sqlite

    if env.get("DATABASE_URL"):
        manage(env, "migrate", "--verbosity", "0")
    else:
        migrated_sqlite(Path(env["SQLITE_PATH"]))


def _wait_until_ready(base: str, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped while starting (exit {process.returncode})")
        try:
            urllib.request.urlopen(base + READY_PATH, timeout=2)  # noqa: S310
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not start")


@contextmanager
def _serving(command: list[str], env: dict[str, str], port: int, what: str) -> Iterator[str]:
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(base, process, what)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2) -> Iterator[str]:
    """Serve with gunicorn and gunicorn.conf.py on a free loopback port; yields the base URL."""
    port = free_port()
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "-c",
        str(ROOT / "gunicorn.conf.py"),
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    with _serving(command, env, port, "gunicorn") as base:
        yield base


@contextmanager
def runserver(env: dict[str, str]) -> Iterator[str]:
    """Serve with `manage.py runserver` (no autoreload) on a free loopback port."""
    port = free_port()
    command = [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    with _serving(command, env, port, "runserver") as base:
        yield base


@dataclass
class Postgres:
    url: str
    stop: Callable[[], None]


@contextmanager
def throwaway_postgres() -> Iterator["Postgres"]:
    """A PostgreSQL server of its own (fsync off) with an empty database; ``stop()`` kills it."""
    bindirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not bindirs:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    bindir = bindirs[-1]
    directory = Path(tempfile.mkdtemp(prefix="krachtbron-pg-"))
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    data = directory / "data"
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {directory} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )

    def run(*args: str) -> None:
        subprocess.run(  # noqa: S603
            [*as_postgres, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    def stop() -> None:
        subprocess.run(  # noqa: S603
            [*as_postgres, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            check=False,
            capture_output=True,
        )

    try:
        initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]
        run(*initdb, "-E", "UTF8", "--locale=C.UTF-8")
        pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(directory / "log"), "-w"]
        run(*pg_ctl, "-o", options, "start")
        run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "kb")
        yield Postgres(f"postgres://postgres@127.0.0.1:{port}/kb", stop)
    finally:
        stop()
        shutil.rmtree(directory, ignore_errors=True)
