"""The e-mail channel: one message to the mail server through Django's mail machinery.

``send(delivery, address, link, code) -> Result`` (outcome.py): opens a connection (nothing sent if
that fails: try again), hands the message over once and reads the server's answer. A refusal
with a 4xx code is tried again, a 5xx code is final; a connection that breaks while sending is
"unknown" (the server may have the message).
"""

import contextlib
import smtplib
from typing import Any

from django.core.mail import get_connection

from krachtbron.sending import mail
from krachtbron.sending.conf import setting
from krachtbron.sending.models import Delivery
from krachtbron.sending.outcome import ACCEPTED, Outcome, Result


def _code(error: BaseException) -> str:
    """A short code for an error: its class, and the SMTP reply code if the server gave one.
    Never the server's text, which may quote the address."""
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [value[0] for value in error.recipients.values()]
        code = codes[0] if codes else None
    return f"{type(error).__name__} {code}" if code else type(error).__name__


def _refusal(error: smtplib.SMTPException) -> int | None:
    """The SMTP reply code when the server refused (so it did not take the message)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [value[0] for value in error.recipients.values()]
        return min(codes) if codes else 550
    if isinstance(error, smtplib.SMTPResponseException):
        return int(error.smtp_code)
    return None


def _close(connection: Any) -> None:
    """Say goodbye to the server; a failure here changes nothing about what was sent."""
    with contextlib.suppress(smtplib.SMTPException, OSError):
        connection.close()


def send(delivery: Delivery, address: str, link: str, code: str = "") -> Result:
    """Send ``delivery``'s e-mail with ``link`` (and its typed ``code`` as shown, "" for none)
    to ``address`` once; what happened."""
    message = mail.build_message(delivery, address, link, code=code)
    connection = get_connection(fail_silently=False, timeout=setting("SEND_SMTP_TIMEOUT"))
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:  # nothing sent: safe to try again
        return Result(Outcome.RETRY, _code(error))
    try:
        connection.send_messages([message])
    except smtplib.SMTPException as error:
        refused = _refusal(error)
        if refused is None:  # disconnected mid-send: the server may have it
            return Result(Outcome.UNKNOWN, _code(error))
        return Result(Outcome.NEVER if refused >= 500 else Outcome.RETRY, _code(error))
    except OSError as error:  # a timeout or reset while sending: unknown as well
        return Result(Outcome.UNKNOWN, _code(error))
    finally:
        _close(connection)
    return ACCEPTED
