"""Writing access-log rows. Called explicitly by actions and views, never by signals."""

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
