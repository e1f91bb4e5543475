from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "krachtbron.audit"
    verbose_name = _("Toegangslog")

    def ready(self) -> None:
        from krachtbron.audit import checks  # noqa: F401 - registers the deployment check
        from krachtbron.lib.navigation import register_nav

        register_nav(
            "audit:access_log", _("Toegangslog"), {"beheerder"}, 85, privacy_officer_only=True
        )
        register_nav(
            "audit:admin_changes",
            _("Beheerwijzigingen"),
            {"beheerder"},
            87,
            privacy_officer_only=True,
        )
