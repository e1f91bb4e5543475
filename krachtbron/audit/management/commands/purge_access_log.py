"""Remove access-log rows older than ACCESS_LOG_RETENTION_YEARS and re-anchor the chain.

Run it as the database owner (it needs DELETE on the log, which the application role lacks),
e.g. yearly or monthly. It refuses when the chain does not verify, and logs itself.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import ngettext

from krachtbron.audit.retention import NotTheOwner, PurgeRefused, purge_access_log


class Command(BaseCommand):
    help = "Verwijder toegangslogregels ouder dan de bewaartermijn en zet een nieuw anker."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = purge_access_log()
        except PurgeRefused as refused:
            raise CommandError(
                f"Niets verwijderd: de zegelketen is gebroken. {refused} "
                "Zoek dit eerst uit (verify_access_log)."
            ) from None
        except NotTheOwner:
            raise CommandError(
                "Niets verwijderd: deze databaserol mag geen regels van de toegangslog "
                "verwijderen. Draai dit als de eigenaar van de database, niet als de applicatierol."
            ) from None
        except DatabaseError as error:
            raise CommandError(
                "Niets verwijderd: de database weigerde (draai dit als de eigenaar van de "
                f"database, niet als de applicatierol). {type(error).__name__}"
            ) from None
        years = settings.ACCESS_LOG_RETENTION_YEARS
        if result.anchor is None:
            self.stdout.write(f"Geen regels ouder dan {years} jaar: niets verwijderd.")
        else:
            self.stdout.write(
                ngettext(
                    "%(n)d regel van voor %(day)s verwijderd; nieuw anker: zegel %(anchor)s.",
                    "%(n)d regels van voor %(day)s verwijderd; nieuw anker: zegel %(anchor)s.",
                    result.entries,
                )
                % {"n": result.entries, "day": f"{result.cutoff:%Y-%m-%d}", "anchor": result.anchor}
            )
