"""The app code that source checks read: every ``krachtbron/**/*.py`` outside tests."""

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


def family_templates(root: Path = ROOT) -> list[tuple[str, str]]:
    """(path, text) of every template a family reads, sorted: the family sources
    (``lib.family_text.FAMILY_SOURCES``) and the parts of the copy of the file (``*/copy/*``).
    ``path`` is repository-relative ("krachtbron/portal/templates/portal/home.html")."""
    found = []
    for path in sorted(root.rglob("templates/**/*")):
        name = f"krachtbron/{path.relative_to(root)}"
        if path.suffix in (".html", ".txt") and (is_family_source(name) or "/copy/" in name):
            found.append((name, path.read_text(encoding="utf-8")))
    return found
