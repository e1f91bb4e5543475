"""No module of app code is over 450 lines: a longer file is usually two things (STYLE.md).

App code is every ``krachtbron/**/*.py`` except tests (``tests/``), migrations and the shared
test helpers (``krachtbron/testing/``). Split a file that grows past the limit along a real seam
(one concept per module; CONTRIBUTING "Module size"), do not raise the limit.
"""

from pathlib import Path

from krachtbron.testing.source import NOT_APP_CODE, ROOT, app_modules

MAX_LINES = 450


def oversized(root: Path, limit: int = MAX_LINES) -> list[str]:
    """``"<path>: <n> lines"`` for every app module of ``root`` longer than ``limit``."""
    found = []
    for path in app_modules(root):
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > limit:
            found.append(f"{path.relative_to(root.parent)}: {count} lines")
    return found


def test_no_app_module_is_over_450_lines():
    too_long = oversized(ROOT)
    assert not too_long, f"split these along a seam (max {MAX_LINES} lines): {too_long}"


def test_the_walk_sees_app_code_and_skips_tests():
    # A walk that found nothing would pass the check above for the wrong reason.
    found = {path.relative_to(ROOT).as_posix() for path in app_modules(ROOT)}
    assert {"settings.py", "instruments/engine.py", "accounts/actions.py"} <= found
    assert not any(part in NOT_APP_CODE for name in found for part in Path(name).parts[:-1]), (
        "tests, migrations and test helpers are not app code"
    )
    assert "lib/tests/test_module_size.py" not in found


def test_a_long_module_is_named(tmp_path):
    app = tmp_path / "krachtbron"
    (app / "feature" / "tests").mkdir(parents=True)
    (app / "feature" / "long.py").write_text("x = 1\n" * 451)
    (app / "feature" / "just_fits.py").write_text("x = 1\n" * 450)
    (app / "feature" / "tests" / "test_long.py").write_text("x = 1\n" * 900)
    assert oversized(app) == ["krachtbron/feature/long.py: 451 lines"]
