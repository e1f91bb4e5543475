"""PostgreSQL: give the application role its rights (run as the owner, after every migrate).

    DATABASE_URL=postgres://owner@host/krachtbron manage.py grant_app_role krachtbron_app \
        [--create --password-env KRACHTBRON_APP_PASSWORD]

See ``krachtbron.audit.roles`` and the README ("Production").
"""

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from krachtbron.audit.roles import RoleError, grant_app_role


class Command(BaseCommand):
    help = (
        "PostgreSQL: geef de applicatierol zijn rechten; op de toegangslog alleen lezen en "
        "toevoegen. Draai als eigenaar, na elke migrate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="naam van de applicatierol")
        parser.add_argument("--create", action="store_true", help="maak de rol als hij er niet is")
        parser.add_argument(
            "--password-env",
            default="",
            help="omgevingsvariabele met het wachtwoord voor een nieuwe rol",
        )

    def handle(
        self, *args: Any, role: str, create: bool, password_env: str, **options: Any
    ) -> None:
        password = os.environ.get(password_env, "") if password_env else ""
        if password_env and not password:
            raise CommandError(f"De omgevingsvariabele {password_env} is leeg.")
        try:
            grants = grant_app_role(role, create=create, password=password)
        except RoleError as error:
            raise CommandError(str(error)) from None
        log_tables = sorted(name for name, p in grants.tables.items() if p == ("SELECT", "INSERT"))
        self.stdout.write(
            f"Rol {role}{' gemaakt en' if grants.created else ''} ingericht: "
            f"{len(grants.tables)} tabellen; op {', '.join(log_tables)} alleen SELECT en INSERT."
        )
