"""The block on the family file's overview: the button to close the help, or the closure."""

from typing import Any

from krachtbron.aftercare.actions import open_closure
from krachtbron.families.choices import FamilyStatus
from krachtbron.families.file_tabs import FilePanel


def closing_panel(family: Any) -> FilePanel:
    """One query for a closed file (its closure), none for an open one."""
    closure = open_closure(family) if family.status == FamilyStatus.CLOSED else None
    return FilePanel("aftercare/_panel.html", {"family": family, "closure": closure})
