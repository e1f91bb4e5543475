"""The SMS channel: a short text with the link, handed to the configured SMS sender.

The text (templates/sending/sms/<purpose>.txt, ``<purpose>_reminder.txt`` for a reminder) is B1
and short: the first name, what it is, the link on a line of its own, until when it works, and
that it is only for them; then the "geen sms meer" link (stop.txt, as every e-mail has it). At
most three SMS segments with a Latin first name and the longest links (tested): two for the
message, one for the stop line. The first name stands alone on
the first line: a line break ends any bidi override a name may hold, so it cannot reorder the
link (SMS has no markup to isolate it with).

A sender is any class named by ``SMS_BACKEND`` with ``send(to, text) -> Result``
(outcome.py): ``to`` in E.164 (phone.py), ``text`` the message. ``ConsoleSender`` (the default,
for the demo and development) prints the message; ``twilio_sms.TwilioSender`` is the provider
for production (docs/adr/0015-sms-provider.md).
"""

import sys
import threading
from typing import Protocol, TextIO

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

from krachtbron.lib.text import without_forbidden
from krachtbron.sending.conf import text_setting
from krachtbron.sending.mail import template_name
from krachtbron.sending.models import Delivery
from krachtbron.sending.outcome import ACCEPTED, Result
from krachtbron.sending.stops import stop_url


class SmsSender(Protocol):
    def send(self, to: str, text: str) -> Result:
        """Hand ``text`` for ``to`` (E.164) to the provider once; what happened."""
        ...


def _first_name(name: str) -> str:
    """The first name on one line: no control characters, no line breaks."""
    return " ".join(without_forbidden(name).split())


def render_text(delivery: Delivery, link: str) -> str:
    """The text message of ``delivery`` with ``link``, in the delivery's language: the first
    message or a reminder (``mail.template_name``), ending with the stop link (stops.py)."""
    context = {
        "first_name": _first_name(delivery.member.first_name),
        "link": link,
        "expires_at": delivery.link_expires_at,
        "portal_name": settings.PORTAL_NAME,
        "stop_url": stop_url(delivery.pk),
    }
    with translation.override(delivery.language):
        message = render_to_string(f"sending/sms/{template_name(delivery)}.txt", context)
        stop = render_to_string("sending/sms/stop.txt", context)
    text = f"{message}\n{stop}"
    return "\n".join(line.strip() for line in text.strip().splitlines())


class ConsoleSender:
    """Prints each message to the terminal instead of sending it (as Django's console e-mail
    backend does): for the demo and development, so no text message ever leaves by mistake."""

    _lock = threading.Lock()

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def send(self, to: str, text: str) -> Result:
        sender = text_setting("SMS_SENDER")
        with self._lock:
            self.stream.write(f"SMS from {sender} to {to}\n{text}\n{'-' * 40}\n")
            self.stream.flush()
        return ACCEPTED


def get_sender() -> SmsSender:
    """A new sender of the class named by ``SMS_BACKEND``."""
    sender: SmsSender = import_string(text_setting("SMS_BACKEND"))()
    return sender


def send(delivery: Delivery, number: str, link: str) -> Result:
    """Send ``delivery``'s text message with ``link`` to ``number`` (E.164) once."""
    return get_sender().send(number, render_text(delivery, link))
