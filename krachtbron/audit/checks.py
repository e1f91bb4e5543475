"""A deployment check: on PostgreSQL, does the application run as a role that can change the log?

    manage.py check --deploy --database default

Warns (krachtbron.audit.W001) when the connected role may do more than read and add to the
access log or its seals (UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER; by any path, see
``roles.rights_beyond_append``) — the owner can, so this catches serving with the owner's
DATABASE_URL.
"""

from collections.abc import Iterable
from typing import Any

from django.core.checks import CheckMessage, Tags, Warning, register
from django.db import connections

from krachtbron.audit.roles import rights_beyond_append


@register(Tags.security, Tags.database, deploy=True)
def application_role_cannot_change_the_log(
    app_configs: Any, databases: Iterable[str] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    for alias in databases or ():
        if connections[alias].vendor != "postgresql":
            continue
        if rights_beyond_append(using=alias):
            messages.append(
                Warning(
                    "The database role in use may change or remove access-log rows.",
                    hint="Serve with the application role set up by `manage.py grant_app_role` "
                    "(README, Production); the owner role is for migrate and purges only.",
                    id="krachtbron.audit.W001",
                )
            )
    return messages
