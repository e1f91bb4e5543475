"""Declarations for the generated access matrix (SECURITY.md 8).

Every URL pattern of Krachtbron must be declared by some app in `krachtbron/<app>/tests/matrix.py`
as `ROUTES = [Route(...)]`. `test_access_matrix.py` walks the URL configuration, fails on any
undeclared pattern, and GETs each declared route as every persona: only the personas in `allowed`
may get a 200; the rest must get 403, 404, 405 or a redirect to the sign-in page. A route that
shows one family's file (`family=True`) must write a READ row for an allowed look and a DENIED
row for a refused one.

The routes forms post to are declared next to them (`CREATE_FORMS`, `OTHER_POSTS`, see
testing/forms.py); `test_post_matrix.py` posts each as every persona. A list page declares
`list_page=True` and how to grow what it lists; `test_list_queries.py` checks that its number of
queries does not grow with it (testing/queries.py).
"""

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

PERSONAS = (
    "adviser",  # Alice, the family's own adviser
    "colleague",  # Bob, same team, not assigned
    "other_team",  # Charlie, adviser of another team
    "teamleider",  # Tess, leads the family's team, not assigned
    "beheerder",  # Bea, beheerder and privacy officer
    "onderzoeker",  # Olga
    "anonymous",
    "member",  # Fatima, opvoeder (with gezag) of the family, signed in to Mijn Krachtbron
    "youth",  # Sem, 15, jeugdige in the same family, signed in to Mijn Krachtbron
    "other_member",  # Lotte, opvoeder of another family, signed in to Mijn Krachtbron
)
STAFF = frozenset({"adviser", "colleague", "other_team", "teamleider", "beheerder", "onderzoeker"})
#: Family members signed in to Mijn Krachtbron: no staff account, so a staff page sends them to
#: the staff sign-in as it does an anonymous visitor.
MEMBERS = frozenset({"member", "youth", "other_member"})


@dataclass(frozen=True)
class Route:
    url_name: str  # "namespace:name"
    kwargs: Callable[[Any], dict[str, Any]] | None = None  # org -> URL kwargs
    allowed: frozenset[str] = field(default_factory=lambda: frozenset({"adviser"}))
    public: bool = False  # reachable without signing in (sign-in pages, family links)
    # Some public routes need a per-test session (a family link exchanged for a session):
    # setup(client, org, kwargs) prepares the anonymous client before the GET (or POST).
    setup: Callable[..., None] | None = None
    # The page shows (part of) org.family's file: an allowed GET writes an access-log READ row
    # for that family, a refused GET by a signed-in persona a DENIED row (SECURITY.md 17).
    family: bool = False
    # A list: its number of queries must not grow with what it lists. grow(org) adds several
    # more rows of what the page lists, visible to every persona in `allowed`.
    list_page: bool = False
    grow: Callable[[Any], None] | None = None
    # The sign-in page of the route's side: staff pages send a visitor without a staff session
    # to the staff sign-in (settings.LOGIN_URL); Mijn Krachtbron's pages ("portal") send a
    # visitor without a member session to the portal's sign-in.
    side: str = "staff"

    def signed_in_personas(self) -> frozenset[str]:
        """Who holds the kind of session this route's side asks for."""
        return MEMBERS if self.side == "portal" else STAFF

    def sends_to_sign_in(self, persona: str) -> bool:
        """True when this persona must be sent to the side's sign-in page (not a 403/404):
        a page behind a sign-in, and the persona holds no session of that side."""
        return not self.public and persona not in self.signed_in_personas()

    def sign_in_url(self) -> str:
        from django.conf import settings
        from django.urls import reverse

        return reverse("portal:sign_in" if self.side == "portal" else settings.LOGIN_URL)


def declared_routes() -> list[Route]:
    routes: list[Route] = []
    for app in apps.get_app_configs():
        if not app.name.startswith("krachtbron."):
            continue
        try:
            module = importlib.import_module(f"{app.name}.tests.matrix")
        except ModuleNotFoundError as error:
            if error.name not in (f"{app.name}.tests", f"{app.name}.tests.matrix"):
                raise
            continue
        routes.extend(module.ROUTES)
    return routes


def named_patterns(
    resolver: URLResolver | None = None, prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    """("namespace:name", pattern) for every URL pattern of the project, through the includes
    (Django's resolver, so what `reverse` and a request see). Fails on a pattern without name:
    every route needs one."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from named_patterns(entry, namespace)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL pattern {entry.pattern} has no name: every route needs one"
            yield prefix + entry.name, entry
