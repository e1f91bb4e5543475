"""After `restore` on another application server: note the restore in this server's head file.

Every application server with its own head file (``ACCESS_LOG_HEAD_FILE``) has written heads
that the restored database no longer has; until this is run there, its sealer refuses to seal
(as it must when rows were cut off). `restore` does this itself on the server where it runs.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from krachtbron.audit.restore import RestoredChainBroken, mark_restored


class Command(BaseCommand):
    help = (
        "Na het terugzetten van een back-up op een andere server: noteer in het kopbestand van "
        "deze server dat de toegangslog nu bij de teruggezette kop eindigt."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            restored = mark_restored(log=False)  # restore itself wrote the row
        except RestoredChainBroken as broken:
            raise CommandError(f"Niets genoteerd: de zegelketen is niet intact. {broken}") from None
        head = restored.head.short if restored.head else "geen zegels"
        self.stdout.write(
            f"Genoteerd: de toegangslog eindigt na het terugzetten bij zegel {head}; "
            + ngettext("%(n)d regel verzegeld.", "%(n)d regels verzegeld.", restored.sealed)
            % {"n": restored.sealed}
        )
