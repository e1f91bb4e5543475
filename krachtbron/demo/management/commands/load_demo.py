"""Load the demo organisation. Refused in production mode."""

import importlib
import random
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from krachtbron.accounts.models import User
from krachtbron.demo.context import DemoContext
from krachtbron.insight.tasks import publish_everything

LOGINS = [
    ("adviseur1", "adviseur, Team Noord (caseload met gezinnen)"),
    ("adviseur3", "adviseur, Team Zuidoost"),
    ("teamleider1", "teamleider, Team Noord"),
    ("beheerder", "beheerder en privacy officer"),
    ("beheerder2", "beheerder (een aanvraag privacy officer wacht)"),
    ("onderzoeker", "onderzoeker"),
]


class Command(BaseCommand):
    help = "Laad demo-gegevens (alleen buiten productie)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=20261124)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo-gegevens zijn niet toegestaan in productie.")
        if User.objects.filter(username="beheerder").exists():
            self.stdout.write("Demo-gegevens staan er al.")
        else:
            ctx = DemoContext(rng=random.Random(options["seed"]))
            with transaction.atomic():
                for app in apps.get_app_configs():
                    try:
                        module = importlib.import_module(f"{app.name}.demo_data")
                    except ModuleNotFoundError as error:
                        if error.name != f"{app.name}.demo_data":
                            raise
                        continue
                    module.load(ctx)
            # The group figures of the demo's closed quarters and rounds, published at once
            # (as the worker of `make run` would), so a demo served without a worker shows them.
            publish_everything()
            self.stdout.write(self.style.SUCCESS("Demo-gegevens geladen."))
        from krachtbron.accounts.demo_data import DEMO_PASSWORD

        self.stdout.write("\nDemo-logins (wachtwoord voor iedereen: %s):" % DEMO_PASSWORD)
        for username, what in LOGINS:
            self.stdout.write(f"  {username:<12} {what}")
        self.stdout.write("De code van stap 2 staat in de demo op het scherm.\n")
