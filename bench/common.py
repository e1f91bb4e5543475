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
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
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


class BenchError(RuntimeError):
    """A measurement that did not measure the real page: the benchmark stops, loudly."""


@dataclass
class WrkResult:
    requests_per_second: float
    p95_ms: float
    errors: int
    requests: int = 0  # responses wrk read in full
    checked: int = 0  # responses the check script looked at
    wrong: int = 0  # of those: another status, or without the marker
    first_wrong: str = ""  # status and Location of the first wrong one


@dataclass(frozen=True)
class Expect:
    """What every response must be: its status, and a marker of the real page in the body (or,
    for a redirect, in its Location header). A sign-in redirect never passes for a page."""

    status: int = 200
    marker: str = ""
    in_location: bool = False


def _lua_string(text: str) -> str:
    level = "=" * 4
    assert f"]{level}]" not in text
    return f"[{level}[{text}]{level}]"


def check_script(expect: Expect) -> str:
    """A wrk Lua script checking every response against ``expect``; prints the counts."""
    return f"""
seen, wrong, first_wrong = 0, 0, ""
local expected_status = {expect.status}
local marker = {_lua_string(expect.marker)}
local in_location = {"true" if expect.in_location else "false"}
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body)
  seen = seen + 1
  local ok = status == expected_status
  if ok and marker ~= "" then
    local where = body or ""
    if in_location then where = headers["Location"] or headers["location"] or "" end
    ok = string.find(where, marker, 1, true) ~= nil
  end
  if not ok then
    wrong = wrong + 1
    if first_wrong == "" then
      first_wrong = status .. " " .. (headers["Location"] or headers["location"] or "")
    end
  end
end
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
  for _, t in ipairs(threads) do
    io.write(string.format("CHECKED %d WRONG %d\\n", t:get("seen"), t:get("wrong")))
    io.write("FIRST_WRONG " .. t:get("first_wrong") .. "\\n")
  end
end
"""


def wrk(
    url: str,
    *,
    cookie: str = "",
    seconds: float = 5,
    connections: int = 8,
    script: str = "",
    expect: Expect | None = None,
) -> WrkResult:
    """Drive one URL with wrk. With ``expect`` every response is checked (status and marker)
    and the run fails (``BenchError``) on a single wrong answer, a failed request, or none."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, encoding="utf-8") as lua:
        lua.write(script + (check_script(expect) if expect else WRK_SCRIPT))
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "30s",
        "-s",
        lua.name,
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    try:
        output = subprocess.run(  # noqa: S603
            [*command, url], capture_output=True, text=True, check=True
        ).stdout
    finally:
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
    result = WrkResult(rps, p95, errors, requests)
    if expect is None:
        return result
    checks = re.findall(r"CHECKED (\d+) WRONG (\d+)", output)
    result.checked = sum(int(seen) for seen, _wrong in checks)
    result.wrong = sum(int(wrong) for _seen, wrong in checks)
    first = re.search(r"FIRST_WRONG (\S.*)", output)
    result.first_wrong = first.group(1).strip() if first else ""
    if not checks or result.checked == 0:
        raise BenchError(f"{url}: no response was checked:\n{output}")
    if result.wrong:
        raise BenchError(
            f"{url}: {result.wrong} of {result.checked} responses were not the page "
            f"(expected {expect.status} with {expect.marker!r}; first: {result.first_wrong})"
        )
    if non_2xx and expect.status < 400:
        raise BenchError(f"{url}: wrk counted {non_2xx.group(1)} non-2xx/3xx responses")
    if socket_errors and any(int(n) for n in socket_errors.groups()):
        raise BenchError(f"{url}: socket errors ({socket_errors.group(0)})")
    return result


def check_page(url: str, expect: Expect, *, cookie: str = "") -> str:
    """Fetch ``url`` once (no redirects followed) and fail unless it is the real page; returns
    the body. Run before a page is measured, so a wrong set-up stops with a clear message."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    text: str = body.decode("utf-8", "replace")
    where: str = headers.get("Location", "") if expect.in_location else text
    if status != expect.status or expect.marker not in where:
        raise BenchError(
            f"{url}: answered {status} {headers.get('Location', '')} "
            f"(expected {expect.status} with {expect.marker!r})"
        )
    return text


@dataclass(frozen=True)
class Load:
    """One URL driven by wrk, every response checked against ``expect``."""

    url: str
    expect: Expect
    cookie: str = ""
    script: str = ""  # a wrk ``request`` function (POSTs); the check script is added to it
    connections: int = 8
    precheck: bool = True  # fetch once with GET before measuring (not for POST-only URLs)

    def rate(self, seconds: float) -> float:
        return self.run(seconds).requests_per_second

    def run(self, seconds: float) -> WrkResult:
        return wrk(
            self.url,
            cookie=self.cookie,
            seconds=seconds,
            connections=self.connections,
            script=self.script,
            expect=self.expect,
        )


