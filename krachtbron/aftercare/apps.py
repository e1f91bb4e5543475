from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AftercareConfig(AppConfig):
    name = "krachtbron.aftercare"
    verbose_name = _("Afsluiten en nazorg")

    def ready(self) -> None:
        from krachtbron.aftercare import copy_parts, log_labels, panels, sources
        from krachtbron.aftercare.actions import portal_access
        from krachtbron.families.closing import register_access_end
        from krachtbron.families.file_tabs import register_panel
        from krachtbron.lib.navigation import register_nav

        log_labels.register()  # the names of its codes in the access log
        copy_parts.register()  # closures and check-ins in the family's copy of its file
        # The file's overview shows "Hulp afsluiten", or the closure and its follow-up.
        register_panel("overview", panels.closing_panel)
        # The check-ins' group figures: insight publishes them per team and closed quarter.
        sources.register()
        # When Mijn Krachtbron ends after closing, the family's shares end with it.
        register_access_end(lambda family, day: portal_access(family, day).ended)
        register_nav("aftercare:requests", _("Nazorg"), {"adviseur", "teamleider"}, 25)
