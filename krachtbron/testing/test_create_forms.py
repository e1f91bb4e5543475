"""Every form that posts is declared; every create form creates once (issue 12, section 1).

Generated from the declarations in `krachtbron/<app>/tests/matrix.py` (see testing/forms.py): a
new form that posts somewhere undeclared fails the first test; each create form is posted twice
with the same page's key and must store one row, the second answer leading where the first did.
"""

from datetime import datetime
from urllib.parse import unquote

import pytest
from django.apps import apps
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from krachtbron.accounts.middleware import AUTH_AT, SEEN_AT
from krachtbron.lib.idempotency import FIELD
from krachtbron.testing.forms import (
    CreateForm,
    declared_create_forms,
    declared_other_posts,
    post_forms,
    shown_text,
)
from krachtbron.testing.matrix import PERSONAS, declared_routes
from krachtbron.testing.personas import client_for, persona_user, sign_in_through_the_pages

ROUTES = declared_routes()
CREATE_FORMS = declared_create_forms()
OTHER_POSTS = declared_other_posts()


def _route_name(path: str) -> str | None:
    try:
        return resolve(path.split("?")[0]).view_name
    except Resolver404:
        return None


def test_each_route_is_declared_once_at_most():
    names = [form.url_name for form in CREATE_FORMS]
    assert len(names) == len(set(names))
    assert not set(names) & set(OTHER_POSTS), "declared both as create form and as other post"
    stale = (set(names) | set(OTHER_POSTS)) - {route.url_name for route in ROUTES}
    assert not stale, f"declared forms for routes that do not exist: {sorted(stale)}"


@pytest.mark.django_db
def test_every_route_a_form_posts_to_is_declared(org):
    """Walk every page as a persona who may see it; every POST target must be declared."""
    targets: dict[str, str] = {}
    for route in ROUTES:
        kwargs = route.kwargs(org) if route.kwargs else {}
        url = reverse(route.url_name, kwargs=kwargs)
        if not route.allowed and not route.public:
            targets.setdefault(route.url_name, "a POST-only route")
            continue
        persona = next((p for p in PERSONAS if p in route.allowed), "anonymous")
        client = client_for(org, persona)
        if route.setup is not None:
            route.setup(client, org, kwargs)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in post_forms(response.content.decode()):
            name = _route_name(form["action"] or url)
            if name is not None:
                targets.setdefault(name, url)
    declared = {form.url_name for form in CREATE_FORMS} | set(OTHER_POSTS)
    missing = {name: page for name, page in targets.items() if name not in declared}
    assert not missing, (
        "Declare these POST targets in <app>/tests/matrix.py as CREATE_FORMS (creates a row) "
        f"or OTHER_POSTS (why not): {missing}"
    )


def _signed_in(org, persona):
    return client_for(org, persona)


def _form_page(client, org, form: CreateForm):
    kwargs = form.kwargs(org) if form.kwargs else {}
    url = reverse(form.url_name, kwargs=kwargs)
    page_url = form.page(org, kwargs) if form.page else url
    page = client.get(page_url)
    assert page.status_code == 200, f"{page_url}: {page.status_code}"
    return url, page_url, page


def _key_for(page, url: str, page_url: str) -> str | None:
    for found in post_forms(page.content.decode()):
        target = found["action"] or page_url
        if target == url:
            return found["fields"].get(FIELD)
    raise AssertionError(f"no form posting to {url} on {page_url}")


@pytest.mark.django_db
@pytest.mark.parametrize("form", CREATE_FORMS, ids=[f.url_name for f in CREATE_FORMS])
def test_a_create_form_posted_twice_stores_one_row(org, form):
    client = _signed_in(org, form.persona)
    url, page_url, page = _form_page(client, org, form)
    key = _key_for(page, url, page_url)
    if form.natural:
        assert key is None, "declared as idempotent by its own rule, but carries a form key"
        data = form.data(org)
    else:
        assert key, f"the form on {page_url} carries no {FIELD}"
        data = {**form.data(org), FIELD: key}
    model = apps.get_model(form.model)
    before = model._default_manager.count()
    first = client.post(url, data)
    assert first.status_code in (200, 302), first.status_code
    assert model._default_manager.count() == before + 1, "the first POST created nothing"
    second = client.post(url, data)
    assert model._default_manager.count() == before + 1, "the second POST created another row"
    assert second.status_code == 302
    if first.status_code == 302:
        assert second["Location"] == first["Location"]


TYPED_FORMS = [form for form in CREATE_FORMS if form.typed]


@pytest.mark.django_db
@pytest.mark.parametrize("form", TYPED_FORMS, ids=[f.url_name for f in TYPED_FORMS])
def test_what_was_typed_in_a_create_form_comes_back_after_the_session_ran_out(org, form, settings):
    """Every create form: posted after the session ended, it is not saved; after signing in
    again (password and TOTP) the same user sees it filled in, and nothing is saved yet."""
    client = Client()
    user = persona_user(org, form.persona)
    assert sign_in_through_the_pages(client, user).status_code == 302
    url, page_url, page = _form_page(client, org, form)
    key = _key_for(page, url, page_url)
    model = apps.get_model(form.model)
    before = model._default_manager.count()
    session = client.session
    for name in (AUTH_AT, SEEN_AT):
        gone = datetime.fromisoformat(session[name]) - settings.SESSION_IDLE_TIMEOUT * 2
        session[name] = gone.isoformat()
    session.save()
    expired = client.post(url, {**form.data(org), FIELD: key})
    assert expired["Location"].startswith(reverse("accounts:login") + "?next=")
    back = sign_in_through_the_pages(client, user, unquote(expired["Location"].split("=", 1)[1]))
    assert back["Location"] == url
    shown = shown_text(client.get(url).content.decode())
    assert "Je was uitgelogd. Wat je had ingevuld staat er weer" in shown
    for text in form.typed:
        assert text in shown, f"{text!r} is not shown again on {url}"
    assert model._default_manager.count() == before
