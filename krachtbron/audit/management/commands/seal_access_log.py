"""Seal every access-log entry that has no seal yet (run every few minutes, e.g. from cron).

Normally each request seals its own rows right after commit; this picks up whatever that left
(another process was sealing, a row committed much later than its neighbours, a crash). It
refuses (exit 1) when the database no longer holds the newest head in the head file: sealing
then would hide that rows were removed.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from krachtbron.audit.sealing import ChainCut, current_head, seal_pending


class Command(BaseCommand):
    help = "Verzegel de regels van de toegangslog die nog geen zegel hebben."

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        try:
            while sealed := seal_pending(scan_all=True, batch=5000, wait=True):
                total += sealed
        except ChainCut as cut:
            done = ngettext(
                "%(n)d regel verzegeld, toen gestopt.",
                "%(n)d regels verzegeld, toen gestopt.",
                total,
            ) % {"n": total}
            raise CommandError(f"{done} {cut.message}") from None
        head = current_head()
        self.stdout.write(
            ngettext(
                "%(n)d regel verzegeld; kop van de keten: %(head)s.",
                "%(n)d regels verzegeld; kop van de keten: %(head)s.",
                total,
            )
            % {"n": total, "head": head.short if head else "geen"}
        )
