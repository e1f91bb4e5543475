"""Built-in template filters (``settings.TEMPLATES`` ``builtins``: no ``{% load %}`` needed).

``{{ name|isolate }}`` — a person's text between the Unicode isolates, for places where
``<bdi>`` cannot go: ``<title>``, ``<option>``, attribute values (``lib/bidi.py``).
``{{ mean|mean }}`` / ``{{ mean|mean:2 }}`` — a mean rounded half up, with the interface
language's decimal sign, a dash for none (``lib/numbers.py``).
``{{ field.label|with_colon }}`` — a label before what follows it in a list ("Naam: Vul dit
in."), without a colon after a label that ends in a sentence's own sign (". ? ! :").
"""

from typing import Any

from django import template

from krachtbron.lib.bidi import isolate as isolate_text
from krachtbron.lib.numbers import shown_mean

register = template.Library()


@register.filter(is_safe=True)
def isolate(value: Any) -> str:
    return isolate_text(value)


@register.filter
def mean(value: Any, places: int = 1) -> str:
    return shown_mean(value, int(places))


@register.filter
def with_colon(value: Any) -> str:
    text = str(value).rstrip()
    return text if not text or text[-1] in ".?!:" else f"{text}:"
