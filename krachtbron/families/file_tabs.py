"""The family file is one header with tabs; other apps add their tab in AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileTab:
    key: str
    label: str | Promise
    url_name: str  # takes the family pk as its only argument
    order: int


_TABS: dict[str, FileTab] = {}


def register_tab(key: str, label: str | Promise, url_name: str, order: int) -> None:
    _TABS[key] = FileTab(key, label, url_name, order)


def file_tabs() -> list[FileTab]:
    return sorted(_TABS.values(), key=lambda tab: tab.order)


@dataclass(frozen=True)
class FilePanel:
    """A block another app shows on a tab: its template, rendered with ``data``."""

    template: str
    data: Any


#: tab key -> builders ``build(family) -> FilePanel | None`` (None: nothing to show). An app
#: above the tab's own app adds to it without the tab importing that app (ADR 12).
_PANELS: dict[str, list[Callable[[Any], FilePanel | None]]] = {}


def register_panel(tab: str, build: Callable[[Any], FilePanel | None]) -> None:
    """Show ``build(family)`` at the top of tab ``tab`` (a fixed number of queries, please)."""
    _PANELS.setdefault(tab, []).append(build)


def file_context(family: Any, active_tab: str, **extra: Any) -> dict[str, Any]:
    """Context every tab of the family file needs for its header and navigation, and the
    panels other apps add to this tab (``file_panels``)."""
    panels = [panel for build in _PANELS.get(active_tab, []) if (panel := build(family))]
    return {
        "family": family,
        "file_tabs": file_tabs(),
        "active_tab": active_tab,
        "file_panels": panels,
        **extra,
    }


register_tab("overview", _("Overzicht"), "families:detail", 0)
register_tab("access", _("Wie keek mee"), "families:access_history", 90)
