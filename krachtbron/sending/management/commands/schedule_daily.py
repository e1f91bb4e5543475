"""Queue the daily upkeep task (retention purge, stale addresses) if it is not queued yet."""

from typing import Any

from django.core.management.base import BaseCommand

from krachtbron.sending.tasks import next_daily_run, schedule_daily


class Command(BaseCommand):
    help = "Zet de dagelijkse taak (bewaartermijn, oude adressen wissen) in de wachtrij."

    def handle(self, *args: Any, **options: Any) -> None:
        if schedule_daily():
            self.stdout.write(f"Dagelijkse taak gepland voor {next_daily_run():%Y-%m-%d %H:%M}.")
        else:
            self.stdout.write("De dagelijkse taak stond al in de wachtrij.")
