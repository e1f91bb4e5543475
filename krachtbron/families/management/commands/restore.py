"""Restore a backup made with `backup` into a freshly migrated, empty database.

Afterwards the access log's chain ends at the backup's head: that is written to this server's
head file (``krachtbron.audit.restore``), so the sealer goes on from there, and the restore is
itself a row in the log. The chain is then checked; a restore whose log does not verify exits 1.
"""

import gzip
import tempfile
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from krachtbron.accounts.models import User
from krachtbron.audit.restore import RestoredChainBroken, mark_restored
from krachtbron.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Zet een back-up terug in een lege database (na migrate)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        if User.objects.exists():
            raise CommandError(
                "De database is niet leeg: zet een back-up alleen terug in een lege."
            )
        with tempfile.TemporaryDirectory() as tmp:
            plain = Path(tmp) / "backup.json"
            with gzip.open(path, "rt", encoding="utf-8") as source:
                plain.write_text(source.read(), encoding="utf-8")
            call_command("loaddata", str(plain), verbosity=0)
        try:
            restored = mark_restored()
        except RestoredChainBroken as broken:
            raise CommandError(
                f"De gegevens zijn teruggezet, maar de toegangslog in de back-up is niet intact: "
                f"{broken} Zoek dit uit met verify_access_log."
            ) from None
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                "De gegevens zijn teruggezet, maar de toegangslog is niet intact; zie "
                "verify_access_log."
            )
        head = restored.head.short if restored.head else "geen zegels"
        self.stdout.write(
            f"Back-up teruggezet. Toegangslog intact: {report.entries} regels, teruggezet tot en "
            f"met zegel {head}; het terugzetten staat in het kopbestand en in de log."
        )
