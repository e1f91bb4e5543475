"""Typed access to a bound form's fields, for forms that narrow a field in ``__init__``.

``Form.fields`` maps names to plain ``Field``s, so setting a field's ``queryset`` or ``choices``
there does not type-check. These return the field as the kind it is declared as, and refuse
(``TypeError``, a programming error) when it is not.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from krachtbron.lib.lookup import pk_or_none


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field ``name``, which must be a ``ChoiceField`` (to set its ``choices``)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a ChoiceField")
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> "forms.ModelChoiceField[Any]":
    """The form's field ``name``, which must be a ``ModelChoiceField`` (to set its
    ``queryset``, ``empty_label`` or ``label_from_instance``)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a ModelChoiceField")
    return field


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Django's multiple model choice, refusing a sent value that is no key at all (text, 0, a
    number larger than a bigint: ``lib.lookup.pk_or_none``) before it goes near the database.
    Django's own sends a number over 2**63 into the query: an ``OverflowError`` on SQLite, a 500
    instead of the field's message."""

    def clean(self, value: Any) -> Any:
        """Django's ``clean``, after refusing a sent value that is no key."""
        if not self.to_field_name and isinstance(value, list | tuple):
            for one in value:
                if pk_or_none(one) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": one},
                    )
        return super().clean(value)
