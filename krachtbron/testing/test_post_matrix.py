"""The access matrix for POST (SECURITY.md 8, 15; issue 12, section 6).

The GET matrix cannot see a POST-only route: every persona gets 405 there. This matrix posts to
every route that takes a POST, as every persona, with valid data (declared next to the route in
`<app>/tests/matrix.py`: `CREATE_FORMS` and `OTHER_POSTS`, see testing/forms.py):

- an allowed persona succeeds (2xx or 3xx, not to the sign-in page), and the declared change
  happens for the persona the declaration names;
- everyone else is refused (403 or 404; an anonymous visitor is sent to sign in) and **no row
  of any table changes** (a checksum of every table, so an UPDATE shows too); the access log
  may only gain rows that record a refusal.

No route takes a POST undeclared: every other route must answer a POST with 405. The wrong
method is asked as every persona too (docs/adr/0018): whoever may use the route gets 405, whoever
lacks the side's session the sign-in page, and the others 405 or the answer the right method got
them (a role is checked before the method, the object after it). Each persona posts inside its
own savepoint, rolled back after, so one org serves the whole route.
"""

import copy
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry, AccessResult
from krachtbron.lib.idempotency import FIELD, new_key
from krachtbron.testing.forms import CreateForm, Post, declared_create_forms, declared_other_posts
from krachtbron.testing.matrix import PERSONAS, Route, declared_routes
from krachtbron.testing.methods import methods_of
from krachtbron.testing.personas import client_for
from krachtbron.testing.rows import Change, changed_tables, snapshot, table_of

ROUTES = {route.url_name: route for route in declared_routes()}
LOG_TABLE = table_of("audit.AccessLogEntry")
SIGN_IN = reverse(settings.LOGIN_URL)


@pytest.fixture
def org(signed_in_org, db):
    """The module's org, every persona signed in once (conftest.py ``signed_in_org``)."""
    return copy.deepcopy(signed_in_org)


@dataclass(frozen=True)
class PostCase:
    """One route that takes a POST, from its CreateForm or Post declaration."""

    url_name: str
    declaration: CreateForm | Post

    @property
    def route(self) -> Route:
        return ROUTES[self.url_name]

    @property
    def allowed(self) -> frozenset[str]:
        declared = self.declaration.allowed
        if declared is None and isinstance(self.declaration, CreateForm):
            declared = frozenset({self.declaration.persona}) | self.route.allowed
        return self.route.allowed if declared is None else declared

    @property
    def persona(self) -> str:
        declared = self.declaration.persona
        if declared:
            return declared
        return next(persona for persona in PERSONAS if persona in self.allowed)

    def kwargs(self, org: Any) -> dict[str, Any]:
        made = self.declaration.kwargs or self.route.kwargs
        return made(org) if made else {}

    def data(self, org: Any) -> dict[str, Any]:
        data = dict(self.declaration.data(org))
        if isinstance(self.declaration, CreateForm) and not self.declaration.natural:
            data[FIELD] = new_key()  # as the form's page gives it: create_once runs too
        return data


CASES = sorted(
    [PostCase(form.url_name, form) for form in declared_create_forms()]
    + [PostCase(name, post) for name, post in declared_other_posts().items()],
    key=lambda case: case.url_name,
)
POSTED = {case.url_name for case in CASES}


def test_every_post_declaration_says_who_posts_and_what_changes():
    problems = []
    for case in CASES:
        if case.url_name not in ROUTES:
            problems.append(f"{case.url_name}: no such route")
            continue
        if not case.allowed:
            problems.append(f"{case.url_name}: declare who may post (allowed=...)")
        elif case.persona not in case.allowed:
            problems.append(f"{case.url_name}: persona {case.persona!r} may not post")
        post = case.declaration
        if isinstance(post, Post) and not post.changes and not post.unchanged:
            problems.append(f"{case.url_name}: declare changes=(...) or why unchanged=...")
        if not set(case.allowed) <= set(PERSONAS):
            problems.append(
                f"{case.url_name}: unknown personas {set(case.allowed) - set(PERSONAS)}"
            )
    assert not problems, problems


def _last_log_id() -> int:
    return AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _to_sign_in(status: int, location: str, sign_in: str = SIGN_IN) -> bool:
    return status == 302 and urlsplit(location).path == sign_in


@dataclass
class Outcome:
    status: int
    location: str
    changed: dict[str, Change]
    new_log_rows: list[AccessLogEntry]
    # What a GET got (asked before the POST) when the route's view takes no GET (else None).
    get_status: int | None = None
    get_location: str = ""

    def described(self, leave_out: str = "") -> dict[str, str]:
        return {table: str(change) for table, change in self.changed.items() if table != leave_out}


def _post_as(org: Any, case: PostCase, persona: str, url: str, kwargs: dict[str, Any]) -> Outcome:
    """Post as this persona inside a savepoint that is rolled back: the next one starts clean."""
    with transaction.atomic():
        client = client_for(org, persona)
        if case.route.setup is not None:
            case.route.setup(client, org, kwargs)
        data = case.data(org)
        prepare = getattr(case.declaration, "prepare", None)
        if prepare is not None:
            data.update(prepare(client, org, kwargs) or {})
        wrong: tuple[int | None, str] = (None, "")
        if "GET" not in methods_of(case.url_name):  # first: a POST may end the session
            answer = client.get(url)
            wrong = (answer.status_code, answer.get("Location", ""))
        last_log = _last_log_id()
        before = snapshot()
        response = client.post(url, data)
        after = snapshot()
        outcome = Outcome(
            response.status_code,
            response.get("Location", ""),
            changed_tables(before, after),
            list(AccessLogEntry.objects.filter(pk__gt=last_log)),
        )
        outcome.get_status, outcome.get_location = wrong
        transaction.set_rollback(True)
    return outcome


