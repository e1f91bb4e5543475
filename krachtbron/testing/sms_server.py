"""A local HTTP server that answers as Twilio's Messages API does, for the SMS tests.

``SmsServer`` runs the standard library's ``ThreadingHTTPServer`` on a free loopback port and
answers ``POST /2010-04-01/Accounts/<sid>/Messages.json`` the way the provider does, so the
real client library (``twilio``) talks to it unchanged: ``answer`` picks what it does next:

* ``"ok"``: 201 with a message resource (the provider made the message);
* ``"refuse"``: 400 with the provider's error for a number that cannot get messages (21211),
  whose text quotes the number, as the real one does;
* ``"busy"``: 503 (not taken: try again); ``"error"``: 500 (may have been taken);
* ``"drop"``: reads the request, then closes the connection without an answer;
* ``"hang"``: reads the request and answers nothing until ``stop()`` (the client times out).

``requests`` keeps every request that arrived (path, form fields, the Basic user), so a test
can count what was handed over. ``sms_server`` is the pytest fixture: a running server with
``SMS_BACKEND`` and the ``SMS_TWILIO_*`` settings pointed at it.
"""

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest

from krachtbron.testing.served import free_port

ACCOUNT = "AC" + "0" * 32
TOKEN = "test-auth-token"  # noqa: S105 (the local server's, not a real key)


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: the tests read ``requests``."""

    def _answer(self, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802
        owner = self.server.owner
        length = int(self.headers.get("Content-Length", "0"))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        auth = self.headers.get("Authorization", "").removeprefix("Basic ")
        user = base64.b64decode(auth).decode().split(":")[0] if auth else ""
        owner.requests.append({"path": self.path, "form": form, "user": user})
        answer = owner.answer
        if answer == "ok":
            self._answer(201, _message(form))
        elif answer == "refuse":
            to = form.get("To", "")
            self._answer(
                400,
                {
                    "code": 21211,
                    "message": f"The 'To' number {to} is not a valid phone number.",
                    "more_info": "https://www.twilio.com/docs/errors/21211",
                    "status": 400,
                },
            )
        elif answer == "busy":
            self._answer(503, {"code": 20503, "message": "Service unavailable", "status": 503})
        elif answer == "error":
            self._answer(500, {"code": 20500, "message": "Internal error", "status": 500})
        elif answer == "hang":
            owner.released.wait(60)
        self.close_connection = True  # "drop" (and "hang") end here without an answer


def _message(form: dict[str, str]) -> dict[str, Any]:
    return {
        "sid": "SM" + "1" * 32,
        "account_sid": ACCOUNT,
        "to": form.get("To"),
        "from": form.get("From"),
        "body": form.get("Body"),
        "status": "queued",
        "num_segments": "1",
        "direction": "outbound-api",
        "api_version": "2010-04-01",
        "date_created": "Mon, 30 Nov 2026 12:00:00 +0000",
        "uri": f"/2010-04-01/Accounts/{ACCOUNT}/Messages/SM{'1' * 32}.json",
    }


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: "SmsServer"


class SmsServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.answer = "ok"
        self.requests: list[dict[str, Any]] = []
        self.released = threading.Event()
        self._server = _Server(("127.0.0.1", self.port), _Handler)
        self._server.owner = self

    def start(self) -> "SmsServer":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.released.set()
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def settings(self) -> dict[str, Any]:
        """Django settings that send text messages to this server."""
        return {
            "SMS_BACKEND": "krachtbron.sending.twilio_sms.TwilioSender",
            "SMS_TWILIO_API_URL": self.url,
            "SMS_TWILIO_ACCOUNT_SID": ACCOUNT,
            "SMS_TWILIO_AUTH_TOKEN": TOKEN,
            "SMS_SENDER": "OKT",
            "SEND_SMS_TIMEOUT": 2,
        }

    @property
    def messages(self) -> list[dict[str, str]]:
        """The form fields (To, From, Body) of every message handed over."""
        return [request["form"] for request in self.requests]


@pytest.fixture
def sms_server(settings: Any) -> Iterator[SmsServer]:
    """A local server that answers as the SMS provider, with the settings pointed at it."""
    server = SmsServer().start()
    for name, value in server.settings().items():
        setattr(settings, name, value)
    try:
        yield server
    finally:
        server.stop()
