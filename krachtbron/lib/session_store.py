"""Django's database sessions, with the read that every request makes as one plain SELECT.

Loading a session is the most frequent query of the application (every page, every autosave of
the family questionnaire). The ORM spends more time building that one query than the database
spends answering it, so ``load`` runs it as plain SQL. Everything else (saving, cycling keys,
flushing on logout or deactivation, ``clearsessions``) is Django's own database backend,
so a session stays revocable server-side. Tested on SQLite and PostgreSQL like the rest.
"""

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        model = self.model
        connection = connections[router.db_for_read(model)]
        table = connection.ops.quote_name(model._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {table} "  # noqa: S608 - the model's own table
                "WHERE session_key = %s AND expire_date > %s",
                [self.session_key, now],
            )
            row = cursor.fetchone()
        if row is None:
            # Unknown or expired: as Django's backend does, start over with a new key on save.
            self._session_key = None
            return {}
        data: dict[str, Any] = self.decode(row[0])
        return data
