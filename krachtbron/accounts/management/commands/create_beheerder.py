"""Create the first beheerders of a fresh installation (bootstrapping only).

In Krachtbron a new beheerder and the privacy-officer right need a second beheerder's approval,
so an installation needs two beheerders before four eyes can work: this command makes them, and
nothing more. It refuses once two beheerder accounts exist (switched off or not) or once any
beheerder has done something in Krachtbron (a row in the access log): from then on beheerders
are invited and approved in the app. ``--privacy-officer`` gives the right without four eyes, so
only to the very first beheerder. Each run is logged with the system as actor.
"""

import getpass
import os
import re
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from krachtbron.accounts.models import Role, User
from krachtbron.audit.log import log_admin_change
from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.lib.text import PlainEmailField, check_plain_text

USERNAME = re.compile(r"[\w.@+-]{1,150}")

#: The beheerders this command may make: enough for a second pair of eyes, no more.
BOOTSTRAP_BEHEERDERS = 2


class Command(BaseCommand):
    help = "Maak een beheerder aan (wachtwoord uit KRACHTBRON_ADMIN_PASSWORD of interactief)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", default="Beheerder")
        parser.add_argument("--privacy-officer", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        # The same rules as the user form: a name from the command line is shown on pages and
        # in files just like one typed in a form.
        try:
            first_name = check_plain_text(options["first_name"])
            if not first_name or len(first_name) > 150:
                raise ValidationError("De voornaam is leeg of langer dan 150 tekens.")
            if not USERNAME.fullmatch(username):
                raise ValidationError(
                    "Gebruik in de gebruikersnaam alleen letters, cijfers en . @ + - _"
                )
            email = PlainEmailField(max_length=254).clean(options["email"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if User.objects.filter(username=username).exists():
            raise CommandError(f"Gebruiker {username!r} bestaat al.")
        # Switched off or not: switching the privacy officer off must not reopen this door.
        beheerders = User.objects.filter(role=Role.BEHEERDER).count()
        in_use = AccessLogEntry.objects.filter(actor_role=Role.BEHEERDER).exists()
        if beheerders >= BOOTSTRAP_BEHEERDERS or in_use:
            raise CommandError(
                "create_beheerder is alleen voor een nieuwe installatie (de eerste twee "
                "beheerders), en die is al ingericht. Nodig een beheerder uit in Krachtbron "
                "(Gebruikers, Iemand uitnodigen); een andere beheerder keurt het goed."
            )
        if options["privacy_officer"] and beheerders:
            raise CommandError(
                "Alleen de allereerste beheerder krijgt hiermee het recht privacy officer. Vraag "
                "het recht aan in Krachtbron; een tweede beheerder keurt het goed."
            )
        password = os.environ.get("KRACHTBRON_ADMIN_PASSWORD") or getpass.getpass("Wachtwoord: ")
        user = User(
            username=username,
            email=email,
            first_name=first_name,
            role=Role.BEHEERDER,
            is_privacy_officer=options["privacy_officer"],
        )
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)
        with transaction.atomic():
            user.save()
            changes = {
                "role": [None, Role.BEHEERDER],
                "is_privacy_officer": [None, user.is_privacy_officer],
            }
            # No person acts here: the row names the system (a command on the server).
            log_admin_change(None, user, changes, object_type="user", kind=AccessKind.CREATE)
        self.stdout.write(
            self.style.SUCCESS(
                f"Beheerder {username} aangemaakt. Koppel bij de eerste keer inloggen een "
                "authenticator-app."
            )
        )
