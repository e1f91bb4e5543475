from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "krachtbron.questionnaires"
    verbose_name = _("Vragenlijsten")

    def ready(self) -> None:
        from krachtbron.families.file_tabs import register_tab
        from krachtbron.lib.navigation import register_nav
        from krachtbron.questionnaires import copy_parts

        copy_parts.register()

        register_tab("questionnaires", _("Vragenlijsten"), "questionnaires:family", 40)
        register_nav("questionnaires:team", _("Vragenlijst team"), {"teamleider"}, 15)
