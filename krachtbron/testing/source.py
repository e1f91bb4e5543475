"""The app code that source checks read: every ``krachtbron/**/*.py`` outside tests."""

from pathlib import Path

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
