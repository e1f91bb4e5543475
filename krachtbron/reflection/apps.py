from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReflectionConfig(AppConfig):
    name = "krachtbron.reflection"
    verbose_name = _("Reflectie en inzicht")

    def ready(self) -> None:
        from krachtbron.lib.navigation import register_nav

        register_nav("reflection:home", _("Reflectie"), {"adviseur", "teamleider", "beheerder"}, 30)
        register_nav("reflection:dashboard", _("Dashboard"), {"teamleider", "beheerder"}, 40)
        register_nav("reflection:research", _("Onderzoek"), {"onderzoeker"}, 60)
