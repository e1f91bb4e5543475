"""A form shown again after a refused post is a look at the file too (SECURITY.md 17, NEN 7513).

The GET of a family page writes a READ row (test_access_matrix.py); a post the form refuses
("Vul dit in.") shows the same page again: the file's header, the members in a select, the
dossier number. Some views logged only ``if request.method != "POST"``, so whoever posted an
empty form read the family's members without a row. The kind: every route that takes a POST,
posted empty by the persona who may use it; a page that comes back showing the family's number
or a member's name must have written a row for that family.
"""

from typing import Any

import pytest
from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry, AccessResult
from krachtbron.testing.forms import mentions
from krachtbron.testing.matrix import MEMBERS, STAFF, declared_routes
from krachtbron.testing.methods import methods_of
from krachtbron.testing.personas import client_for

pytestmark = pytest.mark.django_db

POST_ROUTES = [
    route
    for route in declared_routes()
    if "POST" in methods_of(route.url_name) and (route.allowed & (STAFF | MEMBERS))
]


def _last_log_id() -> int:
    return AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _persona(route: Any) -> str:
    order = ("adviser", "member", "teamleider", "beheerder", "colleague", "youth", "onderzoeker")
    return next(persona for persona in order if persona in route.allowed)


@pytest.mark.parametrize("route", POST_ROUTES, ids=[r.url_name for r in POST_ROUTES])
def test_a_form_shown_again_with_the_familys_file_writes_a_row(route, org):
    persona = _persona(route)
    kwargs = route.kwargs(org) if route.kwargs else {}
    client = client_for(org, persona)
    if route.setup is not None:
        route.setup(client, org, kwargs)
    since = _last_log_id()
    response = client.post(reverse(route.url_name, kwargs=kwargs), {})
    if response.status_code not in (200, 400) or "html" not in response.get("Content-Type", ""):
        return  # a redirect, a refusal, a download: no page of the file was shown
    body = response.content.decode()
    names = (org.family.reference, org.member.first_name, org.youth.first_name)
    if not any(mentions(body, name) for name in names):
        return
    rows = AccessLogEntry.objects.filter(
        pk__gt=since, family_id=org.family.pk, result=AccessResult.OK
    )
    assert rows.exists(), (
        f"{persona} posted an empty form to {route.url_name}: {response.status_code}, the page "
        "shows the family's file, and no access-log row was written"
    )
