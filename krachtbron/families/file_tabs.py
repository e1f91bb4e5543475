"""The family file is one header with tabs; other apps add their tab in AppConfig.ready()."""

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


def file_context(family: Any, active_tab: str, **extra: Any) -> dict[str, Any]:
    """Context every tab of the family file needs for its header and navigation."""
    return {"family": family, "file_tabs": file_tabs(), "active_tab": active_tab, **extra}


register_tab("overview", _("Overzicht"), "families:detail", 0)
register_tab("access", _("Wie keek mee"), "families:access_history", 90)
