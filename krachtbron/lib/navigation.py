"""The main menu; each app adds its own items in AppConfig.ready()."""

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
