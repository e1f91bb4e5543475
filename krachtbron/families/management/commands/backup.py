"""Write a portable backup of all Krachtbron data (JSON), to restore with `restore`.

The file contains everything, including password hashes and TOTP keys: store it encrypted.
For PostgreSQL in production, pg_dump with point-in-time recovery is the primary backup; this
command is the database-independent one that the restore test proves. Every value comes back
exactly as stored (times to the microsecond, ``_backup_format``), so a restored access log
still matches its seals.
"""

import gzip
from pathlib import Path
from typing import Any

from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from krachtbron.families.management.commands._backup_format import FORMAT

# Sessions, form keys and kept form input (lib) are short-lived and end with their session.
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "axes", "krachtbron_lib"]


class Command(BaseCommand):
    help = "Maak een back-up van alle gegevens (JSON, gzip)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        serializers.register_serializer(
            FORMAT, "krachtbron.families.management.commands._backup_format"
        )
        with gzip.open(path, "wt", encoding="utf-8") as out:
            call_command(
                "dumpdata",
                format=FORMAT,
                natural_foreign=True,
                exclude=EXCLUDE,
                stdout=out,
                verbosity=0,
            )
        self.stdout.write(f"Back-up geschreven naar {path}.")