def _check_allowed(case: PostCase, persona: str, outcome: Outcome) -> list[str]:
    # A public route may lead to the sign-in page (signing out does); any other is refused.
    if outcome.status >= 400 or (
        _to_sign_in(outcome.status, outcome.location, case.route.sign_in_url())
        and not case.route.public
    ):
        return [f"{persona}: {outcome.status} {outcome.location} (expected success)"]
    if persona != case.persona:
        return []
    problems = []
    for label in case.declaration.changes:
        if table_of(label) not in outcome.changed:
            problems.append(f"{persona}: {label} did not change ({outcome.described()})")
    if LOG_TABLE in {table_of(label) for label in case.declaration.changes} and not any(
        row.result == AccessResult.OK for row in outcome.new_log_rows
    ):
        problems.append(f"{persona}: no access-log row of the allowed action")
    if isinstance(case.declaration, CreateForm):
        change = outcome.changed.get(table_of(case.declaration.model))
        if change is None or change.after != change.before + 1:
            problems.append(f"{persona}: not one new {case.declaration.model} ({change})")
    return problems


def _check_refused(case: PostCase, persona: str, outcome: Outcome) -> list[str]:
    problems = []
    if case.route.sends_to_sign_in(persona):
        # Anonymous, a family member on a staff route, staff on a member's route.
        if not _to_sign_in(outcome.status, outcome.location, case.route.sign_in_url()):
            problems.append(f"{persona}: {outcome.status} {outcome.location} (expected sign-in)")
    elif outcome.status not in (403, 404):
        problems.append(f"{persona}: {outcome.status} {outcome.location} (expected 403/404)")
    changed = outcome.described(leave_out=LOG_TABLE)
    if changed:
        problems.append(f"{persona}: refused, yet changed {changed}")
    allowed_rows = [row for row in outcome.new_log_rows if row.result != AccessResult.DENIED]
    if allowed_rows:
        problems.append(f"{persona}: refused, yet logged {[str(row) for row in allowed_rows]}")
    return problems


def _check_wrong_method(
    route: Route, persona: str, allowed: bool, status: int, location: str, right: tuple[int, str]
) -> list[str]:
    """The answer to a method the route's view does not take (docs/adr/0018): 405 for whoever
    may use the route with the right one; the sign-in page for whoever lacks the side's session;
    for anyone else 405 (stopped at the method, before the object) or exactly the answer the
    right method got them (`right`: stopped before the method, by a role)."""
    if route.sends_to_sign_in(persona):
        if not _to_sign_in(status, location, route.sign_in_url()):
            return [f"{persona}: {status} {location} (expected sign-in)"]
    elif allowed:
        if status != 405:
            return [f"{persona}: {status} {location} (expected 405)"]
    elif status != 405 and (status, location) != right:
        return [f"{persona}: {status} {location} (expected 405, or {right[0]} as the other method)"]
    return []


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[case.url_name for case in CASES])
def test_only_the_allowed_personas_change_anything_with_a_post(case, org):
    """... and where the route's view takes no GET, a GET as each persona is refused as
    `_check_wrong_method` says."""
    kwargs = case.kwargs(org)
    url = reverse(case.url_name, kwargs=kwargs)
    problems = []
    for persona in PERSONAS:
        outcome = _post_as(org, case, persona, url, kwargs)
        if persona in case.allowed:
            problems += _check_allowed(case, persona, outcome)
        else:
            problems += _check_refused(case, persona, outcome)
        if outcome.get_status is not None:
            problems += [
                f"GET {problem}"
                for problem in _check_wrong_method(
                    case.route,
                    persona,
                    persona in case.allowed,
                    outcome.get_status,
                    outcome.get_location,
                    (outcome.status, outcome.location),
                )
            ]
    assert not problems, f"POST {url}:\n" + "\n".join(problems)


UNPOSTED = [route for name, route in sorted(ROUTES.items()) if name not in POSTED]


@pytest.mark.django_db
@pytest.mark.parametrize("route", UNPOSTED, ids=[route.url_name for route in UNPOSTED])
def test_every_other_route_refuses_a_post(route, org):
    """A route that takes a POST must be declared, so the matrix above posts to it: every
    undeclared route answers a POST with 405 for every persona who may GET it, and refuses
    everyone else as `_check_wrong_method` says; no row of any table changes."""
    assert route.allowed, (
        f"{route.url_name} is reachable for nobody by GET: declare its POST in OTHER_POSTS"
    )
    kwargs = route.kwargs(org) if route.kwargs else {}
    url = reverse(route.url_name, kwargs=kwargs)
    problems = []
    for persona in PERSONAS:
        client = client_for(org, persona)
        if route.setup is not None:
            route.setup(client, org, kwargs)
        got = client.get(url)
        before = snapshot()
        response = client.post(url, {})
        problems += _check_wrong_method(
            route,
            persona,
            persona in route.allowed,
            response.status_code,
            response.get("Location", ""),
            (got.status_code, got.get("Location", "")),
        )
        if changed_tables(before, snapshot()):
            problems.append(f"{persona}: changed {changed_tables(before, snapshot())}")
    assert not problems, (
        f"POST {url} (declare a route that takes a POST in CREATE_FORMS or OTHER_POSTS, or let "
        "the view say which methods it takes: @require_safe):\n" + "\n".join(problems)
    )
