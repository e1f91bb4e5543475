"""A real SMTP server for tests and benchmarks: aiosmtpd on 127.0.0.1 (docs/versturen.md).

``SmtpServer`` runs aiosmtpd's ``Controller`` in a thread on a free loopback port and keeps
every message it accepted (``messages``, parsed with the standard library). What it answers can
be set per test: ``refuse`` = "451 …" (try later) or "550 …" (never) answers the DATA command
with that reply; ``hold`` waits before answering DATA until ``release()`` (a send that hangs,
for the test that kills the worker mid-send). ``arrived`` is set when DATA came in;
``data_commands`` counts every message a client began to hand over, accepted or not.

``smtp_server`` is the pytest fixture: a running server, and Django's settings pointed at it
(the SMTP backend, EMAIL_HOST and EMAIL_PORT).
"""

import email
import email.policy
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from krachtbron.testing.served import free_port


class _Handler:
    def __init__(self, server: "SmtpServer") -> None:
        self.server = server

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self.server.lock:
            self.server.data_commands += 1
        self.server.arrived.set()
        if self.server.hold.is_set():
            # Wait in a thread, so the event loop (other connections) keeps running.
            import asyncio

            await asyncio.get_running_loop().run_in_executor(None, self.server.released.wait)
        if self.server.refuse:
            return self.server.refuse
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.server.lock:
            self.server.messages.append(message)  # type: ignore[arg-type]
            self.server.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


class SmtpServer:
    """A running aiosmtpd server on 127.0.0.1:``port``; ``stop()`` ends it."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []
        self.data_commands = 0  # every message a client began to hand over, accepted or not
        self.refuse = ""
        self.hold = threading.Event()
        self.released = threading.Event()
        self.arrived = threading.Event()
        self.lock = threading.Lock()
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def start(self) -> "SmtpServer":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.released.set()
        self.controller.stop()

    def release(self) -> None:
        self.released.set()

    def settings(self) -> dict[str, Any]:
        """Django settings that send to this server."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
        }


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpServer]:
    """A real SMTP server on loopback, with Django's mail settings pointed at it."""
    server = SmtpServer().start()
    for name, value in server.settings().items():
        setattr(settings, name, value)
    try:
        yield server
    finally:
        server.stop()
