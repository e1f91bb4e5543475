"""Build the kennisbank search index now (it also builds itself at the first search)."""

from typing import Any

from django.core.management.base import BaseCommand

from krachtbron.knowledge import search


class Command(BaseCommand):
    help = "Bouw de zoekindex van de kennisbank opnieuw op uit de inhoudsbestanden."

    def handle(self, *args: Any, **options: Any) -> None:
        count = search.build_index()
        self.stdout.write(self.style.SUCCESS(f"Zoekindex gebouwd: {count} pagina's en kaarten."))
