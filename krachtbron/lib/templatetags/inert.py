"""Built-in template filters (``settings.TEMPLATES`` ``builtins``: no ``{% load %}`` needed).

``{{ name|isolate }}`` — a person's text between the Unicode isolates, for places where
``<bdi>`` cannot go: ``<title>``, ``<option>``, attribute values (``lib/bidi.py``).
``{{ mean|mean }}`` / ``{{ mean|mean:2 }}`` — a mean rounded half up, with the interface
language's decimal sign, a dash for none (``lib/numbers.py``).
``{{ field.label|with_colon }}`` — a label before what follows it in a list ("Naam: Vul dit
in."), without a colon after a label that ends in a sentence's own sign (". ? ! :").
``<bdi{% lang_nl %}>`` — `` lang="nl"`` on a page in another language, nothing on a Dutch page:
for content that is Dutch whatever the interface language (what a family or an adviser wrote,
a knowledge page, a card, the handreiking's title), so a screen reader reads it with a Dutch
voice (issue 17, item 8; ``testing/test_staff_english.py`` finds unmarked Dutch).
"""

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

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


@register.simple_tag
def lang_nl() -> SafeString:
    language = get_language() or "nl"
    return mark_safe("" if language.split("-")[0] == "nl" else ' lang="nl"')  # noqa: S308 - a constant
