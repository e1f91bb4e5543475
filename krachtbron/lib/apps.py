from django.apps import AppConfig


class LibConfig(AppConfig):
    """Shared plumbing; an app so that its `runserver` replaces Django's (listed first), and for
    two small tables of its own: form keys and kept form input (models.py). Its ``ready()`` adds
    what Django's locale data lacks (``settings.EXTRA_LANG_INFO``: Tigrinya, and the chooser's
    own spelling of a few names) to ``django.conf.locale.LANG_INFO``, so ``get_language_info``
    and ``get_language_bidi`` know them."""

    name = "krachtbron.lib"
    label = "krachtbron_lib"
    verbose_name = "Krachtbron lib"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings
        from django.conf.locale import LANG_INFO

        for code, info in getattr(settings, "EXTRA_LANG_INFO", {}).items():
            LANG_INFO[code] = {**LANG_INFO.get(code, {}), **info}
