"""What a channel's sender reports after one try: the one small interface of every channel.

Each channel (e-mail in ``smtp.py``, SMS in ``sms.py``) has a function ``send(delivery, to,
link) -> Result`` that renders the message, hands it over once, and says what happened; the
task (``tasks.send_delivery``) turns that into the status rules of actions.py, the same for
every channel (docs/versturen.md):

* ``ACCEPTED``: the server took the message → "verstuurd", address and link erased;
* ``RETRY``: refused for now, nothing was taken (a 4xx SMTP answer, an HTTP 429 or 5xx, no
  connection) → a new try later with back-off, "mislukt" after ``SEND_MAX_ATTEMPTS``;
* ``NEVER``: refused for good (a 5xx SMTP answer, an HTTP 4xx: a number or address that does
  not exist) → "mislukt" at once;
* ``UNKNOWN``: the connection broke after the message may have been handed over → stays
  "bezig", shown as "niet bevestigd", never sent again by itself.

``code`` is a short code for the adviser's page and the log: an exception class name and a
protocol code. Never a server's text or the address or number (the server may quote them).
"""

import enum
from dataclasses import dataclass


class Outcome(enum.Enum):
    ACCEPTED = "accepted"
    RETRY = "retry"
    NEVER = "never"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Result:
    """One try's outcome and its short error code ("" when accepted)."""

    outcome: Outcome
    code: str = ""


ACCEPTED = Result(Outcome.ACCEPTED)
