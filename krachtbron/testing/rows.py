"""What is in the database, to prove that a request changed nothing (or something).

`snapshot()` reads every table of the default database and keeps, per table, its row count, its
highest id and a checksum of all its rows, so an UPDATE shows as well as an INSERT or a DELETE.
Meant for the small databases of tests: it reads every row.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from django.apps import apps
from django.db import connection


@dataclass(frozen=True)
class Table:
    count: int
    checksum: str


def _plain(value: Any) -> str:
    # PostgreSQL gives binary columns as memoryview, whose repr holds an address.
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    if isinstance(value, datetime | date | Decimal):
        return value.isoformat() if not isinstance(value, Decimal) else str(value)
    return repr(value)


def snapshot() -> dict[str, Table]:
    """{table name: Table} for every table of the default database."""
    if connection.vendor == "postgresql":
        return _snapshot_in_postgresql()
    if connection.vendor == "sqlite":
        return _snapshot_in_sqlite()
    quote = connection.ops.quote_name
    tables: dict[str, Table] = {}
    with connection.cursor() as cursor:
        for name in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {quote(name)}")  # noqa: S608 (a table name we listed)
            rows = sorted("\x1f".join(_plain(value) for value in row) for row in cursor.fetchall())
            tables[name] = Table(len(rows), _digest(rows))
    return tables


def _digest(rows: list[str]) -> str:
    return hashlib.sha256("\x1e".join(rows).encode()).hexdigest()


def _snapshot_in_sqlite() -> dict[str, Table]:
    """The same with each row written out by SQLite itself (``quote()`` of every column: the
    value and its type, as ``repr`` does), in a few round trips; Python only sorts and hashes."""
    with connection.cursor() as cursor:
        names = tuple(sorted(connection.introspection.table_names(cursor)))
        rows: dict[str, list[str]] = {name: [] for name in names}
        for query in _sqlite_row_queries(names):
            cursor.execute(query)
            for name, row in cursor.fetchall():
                rows[name].append(row)
    return {name: Table(len(held), _digest(sorted(held))) for name, held in rows.items()}


@cache
def _sqlite_row_queries(names: tuple[str, ...]) -> list[str]:
    """SELECTs of (table name, the row as one text) for every row of these tables; at most 400
    tables in one (SQLite's limit is 500 terms of a compound SELECT). Made once per schema."""
    quote = connection.ops.quote_name
    parts = []
    with connection.cursor() as cursor:
        for name in names:
            columns = [
                column.name
                for column in connection.introspection.get_table_description(cursor, name)
            ]
            written = " || char(31) || ".join(f"quote({quote(column)})" for column in columns)
            parts.append(
                f"SELECT '{name}', {written} FROM {quote(name)}"  # noqa: S608 (names we listed)
            )
    return [" UNION ALL ".join(parts[i : i + 400]) for i in range(0, len(parts), 400)]


@dataclass(frozen=True)
class Change:
    before: int  # rows
    after: int

    def __str__(self) -> str:
        if self.before == self.after:
            return "rows changed"
        return f"{self.before} → {self.after} rows"


def changed_tables(before: dict[str, Table], after: dict[str, Table]) -> dict[str, Change]:
    """{table: Change} for every table whose rows differ (added, removed or updated)."""
    changed = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changed[name] = Change(old.count if old else 0, new.count if new else 0)
    return changed


def table_of(model_label: str) -> str:
    """The table of "app_label.Model"."""
    return str(apps.get_model(model_label)._meta.db_table)


def _snapshot_in_postgresql() -> dict[str, Table]:
    """The same in one round trip: PostgreSQL hashes each table's rows itself."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        parts = [
            f"SELECT %s, count(*), coalesce(md5(string_agg(md5(t::text), '' "  # noqa: S608
            f"ORDER BY md5(t::text))), '') FROM {quote(name)} t"
            for name in names
        ]
        cursor.execute(" UNION ALL ".join(parts), names)
        return {name: Table(count, digest) for name, count, digest in cursor.fetchall()}
