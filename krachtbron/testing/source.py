"""The app code that source checks read: every ``krachtbron/**/*.py`` outside tests."""

from pathlib import Path

from krachtbron.lib.family_text import family_template_paths

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
    """(path, text) of every template a family reads, sorted: ``lib.family_text.
    family_template_paths`` (the family sources and what they include or extend by a literal
    name, such as ``aftercare/_portal_notice.html`` on Mijn Krachtbron's home; the catalogue
    check demands the same set). ``path`` is repository-relative
    ("krachtbron/portal/templates/portal/home.html")."""
    return [
        (name, (root.parent / name).read_text(encoding="utf-8"))
        for name in sorted(family_template_paths(root))
    ]
