"""The app code that source checks read: every ``krachtbron/**/*.py`` outside tests."""

import re
from pathlib import Path

from krachtbron.lib.family_text import is_family_source

#: The ``krachtbron`` package folder.
ROOT = Path(__file__).resolve().parents[1]
#: Folders whose files are not app code: tests, migrations and these test helpers.
NOT_APP_CODE = frozenset({"tests", "migrations", "testing"})


def app_modules(root: Path = ROOT) -> list[Path]:
    """Every Python file under ``root`` outside tests, migrations and test helpers, sorted."""
    return sorted(
        path
        for path in root.rglob("*.py")
        if not NOT_APP_CODE.intersection(path.relative_to(root).parts[:-1])
    )


#: ``{% include "x" %}`` / ``{% extends "x" %}`` with a literal name.
_INCLUDED = re.compile(r"""\{%\s*(?:include|extends)\s+["']([^"']+)["']""")


def family_templates(root: Path = ROOT) -> list[tuple[str, str]]:
    """(path, text) of every template a family reads, sorted: the family sources
    (``lib.family_text.FAMILY_SOURCES``), the parts of the copy of the file (``*/copy/*``) and
    what those include or extend by a literal name (a staff app's part on a family page, such
    as ``aftercare/_portal_notice.html`` on Mijn Krachtbron's home). ``path`` is
    repository-relative ("krachtbron/portal/templates/portal/home.html")."""
    every = {f"krachtbron/{p.relative_to(root)}": p for p in root.rglob("templates/**/*")}
    by_name = {name.split("/templates/", 1)[1]: name for name in every}
    todo = [
        name
        for name, path in every.items()
        if path.suffix in (".html", ".txt") and (is_family_source(name) or "/copy/" in name)
    ]
    found: dict[str, str] = {}
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found[name] = every[name].read_text(encoding="utf-8")
        todo += [by_name[i] for i in _INCLUDED.findall(found[name]) if i in by_name]
    return sorted(found.items())
