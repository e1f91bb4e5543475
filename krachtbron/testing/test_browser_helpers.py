"""The browser helpers read the page a click opened, once it has loaded, however late its body.

A CI run failed with axe-core finding ``document.documentElement`` null: Playwright's ``click``
returned when the next page had been taken on, before its body was there. Here a server on
127.0.0.1 sends the next page's headers at once and its body a second later; the page after the
click has an image without a text, the page before none, so an axe run that did not wait either
fails or reports the page before."""

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from krachtbron.testing.browser import axe_violations, chromium, page_width

pytestmark = pytest.mark.browser

FORM = (
    b'<!doctype html><html lang="nl"><head><title>Formulier</title></head><body><main>'
    b'<h1>Formulier</h1><form method="post" action="/"><button type="submit">Verder</button>'
    b"</form></main></body></html>"
)
NEXT = (
    b'<!doctype html><html lang="nl"><head><title>Klaar</title></head><body><main><h1>Klaar</h1>'
    b'<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="900" height="10">'
    b"</main></body></html>"
)


class _LateBody(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(self, body: bytes, pause: float) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.flush()
        time.sleep(pause)
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._send(FORM, 0)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._send(NEXT, 1.0)


@pytest.fixture
def late_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _LateBody)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_axe_and_the_width_read_the_page_the_click_opened(late_server):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        page.goto(late_server)
        assert axe_violations(page) == []
        page.click("button")
        assert [violation["id"] for violation in axe_violations(page)] == ["image-alt"]
        assert page_width(page) > 360  # the 900 px image of the next page
