"""Create the first beheerder of a fresh installation."""

import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from krachtbron.accounts.models import Role, User


class Command(BaseCommand):
    help = "Maak een beheerder aan (wachtwoord uit KRACHTBRON_ADMIN_PASSWORD of interactief)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", default="Beheerder")
        parser.add_argument("--privacy-officer", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        if User.objects.filter(username=username).exists():
            raise CommandError(f"Gebruiker {username!r} bestaat al.")
        password = os.environ.get("KRACHTBRON_ADMIN_PASSWORD") or getpass.getpass("Wachtwoord: ")
        user = User(
            username=username,
            email=options["email"],
            first_name=options["first_name"],
            role=Role.BEHEERDER,
            is_privacy_officer=options["privacy_officer"],
        )
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Beheerder {username} aangemaakt. Koppel bij de eerste keer inloggen een "
                "authenticator-app."
            )
        )
