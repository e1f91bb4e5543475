"""With the database down, every error page is still Krachtbron's, and health says so.

A real gunicorn (gunicorn.conf.py) serves a migrated database of its own, which the test then
takes away: on the SQLite run its directory disappears (the file can no longer be opened), on
the PostgreSQL run a throw-away PostgreSQL server is stopped. Each suite run tests its own
database this way.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from krachtbron.lib.tests.test_served_limits import assert_friendly
from krachtbron.testing import served
from krachtbron.testing.http import RawResponse, send

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@contextmanager
def database_that_can_go_down(workdir: Path) -> Iterator[tuple[dict[str, str], object]]:
    """(server environment, take_it_away) for a migrated database of the suite's kind."""
    if ON_POSTGRES:
        with served.throwaway_postgres() as postgres:
            # Kept connections, as in production: stopping the server breaks them mid-flight.
            env = served.server_env(workdir, postgres.url, CONN_MAX_AGE="60")
            served.migrate(env)
            yield env, postgres.stop
    else:
        directory = workdir / "db"
        directory.mkdir()
        env = served.server_env(workdir, SQLITE_PATH=str(directory / "krachtbron.sqlite3"))
        served.migrate(env)

        def take_away() -> None:
            directory.rename(workdir / "weg")

        yield env, take_away


def _request(base: str, method: str, path: str, headers: str = "", body: str = "") -> RawResponse:
    host = base.split("//")[1]
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n{headers}"
    if body:
        head += "Content-Type: application/x-www-form-urlencoded\r\n"
        head += f"Content-Length: {len(body)}\r\n"
    return send(base, head + "\r\n", [body.encode()] if body else [])


def test_error_pages_and_health_without_the_database(tmp_path):
    with database_that_can_go_down(tmp_path) as (env, take_away), served.gunicorn(env) as base:
        healthy = _request(base, "GET", "/gezondheid/")
        assert healthy.status == 200 and '"database": "ok"' in healthy.body
        login = _request(base, "GET", "/inloggen/")
        csrf = re.search(r"csrftoken=([^;]+)", login.headers["set-cookie"]).group(1)
        form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.body).group(1)

        take_away()  # type: ignore[operator]

        health = _request(base, "GET", "/gezondheid/")
        assert health.status == 503
        assert '"database": "onbereikbaar"' in health.body
        assert health.headers["cache-control"] == "no-store"
        assert _request(base, "GET", "/gezondheid/live/").status == 200

        # A request with a session needs the database: the 500 page, ours, with the headers.
        session = "Cookie: krachtbron_session=abcdefghijklmnopqrstuvwxyz012345\r\n"
        assert_friendly(
            _request(base, "GET", "/gezinnen/", session), 500, "Er ging iets mis bij ons"
        )
        # Signing in needs the database too.
        signed = _request(
            base,
            "POST",
            "/inloggen/",
            f"Cookie: csrftoken={csrf}\r\n",
            f"csrfmiddlewaretoken={form_token}&username=adviseur1&password=een-lang-wachtwoord",
        )
        assert_friendly(signed, 500, "Er ging iets mis bij ons")
        # A family link is looked up in the database: the 500 page, and no referrer.
        family = _request(base, "GET", "/v/" + "A" * 43)
        assert_friendly(family, 500, "Er ging iets mis bij ons")
        assert family.headers["referrer-policy"] == "no-referrer"

        # Every other error page needs no database at all.
        assert_friendly(_request(base, "GET", "/bestaat-niet/"), 404, "Deze pagina bestaat niet")
        assert_friendly(_request(base, "GET", "/uitloggen/"), 405, "Dit kan op deze pagina niet")
        assert_friendly(
            _request(base, "POST", "/inloggen/", body="username=x"), 403, "Deze pagina is verlopen"
        )
        foreign_host = send(base, "GET /inloggen/ HTTP/1.1\r\nHost: elders.example\r\n\r\n")
        assert_friendly(foreign_host, 400, "Dit verzoek kunnen we niet verwerken")
        assert_friendly(
            _request(base, "GET", "/inloggen/?q=" + "x" * 5000), 414, "Deze link werkt niet"
        )
        too_big = _request(base, "POST", "/inloggen/", body="x" * (300 * 1024))
        assert_friendly(too_big, 413, "Dit is te veel om te versturen")