@dataclass(frozen=True)
class Pair:
    """A page and its floor, each a function returning a rate (per second) over one run.

    The figure is page rate ÷ floor rate, or with ``as_times`` floor rate ÷ page rate (how many
    times as long the page takes as its floor, e.g. a PDF against a one-page PDF)."""

    name: str
    page: Callable[[], float]
    floor: Callable[[], float]
    as_times: bool = False


def loads(name: str, page: Load, floor: Load, seconds: float) -> Pair:
    """A ``Pair`` of two wrk loads; both pages are checked once before anything is measured."""
    for load in (page, floor):
        if load.precheck:
            check_page(load.url, load.expect, cookie=load.cookie)
    return Pair(name, lambda: page.rate(seconds), lambda: floor.rate(seconds))


def interleaved(prefix: str, pairs: list[Pair], rounds: int = 3) -> dict[str, list[float]]:
    """Measure every pair in ``rounds`` alternating rounds (floor then page, then page then
    floor, ...) so the machine's noise hits both sides; prints ``BENCH prefix.name median
    [lowest–highest]`` per pair and returns the figures of every round."""
    if rounds < 3:
        raise ValueError("at least 3 rounds")
    figures: dict[str, list[float]] = {pair.name: [] for pair in pairs}
    for number in range(rounds):
        for pair in pairs:
            if number % 2 == 0:
                floor, page = pair.floor(), pair.page()
            else:
                page, floor = pair.page(), pair.floor()
            if page <= 0 or floor <= 0:
                raise BenchError(f"{pair.name}: nothing measured")
            figures[pair.name].append(floor / page if pair.as_times else page / floor)
    for pair in pairs:
        report_spread(f"{prefix}.{pair.name}", figures[pair.name])
    return figures


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
    """``BENCH name value``: three decimals, a whole number without (``1300000``, not 1.3e+06)."""
    whole = not isinstance(value, float) or value.is_integer()
    shown = f"{value:.0f}" if whole else f"{value:.3f}"
    print(f"BENCH {name} {shown}", flush=True)


#: Issue 18's targets, once: figure name → (comparison, bound). A figure meets its target when
#: its median (the value before the brackets) is on the right side of the bound, bound included.
TARGETS: dict[str, tuple[str, float]] = {
    **{
        f"{module}{db}.{name}": target
        for module, name, target in [
            ("pages", "caseload_ratio", (">=", 0.05)),
            ("pages", "network_vs_file", (">=", 0.5)),
            ("pdfs", "plan_times_floor", ("<=", 8.0)),
            ("questionnaire", "autosave_ratio", (">=", 0.6)),
            ("questionnaire", "submit_ratio", (">=", 0.4)),
            ("portal", "home_ratio", (">=", 0.05)),
            ("portal", "score_ratio", (">=", 0.4)),
            ("reach", "send_ratio", (">=", 0.5)),
        ]
        for db in ("", ".pg")
    },
    "dashboard.sqlite_ratio": ("<=", 0.1),
    "dashboard.postgres_ratio": ("<=", 0.1),
}

_BENCH_LINE = re.compile(r"^BENCH (\S+) (\S+)(?: \[([^\s–]+)–([^\s\]]+)\])?\s*$")


@dataclass(frozen=True)
class Figure:
    """One printed figure: the median of its rounds, and the lowest and highest round (for a
    figure measured once, all three are the same)."""

    value: float
    low: float
    high: float


def parse_figures(lines: Iterator[str] | list[str]) -> dict[str, Figure]:
    """The figures in ``BENCH name value`` / ``BENCH name median [lowest–highest]`` lines (other
    lines are ignored; a later line for the same name wins)."""
    figures: dict[str, Figure] = {}
    for line in lines:
        found = _BENCH_LINE.match(line.strip())
        if found is None:
            continue
        name, value, low, high = found.groups()
        try:
            median = float(value)
            figures[name] = Figure(
                median, float(low) if low else median, float(high) if high else median
            )
        except ValueError:
            continue
    return figures


def meets(figure: Figure | None, target: tuple[str, float]) -> bool:
    """Whether a figure meets its target; a missing figure never does."""
    if figure is None:
        return False
    comparison, bound = target
    return figure.value >= bound if comparison == ">=" else figure.value <= bound


def summary(
    figures: dict[str, Figure], targets: dict[str, tuple[str, float]] = TARGETS
) -> list[str]:
    """One line per target, ``TARGET ✓|✗ name median [lowest–highest] (target ≥ bound)``
    (``missing`` for a figure the run did not print), then how many were met."""
    width = max(len(name) for name in targets)
    lines = []
    for name, target in targets.items():
        figure = figures.get(name)
        shown = (
            f"{figure.value:.3f} [{figure.low:.3f}–{figure.high:.3f}]"
            if figure is not None
            else "missing"
        )
        sign = "≥" if target[0] == ">=" else "≤"
        mark = "✓" if meets(figure, target) else "✗"
        lines.append(f"TARGET {mark} {name:<{width}} {shown:<23} (target {sign} {target[1]:g})")
    met = sum(meets(figures.get(name), target) for name, target in targets.items())
    lines.append(f"# {met} of {len(targets)} targets met")
    return lines


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (/proc/loadavg), as ``1.23 0.98 0.77``."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"
