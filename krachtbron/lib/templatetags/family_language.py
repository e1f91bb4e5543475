"""``{% family_language_switch %}``: the language switch of a family page (lib.family_language):
plain links, no JavaScript, never the staff user's language cookie. ``|join_list``,
``{% joined %}``, ``{% join_parts %}`` and ``|family_date``: a list and a date as a reader of
the active language writes them; ``{% phone_link %}``: a phone number that reads the same in
every language."""

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django import template
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from krachtbron.lib import family_language
from krachtbron.lib.family_language import switch_links

register = template.Library()


@register.inclusion_tag("includes/family_language_switch.html", takes_context=True)
def family_language_switch(context: Any) -> dict[str, Any]:
    request = context.get("request")
    if request is None:  # an error page rendered without a request (lib/errors.py)
        return {"links": []}
    return {"links": switch_links(request, translation.get_language() or "nl")}


@register.filter
def is_family_page(request: Any) -> bool:
    """``{% if request|is_family_page %}``: a page under settings.FAMILY_URL_PREFIXES."""
    from krachtbron.lib.family_text import is_family_path

    return request is not None and is_family_path(request.path_info)


@register.filter(needs_autoescape=True)
def join_list(items: Iterable[Any] | None, autoescape: bool = True) -> str:
    """``{{ labels|join_list }}``: "a, b en c" in Dutch, "a وb وc" in Arabic (the active
    language; ``family_language.join_list``). Each item is escaped as ``join`` escapes it."""
    words = [conditional_escape(item) if autoescape else str(item) for item in items or ()]
    joined = family_language.join_list(words)
    return mark_safe(joined) if autoescape else joined  # noqa: S308 - items escaped above


@register.simple_tag
def join_parts(*parts: Any) -> str:
    """``{% join_parts calls agreements goals %}``: a few separate parts (each a value, often
    a ``{% blocktranslate ... asvar %}``) as one list, "3 regels, 2 afspraken en 1 doel" ("… و…"
    in Arabic): ``|join_list`` for parts that are not in one list yet. Each part is escaped
    unless it is safe; empty parts are left out."""
    return join_list([part for part in parts if part not in (None, "")])


@register.filter(expects_localtime=True)
def family_date(value: date | datetime | None, arg: str = "") -> str:
    """``{{ day|family_date }}`` "30 september 2026", ``{{ moment|family_date:"time" }}``
    "30 september 2026, 14:05" (Arabic "…2026، 14:05", as CLDR joins date and time): the family's
    "j E Y" (``family_language.family_date``), also in Tigrinya. Anything but a date or datetime
    gives ""."""
    if not isinstance(value, date):
        return ""
    return family_language.family_date(value, time=arg == "time")


@register.tag("joined")
def joined(parser: template.base.Parser, token: template.base.Token) -> "JoinedNode":
    """``{% joined items as item %}<bdi>{{ item.naam }}</bdi>{% empty %}–{% endjoined %}``: the
    body once per item, joined as the active language joins a list (``|join_list`` for items
    that need markup or a note of their own); ``{% empty %}`` (optional) when there are none."""
    bits = token.split_contents()
    if len(bits) != 4 or bits[2] != "as":
        raise template.TemplateSyntaxError("Use {% joined items as item %} ... {% endjoined %}")
    items, name = parser.compile_filter(bits[1]), bits[3]
    body = parser.parse(("empty", "endjoined"))
    empty = None
    if parser.next_token().contents == "empty":
        empty = parser.parse(("endjoined",))
        parser.delete_first_token()
    return JoinedNode(items, name, body, empty)


class JoinedNode(template.Node):
    def __init__(
        self,
        items: template.base.FilterExpression,
        name: str,
        body: template.NodeList,
        empty: template.NodeList | None,
    ) -> None:
        self.items, self.name, self.body, self.empty = items, name, body, empty

    def render(self, context: template.Context) -> str:
        values = list(self.items.resolve(context, ignore_failures=True) or ())
        if not values:
            return self.empty.render(context) if self.empty is not None else ""
        parts = []
        with context.push():
            for value in values:
                context[self.name] = value
                parts.append(self.body.render(context))  # escaped as any template output
        return mark_safe(family_language.join_list(parts))  # noqa: S308 - CLDR words only added


@register.simple_tag
def phone_link(number: str | None, uri: str = "") -> str:
    """``{% phone_link number %}``: ``<a class="phone" href="tel:…" dir="ltr">number</a>``, or ""
    for no number. Left to right and on one line (``.phone``: ``white-space: nowrap``) in every
    language: in an Arabic sentence the groups of "020 555 1234" would otherwise show in reverse
    order, and "0800-2000" would break at its hyphen on a phone. ``uri``: the tel: address when
    the caller has it; else the number without spaces, dashes or brackets."""
    if not number:
        return ""
    href = uri or "tel:" + re.sub(r"[^0-9+]", "", str(number))
    return format_html('<a class="phone" href="{}" dir="ltr">{}</a>', href, number)
