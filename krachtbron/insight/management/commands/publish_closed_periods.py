"""Publish the group figures of closed periods (meant to run daily as a scheduled task).

* Closes rounds whose last day has passed (answering stopped then already) and publishes their
  figures, in the same transaction as the close (``actions.close_round``).
* Publishes every quarter that is over, for every instrument whose figures are per quarter
  (the registered sources: the family questionnaire and the professionals).

Pages publish a closed period themselves the first time they need it; this command does it
ahead of time, so the first reader after a quarter ends does not wait. Running it twice changes
nothing the second time.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from krachtbron.insight.published import publish_closed_quarters, publish_closed_rounds
from krachtbron.instruments import get_instrument
from krachtbron.lib.answer_sources import PeriodKind, registered_instruments
from krachtbron.reflection import actions
from krachtbron.reflection.models import ReflectionRound, RoundStatus


class Command(BaseCommand):
    help = "Sluit verlopen rondes en publiceer de cijfers van afgesloten kwartalen en rondes."

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        expired = ReflectionRound.objects.filter(status=RoundStatus.OPEN, ends_on__lt=today)
        closed = 0
        for round_ in expired:
            actions.close_round(round_)
            closed += 1
        rounds = publish_closed_rounds()
        quarters = {
            instrument_id: publish_closed_quarters(get_instrument(instrument_id))
            for instrument_id in registered_instruments(period=PeriodKind.QUARTER)
        }
        per_instrument = ", ".join(f"{key} {count}" for key, count in quarters.items())
        self.stdout.write(
            f"{closed} rondes gesloten, {rounds} oudere rondes gepubliceerd; kwartalen "
            f"gepubliceerd: {per_instrument}."
        )
