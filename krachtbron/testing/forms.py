"""Declarations for the generated tests of every form that posts (test_create_forms.py).

Each app's `krachtbron/<app>/tests/matrix.py` declares, next to its `ROUTES`:

- `CREATE_FORMS = [CreateForm(...)]`: every form whose POST creates a row, with valid data. The
  generated tests post each twice and expect one new row (idempotent create forms), and let the
  session run out before the POST and expect the typed input back after signing in again.
- `OTHER_POSTS = {"app:name": Post("why it creates no row", ...)}`: every other route that takes
  a POST (edits, deletes, filters, downloads, sign-in), with valid data and what it changes.

A test walks the pages of every declared route, collects every route a `<form method="post">`
posts to, and fails for one that is declared in neither list; another posts to every other route
and expects 405 (test_post_matrix.py), so no route takes a POST undeclared. The POST matrix posts
each declared route as every persona: the allowed ones succeed and change what the declaration
says, everyone else is refused and changes no row.
"""

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class CreateForm:
    url_name: str  # the route the form posts to
    model: str  # "app_label.Model" of the row it creates
    data: Callable[[Any], dict[str, Any]]  # org -> valid POST data (without the form key)
    kwargs: Callable[[Any], dict[str, Any]] | None = None  # org -> URL kwargs
    persona: str = "adviser"
    # The page that shows the form, when it is not the route itself (a button on another page):
    # org, kwargs -> URL.
    page: Callable[[Any, dict[str, Any]], str] | None = None
    # Posted values that are typed text, shown again in the form after the session ran out.
    typed: tuple[str, ...] = field(default_factory=tuple)
    # Idempotent by a rule of its own (a unique row), deliberately without a form key.
    natural: bool = False
    # Who may post it (the POST matrix); None: the personas that may GET the route.
    allowed: frozenset[str] | None = None

    @property
    def changes(self) -> tuple[str, ...]:
        return (self.model,)


def _no_data(org: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Post:
    """A route that takes a POST and creates no row of its own: an edit, a delete, a filter, a
    download, a step of signing in. The POST matrix (test_post_matrix.py) posts `data(org)` as
    every persona."""

    why: str  # what the POST does, in a few words
    data: Callable[[Any], dict[str, Any]] = _no_data  # org -> valid POST data
    # "app_label.Model"s whose rows the persona's POST changes (the access log for a download).
    changes: tuple[str, ...] = ()
    # Why a successful POST changes no row, when `changes` is empty (it sets a cookie, ...).
    unchanged: str = ""
    # Who may post; None: the personas that may GET the route. A POST-only route names them.
    allowed: frozenset[str] | None = None
    # Who posts to see the change happen; None: the first allowed persona (matrix.PERSONAS order).
    persona: str | None = None
    # org -> URL kwargs, when the POST needs its own target (None: the route's kwargs).
    kwargs: Callable[[Any], dict[str, Any]] | None = None
    # prepare(client, org, kwargs) -> more POST data: brings the signed-in (or anonymous)
    # client to where the form is posted from (half-way through signing in, say).
    prepare: Callable[[Any, Any, dict[str, Any]], dict[str, Any]] | None = None


def _from_apps(name: str) -> list[Any]:
    found: list[Any] = []
    for app in apps.get_app_configs():
        if not app.name.startswith("krachtbron."):
            continue
        try:
            module = importlib.import_module(f"{app.name}.tests.matrix")
        except ModuleNotFoundError as error:
            if error.name != f"{app.name}.tests.matrix":
                raise
            continue
        found.append(getattr(module, name, None))
    return [item for item in found if item is not None]


def declared_create_forms() -> list[CreateForm]:
    return [form for forms in _from_apps("CREATE_FORMS") for form in forms]


def declared_other_posts() -> dict[str, Post]:
    declared = {name: post for posts in _from_apps("OTHER_POSTS") for name, post in posts.items()}
    for name, post in declared.items():
        if not isinstance(post, Post):
            raise TypeError(
                f"OTHER_POSTS[{name!r}]: declare Post({post!r}, data, changes=..., allowed=...), "
                "so the POST matrix can post it (krachtbron/testing/forms.py)"
            )
    return declared


class _Forms(HTMLParser):
    """The POST forms of a page: their action and their hidden and typed fields."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._open: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form" and attributes.get("method", "").lower() == "post":
            self._open = {"action": attributes.get("action", ""), "fields": {}}
            self.forms.append(self._open)
        elif tag == "input" and self._open is not None and attributes.get("name"):
            self._open["fields"].setdefault(attributes["name"], attributes.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def post_forms(html: str) -> list[dict[str, Any]]:
    """[{"action": "...", "fields": {name: value}}] for every <form method="post"> of a page."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def form_key_of(response: Any, action: str = "") -> str:
    """The one-time key of the (first) POST form of a page whose action is `action`."""
    from krachtbron.lib.idempotency import FIELD

    for form in post_forms(response.content.decode()):
        if form["action"] == action and FIELD in form["fields"]:
            return str(form["fields"][FIELD])
    raise AssertionError(f"no form with a {FIELD} posting to {action!r}")


def shown_text(html: str) -> str:
    """The page's HTML with entities undone, to look for typed text in inputs and textareas."""
    import html as html_module

    return html_module.unescape(re.sub(r"\s+", " ", html))


def mentions(html: str, text: str) -> bool:
    """Whether a page shows `text` on its own, not inside a longer word or token.

    A random token (the CSRF token, a form's one-time key, a link's hash) is made of letters,
    digits, "-" and "_", so by chance it can spell a short first name ("Sem"): a plain substring
    test then reports a leak that is not there, about once in a few thousand pages."""
    import html as html_module

    pattern = rf"(?<![\w-]){re.escape(text)}(?![\w-])"
    return re.search(pattern, html_module.unescape(html)) is not None
