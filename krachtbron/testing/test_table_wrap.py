"""Every data table on a page scrolls in its own ``.table-wrap`` box, never the whole page: a
``<table class="table">`` wider than a 360 px phone pushed the page sideways, header and menu
with it (session 12 try-out: the tab *Afspraken*, table *Aanspreekpunten*; its sibling the
page *Wie ziet wat* of a family member). The PDF and copy layouts use their own table classes
(``copy__table``, ``plan__table``, …) and are not pages to scroll."""

import re

from krachtbron.testing.source import ROOT

# A page table: class "table" (with or without modifiers), not copy__table / plan__table.
_TABLE = re.compile(r'<table class="table[ "]')
# The wrap right before it (only whitespace between), as the other tables have it.
_WRAPPED = re.compile(r'<div class="table-wrap"[^>]*>\s*$')


def _unwrapped_tables() -> list[str]:
    """``["path:line", …]`` of every page table whose opening tag does not follow a
    ``<div class="table-wrap" …>``."""
    found = []
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for match in _TABLE.finditer(text):
            if not _WRAPPED.search(text[: match.start()]):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}")
    return found


def test_every_page_table_scrolls_in_its_own_wrap():
    tables = sum(
        len(_TABLE.findall(p.read_text(encoding="utf-8")))
        for p in ROOT.rglob("templates/**/*.html")
    )
    assert tables >= 30  # the sweep reads the templates (some 50 page tables)
    unwrapped = _unwrapped_tables()
    assert not unwrapped, (
        f'put each in <div class="table-wrap" tabindex="0" role="region" …>: {unwrapped}'
    )
