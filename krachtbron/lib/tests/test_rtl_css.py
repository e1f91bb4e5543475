"""Right to left (issue 17 item 5): no style sheet places anything by physical side, so a page in
Arabic mirrors (docs/talen.md). Logical properties only: margin-inline-start, padding-inline-end,
border-inline-start, inset-inline-start, text-align: start/end, float: inline-start."""

import re
from pathlib import Path

KRACHTBRON = Path(__file__).resolve().parents[2]
PHYSICAL = re.compile(
    r"(?<![-\w])(?:(?:margin|padding|border)-(?:left|right)(?:-\w+)?|left|right)\s*:"
    r"|text-align\s*:\s*(?:left|right)|float\s*:\s*(?:left|right)|clear\s*:\s*(?:left|right)"
    r"|(?<![-\w])(?:margin|padding)\s*:\s*[^;{}]+\s[^;{}]+\s[^;{}]+\s[^;{}]+;"
)


def _without_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def test_no_style_sheet_uses_left_or_right():
    sheets = sorted(KRACHTBRON.rglob("*.css"))
    assert len(sheets) > 10, "the app's style sheets are found"
    found = [
        f"{sheet.relative_to(KRACHTBRON)}: {match.group(0)}"
        for sheet in sheets
        for match in PHYSICAL.finditer(_without_comments(sheet.read_text(encoding="utf-8")))
    ]
    assert found == []


def test_the_rule_catches_what_it_should():
    for bad in (
        "a { margin-left: 1rem; }",
        "a { left: 0; }",
        "a { text-align: right; }",
        "a { border-right-color: red; }",
        "a { padding: 1px 2px 3px 4px; }",
    ):
        assert PHYSICAL.search(bad), bad
    for good in (
        "a { margin-inline-start: 1rem; }",
        "a { inset-inline-start: 0; }",
        "a { text-align: start; }",
        "a { padding: 1px 2px 3px; }",
        "a { border-left-color: red; }".replace("left", "inline-start"),
    ):
        assert not PHYSICAL.search(good), good
