"""Writing access-log rows. Called explicitly by actions and views, never by signals.

Every row names an ``Actor`` (``krachtbron.audit.actors``). Callers pass one, or a signed-in
staff ``User`` (``request.user``), which ``Actor.of`` turns into a staff actor: that is the only
conversion. The rows are sealed into the chain right after the transaction commits
(``krachtbron.audit.sealing``).
"""

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection, models, transaction
from django.utils import timezone

from krachtbron.audit.actors import Actor
from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessResult
from krachtbron.audit.sealing import seal_after_commit

#: Who acted: an Actor, or a signed-in staff User as views have it (``request.user``).
Who = Actor | AbstractBaseUser | AnonymousUser


class FamilyLike(Protocol):
    @property
    def pk(self) -> Any: ...

    @property
    def reference(self) -> str: ...


@dataclass(frozen=True)
class FamilyRef:
    """A family as the log needs it (id and dossier number), when no Family is at hand."""

    pk: int
    reference: str = ""


def _row(
    who: Actor,
    family: FamilyLike | None,
    kind: AccessKind,
    obj: Any,
    object_type: str,
    object_id: int | None,
    result: AccessResult,
    extra: dict[str, Any] | None,
) -> dict[str, Any]:
    """One row's column values (by attribute name), without ``id`` and ``at``."""
    target = obj if obj is not None else family
    if object_id is None and target is not None:
        object_id = target.pk
    return {
        **who.row_fields(),
        "family_id": family.pk if family is not None else None,
        "family_reference": family.reference if family is not None else "",
        "kind": str(kind),  # plain codes: the list INSERT passes values to the driver as they are
        "object_type": object_type or (type(target).__name__.lower() if target is not None else ""),
        "object_id": object_id,
        "result": str(result),
        "extra": extra or {},
    }


def _insert_sql(columns: list[str], returning: bool = False) -> str:
    """The INSERT for these columns, built once per column list and database (every page view
    writes a row; joining the quoted names each time showed up in its profile)."""
    return _built_insert_sql(tuple(columns), returning, connection.vendor)


@functools.cache
def _built_insert_sql(columns: tuple[str, ...], returning: bool, vendor: str) -> str:
    meta = AccessLogEntry._meta
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the model
        meta.db_table,
        ", ".join(connection.ops.quote_name(name) for name in columns),
        ", ".join(["%s"] * len(columns)),
    )
    return sql + " RETURNING id" if returning else sql


def _params(rows: list[dict[str, Any]], at: Any) -> tuple[list[str], list[list[Any]]]:
    """The columns and each row's values as the driver takes them. Attribute names are the
    column names here; only two values need preparing: ``at`` (always an aware
    ``timezone.now()``, so the database's own adaptation is all the field would do) and the
    JSON of ``extra`` (the field's)."""
    columns = ["at", *rows[0]]
    at = connection.ops.adapt_datetimefield_value(at)
    extra = _field("extra")
    params = [
        [
            at
            if name == "at"
            else extra.get_db_prep_save(row[name], connection)
            if name == "extra"
            else row[name]
            for name in columns
        ]
        for row in rows
    ]
    return columns, params


def _insert_many(rows: list[dict[str, Any]]) -> None:
    """All rows in one prepared INSERT. A list page writes one row per family it shows, on
    every view: Django's bulk_create prepares each value through the whole field machinery,
    which cost more than the page's own queries."""
    columns, params = _params(rows, timezone.now())
    # One transaction (a savepoint inside the caller's): in autocommit, every row of an
    # executemany would otherwise be a commit of its own.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(_insert_sql(columns), params)


def _insert_one(row: dict[str, Any]) -> AccessLogEntry:
    """One row in one plain INSERT that returns its id, as ``_insert_many`` does for many:
    every page view and change writes one, and ``Model.save`` spent more time preparing the
    statement than the database spent on it (inside the caller's write transaction, which on
    SQLite holds the one write lock meanwhile). Returns the row as saved."""
    at = timezone.now()
    columns, params = _params([row], at)
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(columns, returning=True), params[0])
        found = cursor.fetchone()
    entry = AccessLogEntry(id=found[0], at=at, **row)
    entry._state.adding = False
    entry._state.db = connection.alias
    return entry


@functools.cache
def _field(name: str) -> "models.Field[Any, Any]":
    field = AccessLogEntry._meta.get_field(name)
    assert isinstance(field, models.Field)  # noqa: S101 - a column of the model
    return field


