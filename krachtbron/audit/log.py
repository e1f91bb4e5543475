"""Writing access-log rows. Called explicitly by actions and views, never by signals."""

from collections.abc import Mapping
from datetime import date
from typing import Any, Protocol

from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessResult


class FamilyLike(Protocol):
    pk: Any
    reference: str


def log_access(
    user: Any,
    family: FamilyLike | None,
    kind: AccessKind,
    obj: Any = None,
    *,
    object_type: str = "",
    result: AccessResult = AccessResult.OK,
    extra: dict[str, Any] | None = None,
) -> AccessLogEntry:
    """Write one row. Call it inside the transaction of the read or change it records.

    If the row cannot be written this raises, so the caller shows or changes nothing.
    """
    target = obj if obj is not None else family
    return AccessLogEntry.objects.create(
        actor=user if getattr(user, "pk", None) else None,
        actor_role=getattr(user, "role", "") or "",
        family_id=family.pk if family is not None else None,
        family_reference=family.reference if family is not None else "",
        kind=kind,
        object_type=object_type or (type(target).__name__.lower() if target is not None else ""),
        object_id=getattr(target, "pk", None),
        result=result,
        extra=extra or {},
    )


#: Stored instead of old and new value when the value itself is personal data (a name, an
#: e-mail address): the row records that the field changed, never what it says.
CHANGED = "changed"


def log_admin_change(
    user: Any,
    obj: Any,
    changes: Mapping[str, Any],
    *,
    object_type: str,
    kind: AccessKind = AccessKind.CHANGE,
    family: FamilyLike | None = None,
) -> AccessLogEntry:
    """Write one access-log row for an administrative change (SECURITY.md 18).

    ``user`` made the change (``None``: the system or a management command); ``obj`` is what
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
    return log_access(user, family, kind, obj, object_type=object_type, extra=extra)


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
