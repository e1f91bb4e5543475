"""No browser test reads a page right after a click before the page it opened has loaded.

Playwright's ``click`` returns once a page it opened has been taken on, which may be before the
browser has a document to read. A CI run failed on it: axe-core on a page whose
``document.documentElement`` was still null. The helpers in ``testing/browser.py`` wait first
(``loaded``); this sweep finds a test that reads the page itself too early — with a read that
does not wait for anything (``content()``, ``evaluate``, ``all_inner_texts()``, a locator's
``count()``, ``is_visible``, ``title()``) after a ``click``/``press`` on the same page, with no
``loaded(page)``, ``goto``, ``wait_for_url``, ``wait_for_load_state`` or ``expect_navigation``
in between. The live server of the tests holds each page's body back a moment
(``conftest.py``), so such a read fails in the browser as well, not now and then."""

import ast

import pytest

from krachtbron.testing.source import ROOT

ACTIONS = frozenset({"click", "dblclick", "press", "tap"})
# Reads that return at once, whatever the state of the document.
READS = frozenset(
    {"content", "evaluate", "all_inner_texts", "all_text_contents", "is_visible", "is_hidden"}
)
WAITS = frozenset({"loaded", "goto", "wait_for_url", "wait_for_load_state", "expect_navigation"})


def _root(node: ast.AST) -> ast.AST:
    """The object a chain of calls starts from: ``page`` in ``page.locator("h1").count()``."""
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _is_read(call: ast.Call) -> bool:
    name = _name(call)
    if name == "count":  # a locator's, not a queryset's
        chain = ast.unparse(call.func)
        return "locator(" in chain or "get_by_" in chain
    return name in READS or name == "title" and not call.args


def _waited_inside(call: ast.Call) -> bool:
    """Whether the read's own chain waits first: ``loaded(page).content()``."""
    return any(isinstance(node, ast.Call) and _name(node) in WAITS for node in ast.walk(call.func))


def early_reads(source: str) -> list[str]:
    """ "line: code" of every read of a page that may not have loaded yet, in ``source`` (the
    text of a test module), in order."""
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef):
            continue
        # Clicks inside ``with page.expect_navigation():`` wait for the page to load.
        waited_lines = set()
        for node in ast.walk(function):
            if isinstance(node, ast.With) and any(
                isinstance(item.context_expr, ast.Call)
                and _name(item.context_expr) == "expect_navigation"
                for item in node.items
            ):
                waited_lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
        calls = sorted(
            (node for node in ast.walk(function) if isinstance(node, ast.Call)),
            key=lambda node: (node.end_lineno, node.end_col_offset),
        )
        opened: set[str] = set()  # pages a click may have sent elsewhere
        for call in calls:
            root = ast.unparse(_root(call))
            name = _name(call)
            if name in WAITS:
                opened.discard(
                    ast.unparse(call.args[0]) if name == "loaded" and call.args else root
                )
            elif name in ACTIONS and call.lineno not in waited_lines:
                opened.add(root)
            elif _is_read(call) and root in opened and not _waited_inside(call):
                found.append(f"{call.lineno}: {ast.unparse(call)}")
    return found


def browser_test_files() -> list[str]:
    return sorted(
        str(path.relative_to(ROOT.parent))
        for path in ROOT.rglob("test*.py")
        if "chromium(" in path.read_text(encoding="utf-8") and path.name != "browser.py"
    )


@pytest.mark.parametrize("path", browser_test_files())
def test_no_page_is_read_before_it_loaded(path):
    assert early_reads((ROOT.parent / path).read_text(encoding="utf-8")) == []


def test_the_sweep_finds_an_early_read():
    source = """
def test_x(page, other):
    page.click("button")
    other.evaluate("1")  # another page: not sent anywhere
    assert "x" in page.content()
    loaded(page)
    assert "y" in page.content()
    page.get_by_role("button").click()
    assert page.locator("li").count() == 2
    assert Goal.objects.count() == 1
    page.press("#q", "Enter")
    assert loaded(page).evaluate("1")
    with page.expect_navigation():
        page.click("a")
    assert page.title() == "t"
"""
    assert early_reads(source) == [
        "5: page.content()",
        "9: page.locator('li').count()",
    ]
