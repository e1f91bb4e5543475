"""Krachtbron has no superusers: refuse Django's ``createsuperuser`` and say what to use.

A superuser would be an account outside the roles, made without a row in the access log and
without four eyes. The first beheerders of a fresh installation come from ``create_beheerder``;
everyone else is invited in Krachtbron.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Niet in Krachtbron: maak de eerste beheerders met create_beheerder."

    def add_arguments(self, parser: CommandParser) -> None:
        # Django's own options, so that a script that passes them gets this message too.
        parser.add_argument("--username")
        parser.add_argument("--email")
        parser.add_argument("--database")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError(
            "Krachtbron kent geen superusers: elke medewerker heeft een rol, en elke wijziging "
            "staat in de toegangslog. Maak de eerste beheerders van een nieuwe installatie met "
            "`manage.py create_beheerder`; nodig daarna iedereen uit in Krachtbron (Gebruikers)."
        )
