"""Queries the ORM compiles once per process, then runs with other values on every request.

Building a query costs Django more than running it: a lookup with ``select_related`` on a
small indexed table takes the database some microseconds and the ORM half a millisecond or more
to turn into SQL. For the queries that run on every request of a hot path (the family session's
gate, a member's rights, the portal home), ``Prepared`` lets the ORM build the query once, with
stand-in values, and then runs that SQL with the real values, turning the rows into what the
queryset gives: model instances exactly as the ORM makes them (its converters,
``Model.from_db``, the ``select_related`` objects), or tuples for ``values_list``. The query is
still written with the ORM; only the compiling is done once per shape (as
``questionnaires.fastpath`` does by hand for its subquery).

A value is an integer (an id) or a tuple of integers (ids for ``__in``): values the ORM passes
to the database unchanged. A tuple's length is part of the query's shape, so each length is
compiled once. Anything else in the query is fixed when it is built.
"""

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import signals
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators

Value = int | tuple[int, ...]
M = TypeVar("M", bound=models.Model)

#: Stand-ins for the values, found again among the compiled query's parameters (positive and
#: within a 32-bit integer: the ORM drops a lookup whose value is out of its field's range).
_FIRST_STAND_IN = 2_087_654_321


@dataclass(frozen=True)
class _Compiled:
    sql: str  # "" when the query can match nothing (an empty __in)
    params: tuple[Any, ...]
    slots: tuple[tuple[int, int] | None, ...]  # per parameter: (value, element) or None: fixed
    compiler: Any
    converters: dict[int, Any]
    model: Any  # None for values_list
    init_list: list[str]
    populators: list[Any]  # the select_related objects (no state of their own per row)
    start: int
    end: int


def _stand_ins(shape: tuple[int | None, ...]) -> tuple[list[Value], dict[int, tuple[int, int]]]:
    """Stand-in values of this shape, and where each stand-in integer belongs."""
    values: list[Value] = []
    where: dict[int, tuple[int, int]] = {}
    number = _FIRST_STAND_IN
    for index, length in enumerate(shape):
        if length is None:
            values.append(number)
            where[number] = (index, -1)
            number += 1
        else:
            values.append(tuple(range(number, number + length)))
            for element in range(length):
                where[number + element] = (index, element)
            number += length
    return values, where


