from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReflectionConfig(AppConfig):
    name = "krachtbron.reflection"
    verbose_name = _("Reflectie")

    def ready(self) -> None:
        from krachtbron.audit.changes import register_names
        from krachtbron.instruments.ids import ORGANISATION, PROFESSIONALS
        from krachtbron.lib.answer_sources import PeriodKind, register_source
        from krachtbron.lib.navigation import register_nav
        from krachtbron.reflection.models import ReflectionRound
        from krachtbron.reflection.sources import organisation_source, professionals_source

        # The instruments whose answers this app stores (group figures look them up).
        register_source(
            PROFESSIONALS,
            "reflection",
            professionals_source,
            label=_("Professionals: De kracht van professionals"),
            voice=_("Professionals over zichzelf"),
        )
        register_source(
            ORGANISATION,
            "reflection",
            organisation_source,
            period=PeriodKind.ROUND,
            label=_("Organisatie: De kracht van de organisatie"),
            voice=_("Professionals over de organisatie"),
        )

        register_nav("reflection:home", _("Reflectie"), {"adviseur", "teamleider", "beheerder"}, 30)
        # The privacy officer's list of administrative changes names rounds.
        register_names("reflection_round", lambda ids: _titles(ReflectionRound, ids))


def _titles(model: Any, ids: set[int]) -> dict[int, str]:
    return dict(model.objects.filter(pk__in=ids).values_list("pk", "title"))
