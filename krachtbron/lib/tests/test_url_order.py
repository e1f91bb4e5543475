"""The order of the includes in krachtbron/urls.py changes no URL (Mijn Krachtbron and the
questionnaire come first for speed): every route, with example values, resolves to its own view
and no other."""

import re
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver, resolve

from krachtbron import urls

EXAMPLES = {"int": "7", "slug": "een-slug", "str": "iets", "path": "a/b", "uuid": "0" * 32}


def _example(route: str) -> str:
    """A path that ``route`` (a path() route or a regex) matches, with example values."""
    if route.startswith("^"):  # re_path: the project's only ones end in a free token
        return re.sub(r"\(\?P<\w+>\.\*\)\$$", "eentoken", route[1:])
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: EXAMPLES[m.group(1) or "str"], route)


def _routes(
    patterns: list, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, str]]:
    """(example path, namespace, url name) of every named route."""
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace or "") if n)
            yield from _routes(pattern.url_patterns, prefix + _example(route), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield "/" + prefix + _example(route), namespace, pattern.name


def test_every_route_resolves_to_itself():
    routes = list(_routes(get_resolver().url_patterns))
    assert len(routes) > 150  # every app's routes were walked
    wrong = []
    for path, namespace, name in routes:
        match = resolve(path)
        if (match.namespace, match.url_name) != (namespace, name):
            wrong.append((path, f"{namespace}:{name}", f"{match.namespace}:{match.url_name}"))
    assert wrong == []


def test_the_family_pages_come_first():
    includes = [p for p in urls.urlpatterns if isinstance(p, URLResolver)]
    assert [i.namespace for i in includes[:2]] == ["portal", "questionnaires"]


def test_the_order_decides_nothing(monkeypatch):
    """The same routes in the reverse order of includes resolve the same way: no include's
    route catches a path meant for another one, whichever comes first."""
    forward = list(_routes(get_resolver().url_patterns))
    reversed_patterns = [p for p in urls.urlpatterns if not isinstance(p, URLResolver)] + [
        p for p in reversed(urls.urlpatterns) if isinstance(p, URLResolver)
    ]
    monkeypatch.setattr(urls, "urlpatterns", reversed_patterns)
    from django.urls import clear_url_caches

    clear_url_caches()
    try:
        for path, namespace, name in forward:
            match = resolve(path)
            assert (match.namespace, match.url_name) == (namespace, name), path
    finally:
        monkeypatch.undo()
        clear_url_caches()
