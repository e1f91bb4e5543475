from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReflectionConfig(AppConfig):
    name = "krachtbron.reflection"
    verbose_name = _("Reflectie en inzicht")

    def ready(self) -> None:
        from krachtbron.audit.changes import register_names
        from krachtbron.instruments.ids import ORGANISATION, PROFESSIONALS
        from krachtbron.lib.navigation import register_nav
        from krachtbron.reflection.models import ExportProject, PeriodKind, ReflectionRound
        from krachtbron.reflection.sources import (
            organisation_source,
            professionals_source,
            register_source,
        )

        # The instruments whose answers this app stores (group figures look them up).
        register_source(PROFESSIONALS, "reflection", professionals_source)
        register_source(ORGANISATION, "reflection", organisation_source, period=PeriodKind.ROUND)

        register_nav("reflection:home", _("Reflectie"), {"adviseur", "teamleider", "beheerder"}, 30)
        register_nav("reflection:dashboard", _("Dashboard"), {"teamleider", "beheerder"}, 40)
        register_nav("reflection:research", _("Onderzoek"), {"onderzoeker"}, 60)
        # The privacy officer's list of administrative changes names rounds and projects.
        register_names("reflection_round", lambda ids: _titles(ReflectionRound, ids))
        register_names("export_project", lambda ids: _titles(ExportProject, ids))


def _titles(model: Any, ids: set[int]) -> dict[int, str]:
    return dict(model.objects.filter(pk__in=ids).values_list("pk", "title"))
