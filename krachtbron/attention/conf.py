"""Settings of "Aandacht nodig", with their defaults (settings.py may set any of them;
docs/aandacht.md).

``ATTENTION_BEGIN_DAYS``: days after the start of the help before a missing begin measurement
shows (14: two weeks).
``ATTENTION_INTERIM_DAYS``: days after the last measurement before an interim one is due (91:
about three months).
``ATTENTION_CLOSING_DAYS``: how long after closing a missing closing measurement keeps showing.
Links about to expire follow the reminders' ``SEND_EXPIRY_NOTICE_DAYS`` (sending/conf.py).
"""

from django.conf import settings

DEFAULTS = {
    "ATTENTION_BEGIN_DAYS": 14,
    "ATTENTION_INTERIM_DAYS": 91,
    "ATTENTION_CLOSING_DAYS": 30,
}


def setting(name: str) -> int:
    """The setting ``name`` (a key of ``DEFAULTS``), as an int."""
    return int(getattr(settings, name, DEFAULTS[name]))
