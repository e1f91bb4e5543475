"""Open round tasks, for any page that wants to show them (the reflection page does; the home
pages of other apps can include ``reflection/_tasks.html`` with ``reflection_tasks``)."""

from __future__ import annotations

from typing import Any

from krachtbron.reflection.models import ReflectionRound, RoundStatus
from krachtbron.reflection.permissions import can_answer_round, rounds_in_scope


def open_round_tasks(user: Any) -> list[ReflectionRound]:
    """Open rounds this person is asked to answer and has not answered yet."""
    return [
        round_
        for round_ in rounds_in_scope(user).filter(status=RoundStatus.OPEN)
        if can_answer_round(user, round_)
    ]
