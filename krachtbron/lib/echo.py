"""Values a form field repeats in its error message are isolated like any typed text.

Django's choice fields say "Selecteer een geldige keuze. <what was sent> is geen beschikbare
keuze." (``invalid_choice``, and ``invalid_pk_value`` of a multiple model choice): the sent value
is shown back in the page without being stored, and a value with a right-to-left override
turned the rest of the message around (tester of issue 12, finding 5; SECURITY.md 13). Rather
than remember an ``error_messages`` override on every field, every form field's ``clean``
(Django's own classes that define one) isolates the text parameters of the errors it raises
(``value`` and ``pk``, the sent value: ``lib/bidi.isolate``).
``install()`` runs once, from the lib app's ``ready()``, and works for
fields made before it as well (the method is replaced on the class).

`krachtbron/testing/test_form_inputs.py` sends overrides to every field of every form.
"""

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from krachtbron.lib.bidi import isolate

_MARK = "_krachtbron_isolates_echo"


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
    error stays single, so callers still read its ``code``."""
    if hasattr(error, "error_dict"):
        return error
    if hasattr(error, "message"):
        return _isolated_one(error)
    return ValidationError([_isolated_one(one) for one in error.error_list])


def _wrapped(clean: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(clean)
    def isolating_clean(self: forms.Field, *args: Any, **kwargs: Any) -> Any:
        try:
            return clean(self, *args, **kwargs)
        except ValidationError as error:
            raise isolated(error) from None

    setattr(isolating_clean, _MARK, True)
    return isolating_clean


def install() -> None:
    """Wrap ``clean`` of ``forms.Field`` and of every Django form field class that defines its
    own (multiple model choice, multi-value, file, combo). Safe to call more than once."""
    classes = [forms.Field, *_django_subclasses(forms.Field)]
    for cls in classes:
        own = cls.__dict__.get("clean")
        if own is not None and not getattr(own, _MARK, False):
            setattr(cls, "clean", _wrapped(own))  # noqa: B010 - replacing the method


def _django_subclasses(cls: type) -> list[type]:
    found: list[type] = []
    sub: type
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("django."):
            found.append(sub)
        found.extend(_django_subclasses(sub))
    return found
