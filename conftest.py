import os

import pytest
from hypothesis import settings

from krachtbron.testing.sms_server import sms_server  # noqa: F401  (a local SMS provider)
from krachtbron.testing.smtp import smtp_server  # noqa: F401  (the fixture: a real SMTP server)

# No timed assertion in the suite: Hypothesis's per-example deadline (200 ms by default) failed
# a pure-Python property test when a busy machine paused its first example. Speed is measured
# in bench/, never asserted here.
settings.register_profile("krachtbron", deadline=None)
settings.load_profile("krachtbron")

# Playwright's sync API runs an event loop; the ORM in the same thread must still be allowed.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    """A test marked ``database("postgresql")`` runs when the suite runs on PostgreSQL, one
    marked ``database("sqlite")`` when it runs on SQLite: each database has its own real test
    where the two differ (the PostgreSQL roles, say), never a skipped one. A ``browser`` test
    (Chromium, axe, screenshots) runs once, on SQLite: what it checks is the page, and the
    PostgreSQL run covers the database's behaviour (make test stays well under 15 minutes)."""
    from django.conf import settings

    vendor = "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
    keep, other = [], []
    for item in items:
        marker = item.get_closest_marker("database")
        wanted = marker.args[0] if marker is not None else None
        if wanted is None and item.get_closest_marker("browser") is not None:
            wanted = "sqlite"
        (other if wanted is not None and wanted != vendor else keep).append(item)
    if other:
        config.hook.pytest_deselected(items=other)
        items[:] = keep


@pytest.fixture
def org(db):
    from krachtbron.testing.personas import make_org

    return make_org()


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


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is the production hasher (tested in accounts); tests hash fast."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


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