class Prepared:
    """``Prepared(lambda pk, member_ids: Model.objects.filter(...))``.

    ``build`` gets stand-ins for the values (integers, or tuples of integers of the real
    lengths) and returns the queryset; ``rows(*values)`` runs it with the real ones. Compiled
    on first use, once per process, database and shape (the SQL differs per vendor)."""

    def __init__(self, build: Callable[..., "models.QuerySet[Any]"]) -> None:
        self._build = build
        self._compiled: dict[tuple[str, str, tuple[int | None, ...]], _Compiled] = {}
        self._lock = threading.Lock()

    def _compile(self, alias: str, shape: tuple[int | None, ...]) -> _Compiled:
        stand_ins, where = _stand_ins(shape)
        queryset = self._build(*stand_ins)
        compiler = queryset.query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return _Compiled("", (), (), compiler, {}, None, [], [], 0, 0)
        slots = tuple(where.get(p) if isinstance(p, int) else None for p in params)
        # A value may go unused (a part about the whole family needs no member ids), but one
        # that reaches the SQL changed, or written into it, would be run as the stand-in.
        changed = [p for p, slot in zip(params, slots, strict=True) if slot is None]
        if any(str(s) in sql or any(str(s) in str(p) for p in changed) for s in where):
            raise ValueError("A value of a prepared query must reach the SQL unchanged.")
        select, klass_info = compiler.select, compiler.klass_info
        converters = compiler.get_converters([column for column, _, _ in select])
        if queryset._iterable_class is ValuesListIterable:  # the columns as they are
            return _Compiled(sql, tuple(params), slots, compiler, converters, None, [], [], 0, 0)
        if queryset._iterable_class is not ModelIterable or compiler.has_extra_select:
            raise ValueError("A prepared query gives model instances or values_list() tuples.")
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        return _Compiled(
            sql=sql,
            params=tuple(params),
            slots=slots,
            compiler=compiler,
            converters=converters,
            model=klass_info["model"],
            init_list=[column[0].target.attname for column in select[start:end]],
            populators=get_related_populators(klass_info, select, alias),  # type: ignore[call-arg]
            start=start,
            end=end,
        )

    def rows(self, *values: Value, using: str = "default") -> list[Any]:
        """What the queryset gives for ``values``: model instances, or tuples for a
        ``values_list`` query."""
        shape = tuple(len(v) if isinstance(v, tuple) else None for v in values)
        connection = connections[using]
        key = (using, connection.vendor, shape)
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key) or self._compile(using, shape)
                self._compiled[key] = compiled
        if not compiled.sql:
            return []
        params = [
            fixed if slot is None else _element(values[slot[0]], slot[1])
            for slot, fixed in zip(compiled.slots, compiled.params, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            found: list[Any] = cursor.fetchall()
        if compiled.converters:
            found = list(compiled.compiler.apply_converters(found, compiled.converters))
        if compiled.model is None:
            return [tuple(row) for row in found]
        result = []
        for row in found:
            obj = compiled.model.from_db(
                using, compiled.init_list, row[compiled.start : compiled.end]
            )
            for populator in compiled.populators:
                populator.populate(row, obj)
            result.append(obj)
        return result

    def first(self, *values: Value, using: str = "default") -> Any:
        """The first of ``rows`` or None (put the order and the limit in the query)."""
        found = self.rows(*values, using=using)
        return found[0] if found else None


def _element(value: Value, element: int) -> int:
    if isinstance(value, tuple):
        return value[element]
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("A prepared query takes integers and tuples of integers.")
    return value


# --- Creating one row ----------------------------------------------------------------------------

_INSERTS: dict[tuple[type, str, str], tuple[str, list[Any]]] = {}


def _plain_save(model: type[models.Model]) -> bool:
    """Does ``save()`` of this model only write its one table, with nobody listening? The
    listeners are asked on every call (a receiver may connect at any time); the model's shape
    once per model and ``save``."""
    return _plain_table(model, model.save, model.save_base) and not any(
        signal.has_listeners(model) for signal in (signals.pre_save, signals.post_save)
    )


@functools.cache
def _plain_table(model: type[models.Model], save: Any, save_base: Any) -> bool:
    """Is ``save()`` Django's own (``save``, ``save_base``: the model's, as it has them now),
    writing one table whose only value the database makes is the id?"""
    meta = model._meta
    return (
        save is models.Model.save
        and save_base is models.Model.save_base
        and not meta.parents
        and meta.pk.attname in {f.attname for f in meta.local_concrete_fields}
        and getattr(meta.pk, "db_returning", False)
        and not any(
            getattr(f, "generated", False) or (f is not meta.pk and f.db_returning)
            for f in meta.local_concrete_fields
        )
    )


def insert(obj: M, using: str = "default") -> M:
    """Write the new ``obj`` as ``obj.save()`` does, with one INSERT compiled once per model and
    database: each field's ``pre_save`` (``auto_now_add``) and database preparation as the ORM
    applies them, the new id set on ``obj``. Returns ``obj``.

    The ORM spends longer building a model's INSERT than the database running it, inside the
    write transaction of a form POST. A model with its own ``save``, save signals, a parent
    model, or a value that is an expression (``F()``) takes the ORM's own path instead."""
    model = type(obj)
    connection = connections[using]
    meta = model._meta
    if not connection.features.can_return_columns_from_insert or not _plain_save(model):
        obj.save(force_insert=True, using=using)
        return obj
    key = (model, using, connection.vendor)
    compiled = _INSERTS.get(key)
    if compiled is None:
        fields = [f for f in meta.local_concrete_fields if f is not meta.pk]
        quote = connection.ops.quote_name
        sql = "INSERT INTO {} ({}) VALUES ({}) RETURNING {}".format(  # noqa: S608 - model names
            quote(meta.db_table),
            ", ".join(quote(str(f.column)) for f in fields),
            ", ".join(["%s"] * len(fields)),
            quote(str(meta.pk.column)),
        )
        compiled = _INSERTS[key] = (sql, fields)
    sql, fields = compiled
    # As save(): a related object that was never saved is refused.
    obj._prepare_related_fields_for_save(operation_name="save")  # type: ignore[attr-defined]
    values = [field.pre_save(obj, True) for field in fields]
    if getattr(obj, meta.pk.attname) is not None or any(
        hasattr(value, "resolve_expression") for value in values
    ):
        obj.save(force_insert=True, using=using)
        return obj
    params = [
        field.get_db_prep_save(v, connection) for field, v in zip(fields, values, strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (pk,) = cursor.fetchone()
    setattr(obj, meta.pk.attname, pk)
    obj._state.adding = False
    obj._state.db = using
    return obj
