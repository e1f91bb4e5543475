"""Optimistic locking: a save only lands when nobody changed the row since it was read.

Two halves of one write path (docs/adr/0011): `save_versioned` in the action, `save_form` in
the view that binds an edit form with a hidden `version`.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.db import models
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StaleEditError(Exception):
    """Someone else saved this item first; the caller shows a message and keeps the input."""

    message = _(
        "Iemand anders heeft dit net gewijzigd. Jouw invoer staat hieronder nog. "
        "Bekijk de nieuwste versie en sla opnieuw op."
    )


def save_versioned(instance: models.Model, expected_version: int, **changes: Any) -> None:
    """Set `changes` on `instance` and save them with UPDATE ... WHERE version = expected.

    Only the named fields (plus `updated_at` when the model has one) are written, and the
    version goes up by one. Raises StaleEditError when no row matched: someone saved first, or
    the row is gone; the database is then unchanged (the instance keeps the new values, so
    call this inside the action's transaction and let the error end it).
    """
    for name, value in changes.items():
        setattr(instance, name, value)
    values: dict[str, Any] = {name: getattr(instance, name) for name in changes}
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


def _without_version(form: forms.Form) -> dict[str, Any]:
    return {name: value for name, value in form.cleaned_data.items() if name != "version"}


def save_form(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[..., object],
    changes: Callable[[Any], Mapping[str, Any]] = _without_version,
) -> bool:
    """The view's half of an edit: on a POST, validate, then `save(version, **changes(form))`.

    `save` is the action with its leading arguments bound, e.g.
    `partial(actions.update_goal, request.user, goal)`. Returns True when the change landed (the
    view then shows its message and redirects). Returns False for a GET, an invalid form and a
    stale save: the form then carries StaleEditError.message and the user's input, and nothing
    was written. Only a POST saves: a GET can bind the form too, with what someone typed before
    their session ended (`lib.kept_forms`), and that must wait until they press save.
    """
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.cleaned_data["version"], **changes(form))
    except StaleEditError:
        form.add_error(None, StaleEditError.message)
        return False
    return True
