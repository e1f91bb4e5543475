"""The main menu; each app adds its own items in AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str]
    order: int
    privacy_officer_only: bool = False


_ITEMS: dict[str, NavItem] = {}
_member_menu: Callable[[Any], list[dict[str, Any]]] | None = None


def register_member_menu(menu: Callable[[Any], list[dict[str, Any]]]) -> None:
    """The portal registers the menu of a family member's pages (``portal.nav.portal_nav``):
    ``menu(request)`` gives the items (the current page from ``request.path``; what the member
    may still open from the request), as ``nav_for`` does for staff."""
    global _member_menu
    _member_menu = menu


def member_nav_for(request: Any) -> list[dict[str, Any]]:
    """The menu of a signed-in family member's page (``request.member``, set by the portal's
    ``member_required``); [] on any other page."""
    if _member_menu is None or getattr(request, "member", None) is None:
        return []
    return _member_menu(request)


def register_nav(
    url_name: str,
    label: str | Promise,
    roles: set[str],
    order: int,
    *,
    privacy_officer_only: bool = False,
) -> None:
    _ITEMS[url_name] = NavItem(label, url_name, frozenset(roles), order, privacy_officer_only)


def nav_for(user: Any, current_path: str) -> list[dict[str, Any]]:
    if not getattr(user, "is_authenticated", False) or not user.is_verified():
        return []
    items = []
    for item in sorted(_ITEMS.values(), key=lambda i: i.order):
        if user.role not in item.roles:
            continue
        if item.privacy_officer_only and not user.can_read_access_log:
            continue
        url = reverse(item.url_name)
        items.append({"label": item.label, "url": url, "current": current_path.startswith(url)})
    return items
