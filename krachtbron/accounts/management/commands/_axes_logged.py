"""django-axes's reset commands as logged administrative changes (SECURITY.md 18).

Lifting a sign-in lockout, or clearing axes's own records of sign-ins, changes who can try to
sign in: like ``changepassword`` it belongs in the access log. Each command in this folder named
after one of axes's (``axes_reset``, ``axes_reset_username``, …) runs axes's own command
unchanged and, in the same transaction, writes one row with the system as actor: how many rows of
each axes table there were before and after (counts only: no username or address enters the log).
Apps listed earlier in ``INSTALLED_APPS`` win a command name, and ``accounts`` comes before
``axes``.
"""

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management.base import BaseCommand
from django.db import transaction

from krachtbron.audit.log import log_admin_change

#: The axes tables a reset can empty, by the field name the log row uses for them.
TABLES = {"attempts": AccessAttempt, "access_logs": AccessLog, "failure_logs": AccessFailureLog}


def counts() -> dict[str, int]:
    """Rows per axes table: ``{"attempts": int, "access_logs": int, "failure_logs": int}``."""
    return {field: model.objects.count() for field, model in TABLES.items()}


def logged(axes_command: type[BaseCommand]) -> type[BaseCommand]:
    """``axes_command`` as a subclass whose ``handle`` also writes the administrative row."""

    class Command(axes_command):  # type: ignore[misc, valid-type]  # axes has no type hints
        def handle(self, *args: Any, **options: Any) -> None:
            with transaction.atomic():
                before = counts()
                super().handle(*args, **options)
                after = counts()
                changes = {f: [before[f], after[f]] for f in TABLES if before[f] != after[f]}
                log_admin_change(None, None, changes, object_type="sign_in_lockouts")

    Command.__doc__ = axes_command.__doc__
    return Command
