"""What HTTP methods a view declares (docs/adr/0018-every-view-names-its-methods.md): read from
the view itself, for the sweep (test_view_methods.py) and the matrices (which send the wrong one).
"""

from collections.abc import Callable
from typing import Any

from django.views.decorators.http import require_http_methods
from django.views.generic.base import View


def _sync(request: Any) -> None: ...


async def _async(request: Any) -> None: ...


#: The code of the check Django's `require_http_methods` (and so `require_safe`, `require_GET`,
#: `require_POST`) wraps around a view, for a plain and an async view: each decorated view gets
#: its own function with this code, holding the list of methods in its closure.
_METHOD_CHECKS = {require_http_methods([])(view).__code__ for view in (_sync, _async)}


def method_check(view: Callable[..., Any]) -> tuple[frozenset[str], list[Any]] | None:
    """(the methods, the wrappers inside the check) of a function view: the outermost
    `require_http_methods` in its `__wrapped__` chain; None without one."""
    current: Any = view
    while current is not None:
        if getattr(current, "__code__", None) in _METHOD_CHECKS:
            cells = dict(zip(current.__code__.co_freevars, current.__closure__, strict=True))
            methods = frozenset(cells["request_method_list"].cell_contents)
            inside = []
            inner = getattr(current, "__wrapped__", None)
            while getattr(inner, "__wrapped__", None) is not None:
                inside.append(inner)
                inner = inner.__wrapped__
            return methods, inside
        current = getattr(current, "__wrapped__", None)
    return None


def declared_methods(view: Callable[..., Any]) -> frozenset[str] | None:
    """The HTTP methods a view says it takes ({"GET", "HEAD"}, {"POST"}, ...), upper case; None
    when it says nothing (a function without `require_http_methods`, a class-based view that
    keeps `View.http_method_names`, which lets every method reach `dispatch`)."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        for klass in view_class.__mro__:
            if klass is View:
                return None
            if "http_method_names" in vars(klass):
                return frozenset(name.upper() for name in view_class.http_method_names)
        return None
    found = method_check(view)
    return found[0] if found else None


def methods_of(url_name: str) -> frozenset[str]:
    """The methods the view of a route ("namespace:name") declares; empty when it declares
    none (test_view_methods.py then fails for it)."""
    from krachtbron.testing.matrix import named_patterns

    for name, pattern in named_patterns():
        if name == url_name:
            return declared_methods(pattern.callback) or frozenset()
    raise KeyError(f"No route {url_name!r}")
