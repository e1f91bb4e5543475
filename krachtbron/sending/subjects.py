"""What a message is about, asked of the app that owns it (ADR 0012: that app is above this one).

A reminder goes out only while the member still has something to do with the link: a
questionnaire not yet submitted, a Mijn Krachtbron invitation not yet used, and neither
withdrawn, replaced nor expired. Sending cannot import those apps, so each registers, in its
``AppConfig.ready``, a function that says which of its subjects are still waiting:

    register_waiting(Purpose.QUESTIONNAIRE, open_invitation_ids)

A purpose nobody registered has no waiting subjects: no reminders (the safe side).
"""

from collections.abc import Callable, Collection
from datetime import datetime

#: (subject ids, now) -> the ids among them that the member may still open and finish.
Waiting = Callable[[Collection[int], datetime], set[int]]

_WAITING: dict[str, Waiting] = {}


def register_waiting(purpose: str, waiting: Waiting) -> None:
    """Say how to find the still-waiting subjects of ``purpose`` (a ``Purpose`` value)."""
    _WAITING[purpose] = waiting


def still_waiting(purpose: str, subject_ids: Collection[int], now: datetime) -> set[int]:
    """The ids among ``subject_ids`` of ``purpose`` that are still open and unfinished at
    ``now`` (one query per call); empty for an unregistered purpose."""
    waiting = _WAITING.get(purpose)
    if waiting is None or not subject_ids:
        return set()
    return waiting(subject_ids, now)
