"""Shared benchmark plumbing: a production-like server on 127.0.0.1, wrk, and signed-in sessions.

Every figure is a ratio against a floor measured in the same run, because absolute numbers vary
between machines. Loops are bounded in time; traffic stays on loopback.
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_env(workdir: Path, database_url: str = "") -> dict[str, str]:
    """Production-like settings, but plain HTTP on loopback and the bench floor URLs on."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "krachtbron.settings",
        "KRACHTBRON_PRODUCTION": "1",
        "KRACHTBRON_BENCH": "1",
        "SECRET_KEY": "bench-secret-key-not-for-production-0123456789abcdefghijklmnop",
        "ANSWER_SEAL_KEY": "YmVuY2gtc2VhbC1rZXktbm90LWZvci1wcm9kdWN0aW8=",
        "ACCESS_LOG_KEY": "bench-access-log-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "CONN_MAX_AGE": "60",
        "SQLITE_PATH": str(workdir / "bench.sqlite3"),
        "ACCESS_LOG_HEAD_FILE": str(workdir / "access-log-heads"),  # a fresh database: fresh heads
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("KRACHTBRON_DEMO", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def prepare(env: dict[str, str]) -> None:
    """Migrate the bench database and collect static files (production storage needs them)."""
    manage(env, "migrate", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")


def setup_django(env: dict[str, str]) -> None:
    """Point this process at the same database as the server (to create data and sessions)."""
    os.environ.update(env)
    import django

    django.setup()


def create_floor_table() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TABLE IF NOT EXISTS bench_floor "
                "(id bigserial PRIMARY KEY, created_at timestamptz)"
            )
        else:
            cursor.execute(
                "CREATE TABLE IF NOT EXISTS bench_floor "
                "(id integer PRIMARY KEY AUTOINCREMENT, created_at text)"
            )


def signed_in_session(user: Any) -> str:
    """A session as the real sign-in leaves it (password + TOTP verified); returns its key."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from krachtbron.accounts.middleware import AUTH_AT, SEEN_AT

    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    now = timezone.now().isoformat()
    session[AUTH_AT] = now
    session[SEEN_AT] = now
    session.create()
    key: str = session.session_key  # type: ignore[assignment]
    return key


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2) -> Iterator[str]:
    """Serve Krachtbron with gunicorn and gunicorn.conf.py (as in production) on a free loopback
    port; yields the base URL."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/bench/hello/", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class WrkResult:
    requests_per_second: float
    p95_ms: float
    errors: int
    requests: int = 0  # responses wrk read in full


def wrk(
    url: str,
    *,
    cookie: str = "",
    seconds: int = 5,
    connections: int = 8,
    script: str = "",
) -> WrkResult:
    """Drive one URL with wrk; count non-2xx/3xx answers and socket errors as errors."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script + WRK_SCRIPT)
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", lua.name]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    os.unlink(lua.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p95 = int(re.search(r"P95_US (\d+)", output).group(1)) / 1000  # type: ignore[union-attr]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    return WrkResult(rps, p95, errors, requests)


def spread(values: list[float]) -> tuple[float, float, float]:
    """(median, lowest, highest) of the rounds' figures."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return median, ordered[0], ordered[-1]


def report_spread(name: str, values: list[float]) -> None:
    """``BENCH name median [lowest–highest]`` over the rounds."""
    median, low, high = spread(values)
    print(f"BENCH {name} {median:.3f} [{low:.3f}–{high:.3f}]", flush=True)


def report(name: str, value: float) -> None:
    shown = f"{value:.3f}" if isinstance(value, float) and not value.is_integer() else f"{value:g}"
    print(f"BENCH {name} {shown}", flush=True)
