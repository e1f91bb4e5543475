"""The benchmarks' response checks (bench/common.py): a sign-in redirect or a page without its
marker must fail a measurement loudly, never count as a fast answer (issue 18)."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.common import BenchError, Expect, check_page, wrk


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        if self.path.startswith("/gezinnen/"):  # as the app answers without a session
            self.send_response(302)
            self.send_header("Location", "/inloggen/?next=/gezinnen/")
            body = b""
        else:
            self.send_response(200)
            body = b"<h1>Mijn gezinnen</h1>"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


PAGE = Expect(200, "Mijn gezinnen")


def test_the_real_page_passes(base: str) -> None:
    assert "Mijn gezinnen" in check_page(base + "/pagina/", PAGE)
    result = wrk(base + "/pagina/", seconds=1, connections=2, expect=PAGE)
    assert result.checked > 0
    assert result.wrong == 0


def test_a_sign_in_redirect_fails_the_precheck(base: str) -> None:
    with pytest.raises(BenchError, match="302 /inloggen/"):
        check_page(base + "/gezinnen/", PAGE)


def test_a_sign_in_redirect_fails_the_run(base: str) -> None:
    with pytest.raises(BenchError, match=r"were not the page .*first: 302 /inloggen/"):
        wrk(base + "/gezinnen/", seconds=1, connections=2, expect=PAGE)


def test_a_page_without_its_marker_fails(base: str) -> None:
    with pytest.raises(BenchError, match="were not the page"):
        wrk(base + "/pagina/", seconds=1, connections=2, expect=Expect(200, "Netwerk"))
    with pytest.raises(BenchError):
        check_page(base + "/pagina/", Expect(200, "Netwerk"))


def test_an_expected_redirect_is_checked_by_its_location(base: str) -> None:
    to_sign_in = Expect(302, "/inloggen/", in_location=True)
    assert wrk(base + "/gezinnen/", seconds=1, connections=2, expect=to_sign_in).wrong == 0
    with pytest.raises(BenchError):
        wrk(base + "/gezinnen/", seconds=1, connections=2, expect=Expect(302, "/klaar/", True))
