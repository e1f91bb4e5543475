from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttentionConfig(AppConfig):
    """The rules of "Aandacht nodig" (rules.py), above every app they read (ADR 0012); they
    register into ``families.attention``, which the caseload and the team page read."""

    name = "krachtbron.attention"
    verbose_name = _("Aandacht nodig")

    def ready(self) -> None:
        from krachtbron.attention.rules import register

        register()
