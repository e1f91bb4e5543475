"""``{% family_language_switch %}``: the language switch of a family page (lib.family_language):
plain links, no JavaScript, never the staff user's language cookie."""

from typing import Any

from django import template
from django.utils import translation

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
