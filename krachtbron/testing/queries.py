"""One helper for query counts, used by every list page's test (STYLE.md: like Zulip's
`assert_database_query_count`, which prints the SQL when it fails).

A list page must run the same number of queries for 3 rows as for 300: a query per row (an
N+1) is slow at Amsterdam's size long before a test with five rows notices. So the helper does
not pin a number that every template change would have to update; it grows the data and
checks that the count stays the same.
"""

import re
from collections.abc import Callable, Mapping
from datetime import timedelta
from difflib import unified_diff
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings


def _run(work: Callable[[], Any], using: str) -> list[str]:
    with CaptureQueriesContext(connections[using]) as captured:
        work()
    return [query["sql"] for query in captured.captured_queries]


def _shape(sql: str) -> str:
    """The query without its values, so that the diff shows the queries that were added."""
    sql = re.sub(r"'(?:[^']|'')*'", "'…'", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "N", sql)
    return re.sub(r"\((?:\s*(?:N|'…'|%s)\s*,)*\s*(?:N|'…'|%s)\s*\)", "(…)", sql)


def _report(title: str, before: list[str] | None, after: list[str]) -> str:
    if before is None:
        return "\n".join(
            [title, "", *(f"  {number}. {sql}" for number, sql in enumerate(after, start=1))]
        )
    lines = [title, "", f"Queries before ({len(before)}):"]
    lines += [f"  {number}. {sql}" for number, sql in enumerate(before, start=1)]
    lines += ["", f"Queries after ({len(after)}):"]
    lines += [f"  {number}. {sql}" for number, sql in enumerate(after, start=1)]
    diff = unified_diff(
        [_shape(sql) for sql in before],
        [_shape(sql) for sql in after],
        "before",
        "after",
        lineterm="",
        n=0,
    )
    lines += ["", "Difference (values left out):", *diff]
    return "\n".join(lines)


Work = Callable[[], Any]


def _page(client: Client, url: str) -> Work:
    def work() -> Any:
        response = client.get(url)
        assert response.status_code == 200, f"GET {url}: {response.status_code}"
        return response

    return work


def assert_constant_queries(
    target: Client | Work | Mapping[str, Work],
    url: str | None = None,
    *,
    grow: Callable[[], Any] | None = None,
    exactly: int | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> int:
    """Assert that a page (or any piece of work) runs as many queries after its data grew.

    ``target`` is a test client, whose GET of ``url`` must answer 200, or a callable that does
    the work, or {name: callable} for several pieces of work around one growth. With ``grow``
    each runs once unmeasured (a first visit may publish figures or fill caches), is counted,
    then ``grow()`` adds more rows of what the page lists (several, of every kind it shows) and
    each is counted again. Fails when a count differs, with the SQL of both runs and the queries
    that were added. ``exactly=n`` also pins the count (0 for a page that needs no database);
    without ``grow`` only that is checked, on the first run. Returns the (last) count.

    A signed-in session writes its idle clock at most every ``write_resolution()`` (5 s in
    production, 30 s in tests): on a busy machine the growth step can take longer than that,
    and the second run would count one write more. While the counts are taken the idle time
    and the clock's resolution are a day (a write at most every 2 hours), so only the page's
    own queries are compared.
    """
    a_day = timedelta(days=1)
    with override_settings(SESSION_SEEN_RESOLUTION=a_day, SESSION_IDLE_TIMEOUT=a_day):
        return _assert_constant(target, url, grow=grow, exactly=exactly, using=using)


def _assert_constant(
    target: Client | Work | Mapping[str, Work],
    url: str | None,
    *,
    grow: Callable[[], Any] | None,
    exactly: int | None,
    using: str,
) -> int:
    if isinstance(target, Client):
        if url is None:
            raise TypeError("assert_constant_queries(client, url, ...) needs the url")
        works = {f"GET {url}": _page(target, url)}
    elif url is not None:
        raise TypeError("a url goes with a test client, not with a callable")
    elif isinstance(target, Mapping):
        works = dict(target)
    else:
        works = {getattr(target, "__name__", "the work"): target}
    if grow is None and exactly is None:
        raise TypeError("say how the data grows (grow=...) or how many queries (exactly=...)")
    if grow is not None:
        for work in works.values():
            work()  # warm up: only the steady state is compared
    before = {name: _run(work, using) for name, work in works.items()}
    after = before
    if grow is not None:
        grow()
        after = {name: _run(work, using) for name, work in works.items()}
        grown = [
            _report(
                f"{name} ran {len(before[name])} queries, and {len(after[name])} after the "
                "data grew",
                before[name],
                after[name],
            )
            for name in works
            if len(after[name]) != len(before[name])
        ]
        assert not grown, "\n\n".join(grown)
    if exactly is not None:
        wrong = [
            _report(f"{name} ran {len(after[name])} queries, expected {exactly}", None, after[name])
            for name in works
            if len(after[name]) != exactly
        ]
        assert not wrong, "\n\n".join(wrong)
    return len(after[list(works)[-1]])
