"""No timed check in the suite: speed is measured in bench/, never asserted here.

Hypothesis has two: a deadline per example (200 ms by default), and the ``too_slow`` health check
(it fails a test when making its examples takes long, as on a busy CI machine with three pytest
workers). The profiles in ``conftest.py`` turn both off; a test's own ``@settings`` replaces the
profile's list of suppressed health checks, so each list names ``too_slow`` again and no test
sets a deadline of its own."""

import ast

from hypothesis import HealthCheck, settings

from krachtbron.testing.source import ROOT


def _settings_calls():
    for path in sorted(ROOT.rglob("test*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg in {"deadline", "suppress_health_check"}:
                        yield f"{path.relative_to(ROOT)}:{node.lineno}", keyword


def test_the_loaded_profile_times_nothing():
    assert settings.default.deadline is None
    assert HealthCheck.too_slow in settings.default.suppress_health_check


def test_no_test_brings_a_timed_check_back():
    timed = [
        where
        for where, keyword in _settings_calls()
        if (keyword.arg == "deadline" and ast.unparse(keyword.value) != "None")
        or (keyword.arg == "suppress_health_check" and "too_slow" not in ast.unparse(keyword.value))
    ]
    assert timed == []
