"""The base classes of every form of Krachtbron.

``Form`` and ``ModelForm`` are Django's, plus the project's rules for what a form says back
(``FormRulesMixin``): every field answers bad input with the project's own message, never
Django's stock text (``lib/form_messages.py``), and the values a message repeats are isolated
(``lib/echo.py``). A form built on one of Django's own forms puts ``FormRulesMixin`` first among
its bases; a formset builds on ``FormSet``.
`krachtbron/testing/test_form_inputs.py` fails for a form that inherits none of them.
"""

from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model

from krachtbron.lib.echo import IsolatedEchoMixin
from krachtbron.lib.form_messages import FORMSET_MESSAGES, use_own_messages, with_own_messages

_M = TypeVar("_M", bound=Model)

__all__ = ["Form", "FormRulesMixin", "FormSet", "IsolatedEchoMixin", "ModelForm"]


class FormRulesMixin(IsolatedEchoMixin):
    """The project's rules for a form's errors. Before cleaning, every field gets the project's
    message for each error code its author left to Django (``use_own_messages``: at cleaning
    time, so fields a form adds or changes in its ``__init__`` are covered too); every error
    recorded goes through ``add_error`` with its echoed values isolated."""

    def full_clean(self) -> None:
        """Django's ``full_clean`` after giving every field the project's messages."""
        for field in self.fields.values():
            use_own_messages(field)
        super().full_clean()

    def add_error(self, field: str | None, error: Any) -> None:
        """``add_error`` with a message Django raised in its own words (outside the field's
        ``error_messages``) replaced by the field's own for that code."""
        if isinstance(error, ValidationError) and field in self.fields:
            error = with_own_messages(error, self.fields[field])
        super().add_error(field, error)


class Form(FormRulesMixin, forms.Form):
    """A form of Krachtbron (``django.forms.Form`` with the project's error rules)."""


class ModelForm(FormRulesMixin, forms.ModelForm[_M]):
    """A model form of Krachtbron (``django.forms.ModelForm`` with the project's error rules)."""


class FormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """A formset of Krachtbron: ``formset_factory(SomeForm, formset=FormSet)``; its own errors
    (a missing management form, too many or too few forms) in the project's words."""

    default_error_messages = FORMSET_MESSAGES
