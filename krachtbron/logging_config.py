"""Django's ``LOGGING`` for Krachtbron (``settings.LOGGING = logging_settings(level)``).

Logs carry no personal data: only ids, kinds and outcomes. A logged path holds no link token:
a refused CSRF check, a server error and the request line of the development server name the
path, and every handler filters it (``krachtbron/lib/log_filters.py``).
"""

from typing import Any


def logging_settings(level: str) -> dict[str, Any]:
    """The ``LOGGING`` dict, the root logger at ``level`` ("DEBUG" … "CRITICAL")."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            # Django's own format for the development server's request lines (runserver).
            "django.server": {
                "()": "django.utils.log.ServerFormatter",
                "format": "[{server_time}] {message}",
                "style": "{",
            },
        },
        # A logged path holds no link token: a refused CSRF check, a server error and the request
        # line of the development server name the path (krachtbron/lib/log_filters.py).
        "filters": {"no_link_tokens": {"()": "krachtbron.lib.log_filters.NoLinkTokens"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "filters": ["no_link_tokens"],
            },
            "django.server": {
                "class": "logging.StreamHandler",
                "formatter": "django.server",
                "filters": ["no_link_tokens"],
            },
        },
        "root": {
            "handlers": ["console"],
            "level": level,
        },
        "loggers": {
            # Django's request logger prints paths and bodies of errors; keep it to errors.
            "django.request": {"level": "ERROR"},
            "django.security.DisallowedHost": {"handlers": [], "propagate": False},
            "axes": {"level": "WARNING"},
            # As Django's default, with the filter on its handler.
            "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        },
    }
