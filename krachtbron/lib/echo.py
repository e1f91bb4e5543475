"""Values a form repeats in its error messages are isolated like any typed text.

Django's choice fields say "Selecteer een geldige keuze. <what was sent> is geen beschikbare
keuze." (``invalid_choice``, and ``invalid_pk_value`` of a multiple model choice): the sent value
is shown back in the page without being stored, and a value with a right-to-left override
turned the rest of the message around (tester of issue 12, finding 5; SECURITY.md 13). Rather
than remember an ``error_messages`` override on every field, every form of Krachtbron inherits
``IsolatedEchoMixin`` (through ``lib.forms.Form`` or ``lib.forms.ModelForm``): each error the
form records goes through ``add_error``, which isolates the text parameters that repeat what
was sent (``value`` and ``pk``: ``lib/bidi.isolate``) before the message is put together.

`krachtbron/testing/test_form_inputs.py` checks that every form inherits it and sends overrides
to every field of every form.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from krachtbron.lib.bidi import isolate

#: The parameters in which Django's field messages repeat what was sent ("%(value)s",
#: "%(pk)s"); others (a date of a range, a length) are the app's own values.
ECHOED = frozenset({"value", "pk"})


def _isolated_one(error: ValidationError) -> ValidationError:
    params = error.params
    if isinstance(params, dict) and ECHOED.intersection(params):
        params = {
            k: isolate(v) if k in ECHOED and isinstance(v, str) else v for k, v in params.items()
        }
    return ValidationError(error.message, code=error.code, params=params)


def isolated(error: ValidationError) -> ValidationError:
    """``error`` with every echoed text parameter of its messages isolated (FSI…PDI); a single
    error stays single and a per-field one stays per field, so callers still read its ``code``."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {
                field: [_isolated_one(one) for one in errors]
                for field, errors in error.error_dict.items()
            }
        )
    if hasattr(error, "message"):
        return _isolated_one(error)
    return ValidationError([_isolated_one(one) for one in error.error_list])


class IsolatedEchoMixin(forms.BaseForm):
    """Isolates the echoed values of every error the form records (``add_error`` is the one
    door: field cleaning, ``clean_<field>``, ``clean()`` and a model form's own checks all
    go through it). Put it first among the bases of a form built on one of Django's own
    (``class LoginForm(IsolatedEchoMixin, AuthenticationForm)``); other forms inherit it from
    ``lib.forms.Form`` / ``lib.forms.ModelForm``."""

    def add_error(self, field: str | None, error: Any) -> None:
        """Django's ``add_error`` (``error``: whatever it takes) with the echoed values
        isolated."""
        if not isinstance(error, ValidationError):
            error = ValidationError(error)  # as Django does first, so the params can be read
        super().add_error(field, isolated(error))
