"""Set a staff member's password from the server, as a logged administrative change.

Django's own ``changepassword`` saved the password and wrote nothing in the access log. This one
asks for the password twice (checked against the password rules), then in one transaction sets
it, ends the user's sessions and writes an administrative row with the system as actor
(``{"password": "changed"}``: that it changed, never what it is). The second factor stays: the
user still needs their authenticator app.
"""

import getpass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from krachtbron.accounts.actions import end_sessions
from krachtbron.accounts.models import User
from krachtbron.audit.log import CHANGED, log_admin_change

TRIES = 3


class Command(BaseCommand):
    help = (
        "Wijzig het wachtwoord van een medewerker (komt als beheerwijziging in de toegangslog; "
        "de sessies van die medewerker stoppen)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="gebruikersnaam van de medewerker")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Gebruiker {username!r} bestaat niet.")
        password = self._ask(user)
        # The prompt comes first: no transaction (on SQLite: the write lock) waits for typing.
        with transaction.atomic():
            user = User.objects.select_for_update().get(pk=user.pk)
            user.set_password(password)
            user.save(update_fields=["password"])
            end_sessions(user)
            log_admin_change(None, user, {"password": CHANGED}, object_type="user")
        self.stdout.write(
            f"Wachtwoord van {username} gewijzigd; de sessies zijn beëindigd en de wijziging "
            "staat in de toegangslog."
        )

    def _ask(self, user: User) -> str:
        for _attempt in range(TRIES):
            first = getpass.getpass("Nieuw wachtwoord: ")
            second = getpass.getpass("Nog een keer: ")
            if not first:
                raise CommandError("Afgebroken: niets gewijzigd.")
            if first != second:
                self.stderr.write("De wachtwoorden zijn niet gelijk. Probeer het opnieuw.")
                continue
            try:
                validate_password(first, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return first
        raise CommandError(f"Na {TRIES} pogingen gestopt: niets gewijzigd.")
