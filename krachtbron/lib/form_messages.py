"""The project's own error messages for every kind of form field: never Django's stock text.

Django answers bad input with its own catalogue ("Selecteer een geldige keuze. 11 is geen
beschikbare keuze.", "Zorg dat deze waarde hoogstens 500 tekens bevat (nu 10000)."): not B1,
not our voice, and it repeats what was sent (breaker of issue 15, finding 8). Rather than
remember an ``error_messages`` entry on every field, every form of Krachtbron
(``lib.forms.Form`` / ``ModelForm`` / ``FormRulesMixin``) calls ``use_own_messages`` on its
fields before it cleans them: a message the field's author wrote stays; every code whose message
is still Django's (or that only a validator knows: ``max_length``, ``min_value``, …) gets the
message of ``MESSAGES`` for the nearest field class in its MRO.

A field's ``error_messages`` also decide the text of the validators' errors (by code: Django's
rule, so a validator of the project's own raises a code the table does not use) and of a model
form's model checks (``unique``, ``null``, ``blank``, by code), so this one table covers them
too. `krachtbron/testing/test_form_inputs.py` posts the bad values of its kind to every
field of every form and fails on any message found in Django's catalogue (Dutch or English).
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise as _StrOrPromise

_REQUIRED = _("Vul dit in.")
_CHOOSE = _("Kies iets uit de lijst.")
_CHOOSE_ONLY = _("Kies alleen uit de lijst.")
_NUMBER = _("Vul een getal in, bijvoorbeeld 3.")
_NUL = _(
    "Hier staat een onzichtbaar teken dat niet is toegestaan (U+0000). Haal het weg en probeer "
    "het opnieuw."
)

#: Per field class (Django's, nearest in the MRO wins): error code -> message.
MESSAGES: dict[type[forms.Field], dict[str, Any]] = {
    forms.Field: {
        "required": _REQUIRED,
        # A model form's model checks (the form field's message replaces the model's by code).
        "null": _REQUIRED,
        "blank": _REQUIRED,
        "unique": _("Dit is al in gebruik. Kies iets anders."),
        "unique_for_date": _("Dit is al in gebruik op die datum. Kies iets anders."),
        # Django's model choice fields check this themselves, outside ``error_messages``.
        "null_characters_not_allowed": _NUL,
    },
    forms.CharField: {
        "max_length": _(
            "Deze tekst is te lang: er mogen hoogstens %(limit_value)d tekens in, nu zijn het "
            "er %(show_value)d. Maak de tekst korter."
        ),
        "min_length": _(
            "Deze tekst is te kort: schrijf minstens %(limit_value)d tekens, nu zijn het er "
            "%(show_value)d."
        ),
    },
    forms.RegexField: {
        "invalid": _("Dit is niet goed ingevuld. Kijk het na en probeer het opnieuw.")
    },
    forms.SlugField: {"invalid": _("Gebruik alleen letters, cijfers, - en _.")},
    forms.EmailField: {"invalid": _("Vul een e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")},
    forms.URLField: {"invalid": _("Vul een webadres in, bijvoorbeeld https://www.voorbeeld.nl.")},
    forms.GenericIPAddressField: {"invalid": _("Vul een IP-adres in, bijvoorbeeld 192.0.2.1.")},
    forms.UUIDField: {"invalid": _("Deze code klopt niet. Kijk hem na.")},
    forms.JSONField: {
        "invalid": _("Dit is niet goed ingevuld. Kijk het na en probeer het opnieuw.")
    },
    forms.IntegerField: {
        "invalid": _("Vul een heel getal in, bijvoorbeeld 3."),
        "min_value": _("Dit getal is te klein: kies %(limit_value)s of meer."),
        "max_value": _("Dit getal is te groot: kies %(limit_value)s of minder."),
        "step_size": _("Kies een getal in stappen van %(limit_value)s."),
    },
    forms.FloatField: {"invalid": _NUMBER},
    forms.DecimalField: {
        "invalid": _NUMBER,
        "max_digits": _("Dit getal heeft te veel cijfers: gebruik er hoogstens %(max)s."),
        "max_decimal_places": _("Gebruik hoogstens %(max)s cijfers na de komma."),
        "max_whole_digits": _("Gebruik hoogstens %(max)s cijfers voor de komma."),
    },
    forms.DateField: {"invalid": _("Vul een datum in, bijvoorbeeld 2026-03-14.")},
    forms.DateTimeField: {"invalid": _("Vul een datum en tijd in, bijvoorbeeld 2026-03-14 09:30.")},
    forms.TimeField: {"invalid": _("Vul een tijd in, bijvoorbeeld 09:30.")},
    forms.DurationField: {
        "invalid": _("Vul een tijdsduur in, bijvoorbeeld 01:30:00."),
        "overflow": _("Deze tijdsduur is te lang."),
    },
    forms.BooleanField: {"required": _("Vink dit aan om verder te gaan.")},
    forms.ChoiceField: {"required": _("Maak een keuze."), "invalid_choice": _CHOOSE},
    forms.MultipleChoiceField: {
        "required": _("Kies er minstens één."),
        "invalid_choice": _CHOOSE_ONLY,
        "invalid_list": _CHOOSE_ONLY,
    },
    forms.ModelChoiceField: {"required": _("Maak een keuze."), "invalid_choice": _CHOOSE},
    forms.ModelMultipleChoiceField: {
        "required": _("Kies er minstens één."),
        "invalid_choice": _CHOOSE_ONLY,
        "invalid_list": _CHOOSE_ONLY,
        "invalid_pk_value": _CHOOSE_ONLY,
    },
    forms.MultiValueField: {
        "invalid": _("Vul alle delen goed in."),
        "incomplete": _("Vul alle delen in."),
    },
    forms.SplitDateTimeField: {
        "invalid_date": _("Vul een datum in, bijvoorbeeld 2026-03-14."),
        "invalid_time": _("Vul een tijd in, bijvoorbeeld 09:30."),
    },
    forms.FileField: {
        "invalid": _("Er is geen bestand meegestuurd. Kies een bestand en probeer het opnieuw."),
        "missing": _("Er is geen bestand meegestuurd. Kies een bestand en probeer het opnieuw."),
        "empty": _("Dit bestand is leeg. Kies een ander bestand."),
        "max_length": _(
            "De naam van dit bestand is te lang: hoogstens %(max)d tekens, nu %(length)d. "
            "Geef het bestand een kortere naam."
        ),
        "contradiction": _("Kies een nieuw bestand of vink 'Wissen' aan, niet allebei."),
        "invalid_extension": _(
            "Dit soort bestand kan niet. Kies een bestand dat eindigt op %(allowed_extensions)s."
        ),
    },
    forms.ImageField: {
        "invalid_image": _("Dit is geen afbeelding, of de afbeelding is kapot. Kies een andere.")
    },
}


def _stock_ids() -> frozenset[int]:
    """The message objects of Django's own field classes (``default_error_messages``) and
    validators (``message``): a field that still holds one of these was given no message by its
    author, and an error that carries one was raised with Django's text."""
    found: set[int] = set()
    for cls in _django_field_classes(forms.Field):
        found.update(
            id(message) for message in vars(cls).get("default_error_messages", {}).values()
        )
    for name in dir(validators):
        message = getattr(getattr(validators, name), "message", None)
        if message is not None:
            found.add(id(message))
    return frozenset(found)


