import os
import time

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread
from hypothesis import HealthCheck, is_hypothesis_test, settings

from krachtbron.testing.sms_server import sms_server  # noqa: F401  (a local SMS provider)
from krachtbron.testing.smtp import smtp_server  # noqa: F401  (the fixture: a real SMTP server)

# No timed assertion in the suite: Hypothesis's per-example deadline (200 ms by default) failed
# a pure-Python property test when a busy machine paused its first example. Speed is measured
# in bench/, never asserted here.
# The default profile keeps each property test's own example count modest; `make test-long`
# (HYPOTHESIS_PROFILE=long) runs every property test with many more examples. A test that sets
# max_examples itself asks `examples(n)` (krachtbron/testing/examples.py): the long run scales it.
# Hypothesis's too_slow health check is a timed check too (it fails when making the examples
# takes long, as on a busy CI machine): off, here and in every test's own settings.
QUIET = [HealthCheck.too_slow]
settings.register_profile("krachtbron", deadline=None, suppress_health_check=QUIET)
settings.register_profile("long", deadline=None, max_examples=500, suppress_health_check=QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "krachtbron"))

# Playwright's sync API runs an event loop; the ORM in the same thread must still be allowed.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class _OneRequestAtATime(WSGIServer):
    """The live server of the browser tests, answering one request at a time.

    On SQLite the test database is in memory, and the live server's threads share the test's
    one connection with it (Django's ``connections_override``). Django's default threaded
    server let two requests of one page (an autosave beside the form's own POST) use that
    connection at once: "cannot start a transaction within a transaction", a 500 and a browser
    test that failed now and then (more often with three pytest workers). Django's
    non-threaded server closes each HTTP connection after its answer, so a browser never
    waits on a kept-alive one; no test needs two requests served at once."""

    def __init__(self, *args, connections_override=None, **kwargs):
        # The thread that serves (LiveServerThread.run) took the overridden connections
        # already; the threaded server needed them for its request threads.
        super().__init__(*args, **kwargs)

    def set_app(self, application):
        super().set_app(_late_bodies(application))


# How long the live server holds back the body of a page after its headers went out.
LATE_BODY_SECONDS = 0.05


def _late_bodies(application):
    """The application, with the body of every HTML page sent ``LATE_BODY_SECONDS`` after its
    headers, as over a slow phone line. Chromium takes the new page on when the headers come
    (Playwright's ``click`` returns then), before there is a document to read; a test that
    reads the page right after a click that navigates (axe, ``page.evaluate``,
    ``all_inner_texts``) must first wait for it to load (``testing.browser.loaded``). Without
    the pause such a test failed now and then on a busy machine (CI: axe on a page whose
    ``document.documentElement`` was still null); with it, it fails every time."""

    def late(environ, start_response):
        html = []

        def start(status, headers, exc_info=None):
            kind = {name.lower(): value for name, value in headers}.get("content-type", "")
            html.append(status.startswith("200") and kind.startswith("text/html"))
            return start_response(status, headers, exc_info)

        body = application(environ, start)
        return _after_a_pause(body) if html and html[0] else body

    return late


def _after_a_pause(body):
    try:
        yield b""  # wsgiref sends (and flushes) the headers with the first, empty, chunk
        time.sleep(LATE_BODY_SECONDS)
        yield from body
    finally:
        if hasattr(body, "close"):
            body.close()


LiveServerThread.server_class = _OneRequestAtATime


def pytest_addoption(parser):
    parser.addoption(
        "--long",
        action="store_true",
        help="run only what `make test` leaves out on this database: the `long` sweeps, on "
        "PostgreSQL the `render` tests, and the property tests again (`make test-long`)",
    )


def _runs_in_make_test(item, vendor: str) -> bool | None:
    """Whether ``make test`` runs this test on ``vendor``: True, False, or None when it never
    runs on ``vendor`` at all (a ``database`` marker for the other one, a ``browser`` test on
    PostgreSQL: those run elsewhere, in no long run either)."""
    marker = item.get_closest_marker("database")
    if marker is not None:
        return None if marker.args[0] != vendor else item.get_closest_marker("long") is None
    if item.get_closest_marker("browser") is not None:
        return None if vendor != "sqlite" else item.get_closest_marker("long") is None
    if item.get_closest_marker("long") is not None:
        return False
    return vendor == "sqlite" or item.get_closest_marker("render") is None