def log_access(
    actor: Who,
    family: FamilyLike | None,
    kind: AccessKind,
    obj: Any = None,
    *,
    object_type: str = "",
    object_id: int | None = None,
    result: AccessResult = AccessResult.OK,
    extra: dict[str, Any] | None = None,
) -> AccessLogEntry:
    """Write one row. Call it inside the transaction of the read or change it records.

    ``actor``: an ``Actor`` or a signed-in staff ``User`` (TypeError otherwise: an anonymous
    visitor is never an actor). ``family``: the family file (anything with ``pk`` and
    ``reference``), or None for a row about no family (an administrative change). ``obj``: the
    object read or changed (its model name and pk are stored), else the family;
    ``object_type``/``object_id`` override them. ``extra``: a small JSON dict, no names.

    If the row cannot be written this raises, so the caller shows or changes nothing.
    """
    row = _insert_one(
        _row(Actor.of(actor), family, kind, obj, object_type, object_id, result, extra)
    )
    seal_after_commit()
    return row


def log_access_many(
    actor: Who,
    families: Iterable[FamilyLike],
    kind: AccessKind,
    *,
    object_type: str,
    object_id: int | None = None,
    extra: dict[str, Any] | None = None,
) -> int:
    """One row per family, in one INSERT (a list page, an export); returns how many. Same
    rules as ``log_access``."""
    who = Actor.of(actor)
    rows = [
        _row(who, family, kind, None, object_type, object_id, AccessResult.OK, extra)
        for family in families
    ]
    if rows:
        _insert_many(rows)
        seal_after_commit()
    return len(rows)


#: The most families one list row names (a page of a list is shorter).
LIST_LIMIT = 200


def log_access_list(
    actor: Who,
    families: Iterable[FamilyLike],
    *,
    object_type: str,
    extra: dict[str, Any] | None = None,
) -> AccessLogEntry:
    """One READ row for a list page that shows families (the caseload, a team's page).

    The row names every family shown, by id, in ``extra["families"]`` (sorted, no names), so
    each of those families finds it in "Wie keek mee" (``rows_about_family``). One row per page
    view, not one per family: the caseload is the page advisers open most, and 25 rows per
    view would multiply the log's size and make the page clearly slower (ADR 8). A page that
    shows no family still writes its row (``"families": []``): a search that found nobody is a
    look too, and the privacy officer sees that it was made (never what was searched).
    """
    ids = sorted({int(family.pk) for family in families})
    if len(ids) > LIST_LIMIT:
        raise ValueError(f"A list row names at most {LIST_LIMIT} families.")
    return log_access(
        actor,
        None,
        AccessKind.READ,
        object_type=object_type,
        extra={**(extra or {}), "families": ids},
    )


#: Stored instead of old and new value when the value itself is personal data (a name, an
#: e-mail address): the row records that the field changed, never what it says.
CHANGED = "changed"


def log_admin_change(
    user: Who | None,
    obj: Any,
    changes: Mapping[str, Any],
    *,
    object_type: str,
    kind: AccessKind = AccessKind.CHANGE,
    family: FamilyLike | None = None,
) -> AccessLogEntry:
    """Write one access-log row for an administrative change (SECURITY.md 18).

    ``user`` made the change: a staff user or an ``Actor`` (``None``: a management command,
    logged as ``Actor.system("command")``; a scheduled purge passes its own); ``obj`` is what
    changed (its ``pk`` is stored; for a right, the user who holds it); ``object_type`` one of
    ``labels.ADMIN_LABELS`` (``ValueError`` otherwise). ``changes`` maps a field to
    ``[old, new]`` (``None`` for "none"), or to ``CHANGED`` for a value that is personal data.
    Values must be codes, ids, numbers, booleans or dates (stored as ISO text), never names.
    ``family`` is set only for a decision about one family file (retention). Call it inside the
    transaction of the change: if the row cannot be written, the change is rolled back.
    """
    from krachtbron.audit.labels import ADMIN_LABELS

    if object_type not in ADMIN_LABELS:
        raise ValueError(f"Unknown administrative object type {object_type!r}")
    extra = {
        field: value if value == CHANGED else [_plain(value[0]), _plain(value[1])]
        for field, value in changes.items()
    }
    actor = user if user is not None else Actor.system("command")
    return log_access(actor, family, kind, obj, object_type=object_type, extra=extra)


def _plain(value: Any) -> Any:
    """A JSON value for the log: an object becomes its id, a date ISO text, a set a sorted list."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, set | frozenset | list | tuple):
        return sorted(_plain(item) for item in value)
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, str):
        return str(value)  # a TextChoices member becomes its plain code
    return value
