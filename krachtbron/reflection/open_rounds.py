"""The rounds a person still has to answer ("taken" on their page; not a task queue), for any
page that shows them (the reflection page does; other apps can include
``reflection/_tasks.html`` with ``reflection_tasks``)."""

from __future__ import annotations

from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.reflection.models import ReflectionRound, RoundStatus
from krachtbron.reflection.permissions import rounds_in_scope


def open_round_tasks(user: User) -> list[ReflectionRound]:
    """Open rounds this person is asked to answer and has not answered yet.

    The rule of ``can_answer_round`` (open, started, not ended, not answered) as one query,
    however many rounds are open.
    """
    today = timezone.localdate()
    return list(
        rounds_in_scope(user)
        .filter(status=RoundStatus.OPEN, starts_on__lte=today, ends_on__gte=today)
        .exclude(participations__user=user.pk)
    )
