"""Optimistic locking: a save only lands when nobody changed the row since it was read."""

from typing import Any

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StaleEditError(Exception):
    """Someone else saved this item first; the caller shows a message and keeps the input."""

    message = _(
        "Iemand anders heeft dit net gewijzigd. Jouw invoer staat hieronder nog. "
        "Bekijk de nieuwste versie en sla opnieuw op."
    )


def save_versioned(instance: models.Model, fields: list[str], expected_version: int) -> None:
    """UPDATE ... WHERE version = expected; raise StaleEditError when no row matched."""
    values: dict[str, Any] = {name: getattr(instance, name) for name in fields}
    if any(f.name == "updated_at" for f in instance._meta.get_fields()):
        values["updated_at"] = timezone.now()
    updated = (
        type(instance)
        ._default_manager.filter(pk=instance.pk, version=expected_version)
        .update(version=F("version") + 1, **values)
    )
    if updated != 1:
        raise StaleEditError
    instance.version = expected_version + 1  # type: ignore[attr-defined]