def pytest_collection_modifyitems(config, items):
    """A test marked ``database("postgresql")`` runs when the suite runs on PostgreSQL, one
    marked ``database("sqlite")`` when it runs on SQLite: each database has its own real test
    where the two differ (the PostgreSQL roles, say), never a skipped one. A ``browser`` test
    (Chromium, axe, screenshots) and a ``render`` test (a PDF, a sweep of pages for words or
    readability) run once, on SQLite: what they check is the page, and the PostgreSQL run covers
    the database's behaviour (make test stays well under 15 minutes). A ``long`` test (an
    exhaustive sweep whose representative part runs in make test) runs only with ``--long``;
    ``--long`` runs what make test leaves out: the ``long`` tests, on PostgreSQL the ``render``
    tests, and the property tests again (with HYPOTHESIS_PROFILE=long: many more examples;
    CONTRIBUTING.md, "What runs where")."""
    from django.conf import settings

    vendor = "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
    long_run = config.getoption("--long")
    keep, other = [], []
    for item in items:
        in_make_test = _runs_in_make_test(item, vendor)
        if long_run and in_make_test and is_hypothesis_test(getattr(item, "obj", None)):
            wanted = True  # a property test, again with the long profile's many examples
        else:
            wanted = in_make_test is not None and in_make_test != long_run
        (keep if wanted else other).append(item)
    if other:
        config.hook.pytest_deselected(items=other)
        items[:] = keep


@pytest.fixture
def org(db):
    from krachtbron.testing.personas import make_org

    return make_org()


@pytest.fixture(scope="module")
def signed_in_org(django_db_setup, django_db_blocker, tmp_path_factory):
    """One org for a whole test module, every persona signed in once (personas.sign_in_everyone).

    A module whose checks sign in many times asks for it through its own ``org`` fixture::

        @pytest.fixture
        def org(signed_in_org, db):
            return copy.deepcopy(signed_in_org)

    The org and its sessions are made in a transaction held open for the module and rolled back
    after it; each test runs inside it in its own savepoint, as Django's ``TestCase`` runs its
    tests in a class's ``setUpTestData`` (and a copy per test, as TestCase copies that data). A
    test in such a module sees the org's rows (its users, the members' used links and their
    access-log rows) and the matrix's requests still pass every middleware: only the sign-in is
    shared. No test of such a module may ask for ``transactional_db``.
    """
    from uuid import uuid4

    from django.conf import settings as django_settings
    from django.db import transaction
    from django.test import override_settings
    from django.utils import translation

    from krachtbron.testing.personas import make_org, sign_in_everyone

    as_each_test = override_settings(  # what the autouse fixtures below give each test
        PASSWORD_HASHERS=FAST_PASSWORD_HASHERS,
        ACCESS_LOG_HEAD_FILE=tmp_path_factory.getbasetemp() / f"heads-{uuid4().hex}",
    )
    dutch = translation.override(django_settings.LANGUAGE_CODE)
    atomic = transaction.atomic()
    atomic._from_testcase = True  # as TestCase marks its own: a durable block may run inside
    with django_db_blocker.unblock():
        atomic.__enter__()
    try:
        with django_db_blocker.unblock(), as_each_test, dutch:
            org = sign_in_everyone(make_org())
        yield org
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def as_user(client):
    """as_user(user) -> a test client signed in with password and TOTP."""
    from krachtbron.testing.personas import login

    def _login(user):
        if user is not None:
            login(client, user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _session_activity_recorded_each_half_minute(settings):
    """Production records session activity every 5 s; a test that builds much data between two
    requests would then see a session write in one and not the other, and its query counts
    would depend on the machine's speed. The session tests set the production value."""
    from datetime import timedelta

    settings.SESSION_SEEN_RESOLUTION = timedelta(seconds=30)


FAST_PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is the production hasher (tested in accounts); tests hash fast."""
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def _own_access_log_head_file(settings, tmp_path_factory):
    """Each test's database starts empty, so each gets its own head file (the chain's heads kept
    outside the database, krachtbron/audit/witness.py): a head left by another test would make
    the sealer refuse, as it must when the log was cut."""
    from uuid import uuid4

    settings.ACCESS_LOG_HEAD_FILE = tmp_path_factory.getbasetemp() / f"heads-{uuid4().hex}"


@pytest.fixture(autouse=True)
def _each_test_starts_in_dutch():
    """Every test starts in the product's own language, whatever a test before it on this worker
    activated (a page rendered in a family's or a network person's language activates it for
    the thread; in a request LocaleMiddleware sets it again, in a test nothing does)."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
