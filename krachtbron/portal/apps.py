from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "krachtbron.portal"
    verbose_name = _("Mijn Krachtbron")

    def ready(self) -> None:
        from krachtbron.families.file_tabs import register_tab
        from krachtbron.portal import copy_parts

        copy_parts.register()
        register_tab("portal", _("Mijn Krachtbron"), "portal:family", 45)
