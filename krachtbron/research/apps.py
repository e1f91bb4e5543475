from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "krachtbron.research"
    verbose_name = _("Onderzoek")

    def ready(self) -> None:
        from krachtbron.audit.changes import register_names
        from krachtbron.lib.navigation import register_nav
        from krachtbron.research import log_labels
        from krachtbron.research.models import ExportProject

        log_labels.register()  # the names of its codes in the access log
        register_nav("research:home", _("Onderzoek"), {"onderzoeker"}, 60)
        # The privacy officer's list of administrative changes names projects.
        register_names("export_project", lambda ids: _titles(ExportProject, ids))


def _titles(model: Any, ids: set[int]) -> dict[int, str]:
    return dict(model.objects.filter(pk__in=ids).values_list("pk", "title"))
