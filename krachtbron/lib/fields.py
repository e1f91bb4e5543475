"""Typed access to a bound form's fields, for forms that narrow a field in ``__init__``.

``Form.fields`` maps names to plain ``Field``s, so setting a field's ``queryset`` or ``choices``
there does not type-check. These return the field as the kind it is declared as, and refuse
(``TypeError``, a programming error) when it is not.
"""

from typing import Any

from django import forms


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
