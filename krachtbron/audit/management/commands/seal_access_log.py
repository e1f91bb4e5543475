"""Seal every access-log entry that has no seal yet (run every few minutes, e.g. from cron).

Normally each request seals its own rows right after commit; this picks up whatever that left
(another process was sealing, a row committed much later than its neighbours, a crash).
"""

from typing import Any

from django.core.management.base import BaseCommand

from krachtbron.audit.sealing import current_head, seal_pending


class Command(BaseCommand):
    help = "Verzegel de regels van de toegangslog die nog geen zegel hebben."

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        while sealed := seal_pending(scan_all=True, batch=5000, wait=True):
            total += sealed
        head = current_head()
        self.stdout.write(
            f"{total} regel(s) verzegeld; kop van de keten: {head.short if head else 'geen'}."
        )
