from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "krachtbron.knowledge"
    verbose_name = _("Kennisbank")

    def ready(self) -> None:
        from krachtbron.families.file_tabs import register_tab
        from krachtbron.knowledge import copy_parts, loader, log_labels
        from krachtbron.lib.navigation import register_nav

        log_labels.register()  # the names of its codes in the access log
        # Parse, validate and render every content file now: a broken file stops start-up
        # with a ContentError naming the file, instead of failing on some later request.
        loader.load()
        # The kennisbank holds no personal data: every staff role may read it.
        register_nav(
            "knowledge:index",
            _("Kennisbank"),
            {"adviseur", "teamleider", "beheerder", "onderzoeker"},
            50,
        )
        register_nav("knowledge:plans", _("Gesprekken"), {"adviseur", "teamleider"}, 55)
        register_tab("conversations", _("Gesprekken"), "knowledge:family_plans", 70)
        copy_parts.register()
