from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrengthsConfig(AppConfig):
    name = "krachtbron.strengths"
    verbose_name = _("Krachten en doelen")

    def ready(self) -> None:
        from krachtbron.families.file_tabs import register_tab
        from krachtbron.strengths import copy_parts

        register_tab("strengths", _("Krachten"), "strengths:profile", 20)
        register_tab("goals", _("Eerste vraag en doelen"), "strengths:goals", 25)
        register_tab("plan", _("Krachtenplan"), "strengths:plan", 60)
        copy_parts.register()
