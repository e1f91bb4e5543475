"""What a Mijn Krachtbron page may still offer (``portal.http.may_use``): after the help is
closed a page offers no link or button that the portal's gate would then refuse.

``{% if request|may_open:"goal_add" %}`` (a link: GET), ``{% if request|may_post:"goal_talk"
%}`` (a form: POST), and ``request|help_closed`` for wording that fits a closed help."""

from django import template
from django.http import HttpRequest

from krachtbron.portal.http import may_use

register = template.Library()


@register.filter
def may_open(request: HttpRequest, url_name: str) -> bool:
    """May the member open (GET) the portal page ``url_name`` now?"""
    return may_use(request, url_name, "GET")


@register.filter
def may_post(request: HttpRequest, url_name: str) -> bool:
    """May the member send a form (POST) to ``url_name`` now?"""
    return may_use(request, url_name, "POST")


@register.filter
def help_closed(request: HttpRequest) -> bool:
    """Is the family's help closed (the member reads the plan after closure)?"""
    access = getattr(request, "portal_access", None)
    return bool(access is not None and access.closed)
