"""The menu of Mijn Krachtbron, shown by base.html as its main menu (``main_nav``).

The portal registers ``portal_nav`` with ``lib.navigation.register_member_menu``; the context
processor gives it on every page of a signed-in member (``member_required`` sets
``request.member``). Each part of the portal adds its page here, in the order the member sees
them.
"""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from krachtbron.portal.http import may_use

_PAGES = (
    ("portal:home", _("Ons plan")),
    ("portal:people", _("Onze mensen")),
    ("portal:network_plan", _("Ons netwerkplan")),
    ("portal:questionnaires", _("Vragenlijsten")),
    ("portal:dossier", _("Ons dossier")),
)


def _plan_forms(home: str) -> tuple[str, ...]:
    """The path prefixes of Ons plan's own pages (plan_views, agreement_views), below the home
    ``home``."""
    return (f"{home}doel/", f"{home}cijfer/", f"{home}afspraken/")


def portal_nav(request: HttpRequest) -> list[dict[str, Any]]:
    """The menu items (label, url, current) for a member's page at ``request.path``: the pages
    the member may open today (``http.may_use``: after closure only what the gate allows)."""
    current_path = request.path
    items = []
    for url_name, label in _PAGES:
        if not may_use(request, url_name):
            continue
        url = reverse(url_name)
        if url_name == "portal:home":  # Ons plan, and its pages (a goal, a number, afspraken)
            current = current_path == url or current_path.startswith(_plan_forms(url))
        else:
            current = current_path.startswith(url)
        items.append({"label": label, "url": url, "current": current})
    return items
