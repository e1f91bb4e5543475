"""The app code that source checks read: every ``krachtbron/**/*.py`` outside tests."""

import importlib.util
from pathlib import Path
from types import ModuleType

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


def catalogue_check() -> ModuleType:
    """``scripts/check_catalogues.py`` as a module (it is a script, not a package), for tests
    that ask it which catalogue entries are family strings."""
    spec = importlib.util.spec_from_file_location(
        "check_catalogues", ROOT.parent / "scripts" / "check_catalogues.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
