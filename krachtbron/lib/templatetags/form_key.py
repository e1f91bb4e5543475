"""``{% form_key %}``: the hidden one-time key of a create form (krachtbron/lib/idempotency.py)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from krachtbron.lib.idempotency import FIELD, key_for

register = template.Library()


@register.simple_tag(takes_context=True)
def form_key(context: template.Context) -> SafeString:
    """Put it inside the <form>, next to {% csrf_token %}."""
    request = context["request"]  # from the "request" context processor
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, key_for(request))
