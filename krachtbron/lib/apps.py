from django.apps import AppConfig


class LibConfig(AppConfig):
    """Shared plumbing; an app so that its `runserver` replaces Django's (listed first), and for
    two small tables of its own: form keys and kept form input (models.py)."""

    name = "krachtbron.lib"
    label = "krachtbron_lib"
    verbose_name = "Krachtbron lib"
    default_auto_field = "django.db.models.BigAutoField"
