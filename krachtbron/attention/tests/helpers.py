"""Helpers for the attention tests: families in the states each rule looks at."""

from datetime import timedelta

from django.utils import timezone

from krachtbron.families.models import Family
from krachtbron.questionnaires.tests.factories import ALL_ITEMS, completed_response


def started(family: Family, days_ago: float) -> None:
    """Move the start of the help (``Family.created_at``) ``days_ago`` days back."""
    Family.objects.filter(pk=family.pk).update(created_at=timezone.now() - timedelta(days=days_ago))


def answers(value: int, **overrides: int | None) -> dict[str, int | None]:
    """Every item ``value``, some items overridden (``g05=0``)."""
    return {item: overrides.get(item, value) for item in ALL_ITEMS}


def measured(member, by, value_or_answers, *, moment="begin", days_ago: float = 0):
    given = answers(value_or_answers) if isinstance(value_or_answers, int) else value_or_answers
    return completed_response(
        member,
        by,
        given,
        moment=moment,
        completed_at=timezone.now() - timedelta(days=days_ago),
    )
