"""The base classes of every form of Krachtbron.

``Form`` and ``ModelForm`` are Django's, plus the project's rules for what a form shows back:
the values a field repeats in its error message are isolated (``lib/echo.py``). A form built on
one of Django's own forms puts ``IsolatedEchoMixin`` first among its bases.
`krachtbron/testing/test_form_inputs.py` fails for a form that inherits none of them.
"""

from typing import TypeVar

from django import forms
from django.db.models import Model

from krachtbron.lib.echo import IsolatedEchoMixin

_M = TypeVar("_M", bound=Model)

__all__ = ["Form", "IsolatedEchoMixin", "ModelForm"]


class Form(IsolatedEchoMixin, forms.Form):
    """A form of Krachtbron (``django.forms.Form`` with the project's error rules)."""


class ModelForm(IsolatedEchoMixin, forms.ModelForm[_M]):
    """A model form of Krachtbron (``django.forms.ModelForm`` with the project's error rules)."""
