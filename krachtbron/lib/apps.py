from django.apps import AppConfig


class LibConfig(AppConfig):
    """Shared plumbing; an app only so that its `runserver` replaces Django's (listed first)."""

    name = "krachtbron.lib"
    label = "krachtbron_lib"
    verbose_name = "Krachtbron lib"
