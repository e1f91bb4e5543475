"""Restore a backup made with `backup` into a freshly migrated, empty database."""

import gzip
import tempfile
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from krachtbron.accounts.models import User


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
        self.stdout.write("Back-up teruggezet.")
