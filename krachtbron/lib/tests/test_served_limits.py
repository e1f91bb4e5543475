"""Limits and the servers' own answers, through real servers on 127.0.0.1 (SECURITY.md 7, 14).

Gunicorn with the repository's gunicorn.conf.py (the README's production command and `make
bench`) and `manage.py runserver` (`make run`). The servers use a SQLite file of their own that is
never migrated: nothing here may need the database. So these tests mean the same on both suite
runs (SQLite and PostgreSQL); they check the server, not the database.
"""

import re
import socket

import pytest

from krachtbron.testing import served
from krachtbron.testing.http import RawResponse, send

MB = 1024 * 1024
TOKEN_10_KB = "a" * 10240


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("served")


@pytest.fixture(scope="module")
def gunicorn_url(workdir):
    with served.gunicorn(served.server_env(workdir), workers=1) as base:
        yield base


@pytest.fixture(scope="module")
def runserver_url(workdir):
    with served.runserver(served.server_env(workdir)) as base:
        yield base


def assert_friendly(response: RawResponse, status: int, heading: str) -> None:
    """Krachtbron's own Dutch page with the security headers, not the server's raw answer."""
    assert response.status == status, response.body[:300]
    assert 'lang="nl"' in response.body and f"<h1>{heading}</h1>" in response.body
    assert "Krachtbron" in response.body
    headers = response.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"


def _multipart_head(host: str, path: str, length: int) -> str:
    return (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\n"
        "Content-Type: multipart/form-data; boundary=grens\r\n"
        f"Content-Length: {length}\r\n\r\n"
    )


def _multipart_body(total: int):
    """A multipart body of `total` bytes with one big file part, made as it is sent."""
    start = (
        b'--grens\r\nContent-Disposition: form-data; name="username"\r\n\r\nadviseur1\r\n'
        b'--grens\r\nContent-Disposition: form-data; name="bestand"; filename="groot.bin"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n"
    )
    end = b"\r\n--grens--\r\n"
    yield start
    left = total - len(start) - len(end)
    piece = b"x" * (64 * 1024)
    while left > 0:
        yield piece[: min(left, len(piece))]
        left -= len(piece)
    yield end


def test_a_200_mb_multipart_post_to_the_sign_in_page_is_refused_before_it_is_sent(gunicorn_url):
    total = 200 * MB
    host = gunicorn_url.split("//")[1]
    response = send(
        gunicorn_url, _multipart_head(host, "/inloggen/", total), _multipart_body(total)
    )
    assert_friendly(response, 413, "Dit is te veel om te versturen")
    # The answer came while nearly all of the body was still unsent: it was never read.
    assert response.body_bytes_sent < 20 * MB


def test_a_streamed_body_without_a_length_is_refused_after_the_limit(gunicorn_url):
    host = gunicorn_url.split("//")[1]
    head = (
        f"POST /inloggen/ HTTP/1.1\r\nHost: {host}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    piece = b"x" * 65536
    chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    response = send(gunicorn_url, head, (chunk for _ in range(3200)))  # 200 MB if all were sent
    assert_friendly(response, 413, "Dit is te veel om te versturen")
    assert response.body_bytes_sent < 20 * MB


def test_a_small_streamed_body_still_reaches_the_form(gunicorn_url):
    """Under the limit a chunked body is handed to Django like any other (here: no CSRF token)."""
    host = gunicorn_url.split("//")[1]
    body = b"username=adviseur1&password=fout"
    head = (
        f"POST /inloggen/ HTTP/1.1\r\nHost: {host}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    response = send(gunicorn_url, head, [f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"])
    assert_friendly(response, 403, "Deze pagina is verlopen")


def _get(base_url: str, target: str, extra_headers: str = "") -> RawResponse:
    host = base_url.split("//")[1]
    return send(base_url, f"GET {target} HTTP/1.1\r\nHost: {host}\r\n{extra_headers}\r\n")


@pytest.mark.parametrize("server", ["gunicorn", "runserver"])
@pytest.mark.parametrize("length", [5000, 10240, 70000])
def test_an_over_long_family_link_gets_the_friendly_link_page(request, server, length):
    """The issue's 10 kB token; one link under gunicorn's line limit, one over runserver's."""
    base = request.getfixturevalue(f"{server}_url")
    response = _get(base, "/v/" + "a" * length)
    assert_friendly(response, 414, "Deze link werkt niet")
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "a" * 200 not in response.body  # the link is not echoed


@pytest.mark.parametrize("server", ["gunicorn", "runserver"])
def test_a_bad_token_of_normal_length_gets_the_family_page(request, server):
    base = request.getfixturevalue(f"{server}_url")
    # No database behind these servers: an unknown token still needs a lookup, so use one that
    # fails the cheap shape check (SECURITY.md 7) and never reaches the database.
    response = _get(base, "/v/" + "%C3%A7" * 43)
    assert response.status == 404
    assert "<h1>Deze link werkt niet</h1>" in response.body
    assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("server", ["gunicorn", "runserver"])
def test_oversized_headers_get_a_friendly_page(request, server):
    base = request.getfixturevalue(f"{server}_url")
    response = _get(base, "/inloggen/", "X-Groot: " + "b" * 70000 + "\r\n")
    assert response.status in (400, 431)
    assert_friendly(response, response.status, "Dit verzoek kunnen we niet verwerken")


@pytest.mark.parametrize("server", ["gunicorn", "runserver"])
def test_a_malformed_request_gets_a_friendly_page(request, server):
    base = request.getfixturevalue(f"{server}_url")
    response = send(base, "GET /inloggen/ HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n")
    assert response.status in (400, 505)
    assert_friendly(response, response.status, "Dit verzoek kunnen we niet verwerken")


def test_the_server_keeps_serving_after_all_that(gunicorn_url):
    response = _get(gunicorn_url, "/gezondheid/live/")
    assert response.status == 200 and response.body == "ok"


def test_gunicorn_conf_never_lifts_the_request_line_limit_and_is_what_the_readme_runs():
    """0 would mean "unlimited": a 10 MB line then costs a worker seconds of CPU."""
    text = (served.ROOT / "gunicorn.conf.py").read_text()
    limit = int(re.search(r"^limit_request_line = (\d+)", text, re.MULTILINE).group(1))
    assert 4096 < limit <= 8190
    readme = (served.ROOT / "README.md").read_text()
    commands = re.findall(r"^\S*gunicorn .*$", readme, re.MULTILINE)
    assert commands and all("-c gunicorn.conf.py" in command for command in commands)


def test_the_connection_closes_after_a_refused_body(gunicorn_url):
    host = gunicorn_url.split("//")[1]
    with socket.create_connection(("127.0.0.1", int(host.split(":")[1]))) as sock:
        sock.sendall(_multipart_head(host, "/inloggen/", 50 * MB).encode())
        sock.settimeout(30)
        first = sock.recv(65536)
        assert first.startswith(b"HTTP/1.1 413")
