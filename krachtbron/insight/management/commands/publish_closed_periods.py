"""Publish the group figures of closed periods (``insight.tasks.publish_everything``).

* Closes rounds whose last day has passed (answering stopped then already) and publishes their
  figures, in the same transaction as the close (``actions.close_round``).
* Publishes every quarter that is over, for every instrument whose figures are per quarter
  (the registered sources: the family questionnaire and the professionals) and for the
  outcome sources (the follow-up check-ins).

The daily upkeep queues the same work as a background task (``insight.tasks.publish_periods``),
and so does a page that finds a closed quarter without its figures. This command does it at
once, in this process: after an upgrade, to fill the cells of periods that closed before, or by
hand. ``--queue`` only queues the task (for a worker to run). Running it twice changes nothing
the second time.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from krachtbron.insight.tasks import publish_everything, request_publication


class Command(BaseCommand):
    help = "Sluit verlopen rondes en publiceer de cijfers van afgesloten kwartalen en rondes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Zet het werk alleen klaar voor de achtergrondtaak (db_worker).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queue"]:
            queued = request_publication()
            self.stdout.write("Taak klaargezet." if queued else "Er wachtte al een taak.")
            return
        done = publish_everything()
        rounds_closed, rounds = done.pop("rounds_closed"), done.pop("rounds")
        per_source = ", ".join(f"{key} {count}" for key, count in done.items())
        self.stdout.write(
            f"{rounds_closed} rondes gesloten, {rounds} oudere rondes gepubliceerd; kwartalen "
            f"gepubliceerd: {per_source}."
        )
