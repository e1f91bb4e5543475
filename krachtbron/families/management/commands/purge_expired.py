"""Remove family files whose retention period has passed (run daily, e.g. from cron)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from krachtbron.families.retention import purge_expired


class Command(BaseCommand):
    help = "Vernietig gezinsdossiers waarvan de bewaartermijn (20 jaar) voorbij is."

    def handle(self, *args: Any, **options: Any) -> None:
        count = purge_expired()
        self.stdout.write(
            ngettext("%(n)d dossier vernietigd.", "%(n)d dossiers vernietigd.", count)
            % {"n": count}
        )