def _django_field_classes(cls: type) -> set[type]:
    found = {cls}
    subclasses: list[type] = cls.__subclasses__()
    for sub in subclasses:
        if sub.__module__.startswith("django."):
            found |= _django_field_classes(sub)
    return found


_STOCK: frozenset[int] | None = None


def _stock() -> frozenset[int]:
    global _STOCK
    if _STOCK is None:
        _STOCK = _stock_ids()
    return _STOCK


def own_messages(field_class: type) -> dict[str, Any]:
    """The project's messages for a field of ``field_class``: code -> message (lazy)."""
    return dict(_own_items(field_class))


_OWN_ITEMS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _own_items(field_class: type) -> tuple[tuple[str, Any], ...]:
    """``own_messages`` as pairs, merged once per field class (``MESSAGES`` is fixed): every
    form POST merges them for each of its fields, and walking the class's MRO each time was
    most of what ``use_own_messages`` cost (docs/mijn-krachtbron.md, "Snelheid")."""
    found = _OWN_ITEMS.get(field_class)
    if found is None:
        merged: dict[str, Any] = {}
        for cls in reversed(field_class.__mro__):
            merged.update(MESSAGES.get(cls, {}))
        found = _OWN_ITEMS[field_class] = tuple(merged.items())
    return found


def use_own_messages(field: forms.Field) -> None:
    """Give ``field`` (and the parts of a multi-value field) the project's message for every
    code whose message is still Django's own or missing; messages set by the field's author
    stay. Idempotent; changes only this field instance (a form's fields are its own copies)."""
    stock = _stock()
    messages = field.error_messages
    for code, message in _own_items(type(field)):
        current = messages.get(code)
        if current is None or id(current) in stock:
            messages[code] = message
    for part in getattr(field, "fields", ()):
        use_own_messages(part)


def with_own_messages(error: ValidationError, field: forms.Field | None) -> ValidationError:
    """``error`` with each message that is still Django's own (raised outside the field's
    ``error_messages``, as a model choice field's null-character check is) replaced by the
    field's message for its code; other messages stay as they are."""
    if field is None or hasattr(error, "error_dict"):
        return error
    stock = _stock()
    parts = []
    for one in error.error_list:
        if id(one.message) in stock and one.code in field.error_messages:
            one = ValidationError(field.error_messages[one.code], code=one.code, params=one.params)
        parts.append(one)
    return parts[0] if len(parts) == 1 else ValidationError(parts)


#: A formset's own messages (``lib.forms.FormSet``): Django's speak of "ManagementForm data".
FORMSET_MESSAGES: "dict[str, _StrOrPromise]" = {
    "missing_management_form": _(
        "Dit formulier is niet helemaal goed aangekomen. Laad de pagina opnieuw en probeer "
        "het nog een keer."
    ),
    "too_many_forms": _("Dit zijn er te veel: hoogstens %(num)d."),
    "too_few_forms": _("Dit zijn er te weinig: minstens %(num)d."),
}
