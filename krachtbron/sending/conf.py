"""Settings of sending, with their defaults (settings.py may set any of them; README).

``SEND_MAX_ATTEMPTS``: tries per message before it is "mislukt" (SMTP errors only).
``SEND_RETRY_SECONDS``: the wait before the 2nd try; each next wait is 5× longer.
``SEND_UNCONFIRMED_MINUTES``: how long "bezig" may last before it shows as "niet bevestigd".
``SEND_KEEP_DAYS``: a failed or unconfirmed message's address and link are erased after this.
``SEND_SMTP_TIMEOUT``: seconds to wait for the mail server before the try counts as failed.
``SEND_REMIND_AFTER_DAYS``: days after sending when the 1st and 2nd reminder go out (at most
two; an empty list: no reminders).
``SEND_REMIND_HOUR``: the hour (site time) before which a reminder is not sent.
``SEND_EXPIRY_NOTICE_DAYS``: the adviser is told this many days before a link expires.
``SEND_SMS_TIMEOUT``: seconds to wait for the SMS provider (no answer in time: "niet bevestigd").

Text settings (``text_setting``), from settings.py or else the environment, so that the
provider's key need never be in a file: ``SMS_BACKEND`` (the class that sends text messages:
the console one by default, ``krachtbron.sending.twilio_sms.TwilioSender`` in production),
``SMS_SENDER`` (the name the family sees as sender, at most 11 letters and digits), and the
provider's ``SMS_TWILIO_*`` (twilio_sms.py; docs/versturen.md).
"""

import os
from datetime import timedelta

from django.conf import settings

DEFAULTS = {
    "SEND_MAX_ATTEMPTS": 4,
    "SEND_RETRY_SECONDS": 60,
    "SEND_UNCONFIRMED_MINUTES": 10,
    "SEND_KEEP_DAYS": 14,
    "SEND_SMTP_TIMEOUT": 30,
    "SEND_SMS_TIMEOUT": 30,
    "SEND_REMIND_HOUR": 10,
    "SEND_EXPIRY_NOTICE_DAYS": 2,
}

TEXT_DEFAULTS = {
    "SMS_BACKEND": "krachtbron.sending.sms.ConsoleSender",
    "SMS_SENDER": "OKT",
    "SMS_TWILIO_ACCOUNT_SID": "",
    "SMS_TWILIO_AUTH_TOKEN": "",
    "SMS_TWILIO_REGION": "ie1",
    "SMS_TWILIO_EDGE": "dublin",
    "SMS_TWILIO_API_URL": "",
}
REMIND_AFTER_DAYS = (3, 7)
MAX_REMINDERS = 2


def setting(name: str) -> int:
    """The setting ``name`` (a key of ``DEFAULTS``), as an int."""
    return int(getattr(settings, name, DEFAULTS[name]))


def text_setting(name: str) -> str:
    """The text setting ``name`` (a key of ``TEXT_DEFAULTS``): settings.py, else the
    environment variable of that name, else the default."""
    if hasattr(settings, name):
        return str(getattr(settings, name))
    return os.environ.get(name, TEXT_DEFAULTS[name])


def unconfirmed_after() -> timedelta:
    return timedelta(minutes=setting("SEND_UNCONFIRMED_MINUTES"))


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th try failed: 1×, 5×, 25× ``SEND_RETRY_SECONDS``."""
    return timedelta(seconds=setting("SEND_RETRY_SECONDS") * 5 ** max(attempts - 1, 0))


def remind_after_days() -> tuple[int, ...]:
    """``SEND_REMIND_AFTER_DAYS``: the days after the first message when reminder 1 and 2 are
    due, rising, at most ``MAX_REMINDERS`` of them."""
    days = getattr(settings, "SEND_REMIND_AFTER_DAYS", REMIND_AFTER_DAYS)
    return tuple(sorted(int(day) for day in days))[:MAX_REMINDERS]
