"""Break-11: every page of a family file that the family's own adviser opens is on record, and
a refused look-up through a query parameter or a form choice is on record too."""

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry, AccessResult
from krachtbron.testing.personas import login
from krachtbron.testing.test_denied_lookups import ROUTES

pytestmark = pytest.mark.django_db

GET_ROUTES = [r for r in ROUTES if "adviser" in r.allowed]


@pytest.mark.parametrize("route", GET_ROUTES, ids=[r.url_name for r in GET_ROUTES])
def test_every_family_page_the_adviser_opens_writes_a_row(org, route):
    url = reverse(route.url_name, kwargs=route.kwargs(org))
    client = login(Client(), org.adviser)
    before = AccessLogEntry.objects.count()
    response = client.get(url)
    assert response.status_code in (200, 302), (url, response.status_code)
    if response.status_code == 200:
        rows = AccessLogEntry.objects.all().order_by("id")[before:]
        assert any(row.family_id == org.family.pk for row in rows), f"{url}: no row"


def test_another_familys_member_in_the_network_query_is_a_denied_row(org):
    """/gezinnen/<mine>/netwerk/?gezinslid=<member of another family> is a 404 without a row."""
    from krachtbron.testing.factories import MemberFactory

    stranger = MemberFactory(family=org.other_family)
    client = login(Client(), org.adviser)
    url = reverse("network:map", kwargs={"pk": org.family.pk})
    assert client.get(url, {"gezinslid": stranger.pk}).status_code == 404
    assert AccessLogEntry.objects.filter(
        result=AccessResult.DENIED, family_id=org.other_family.pk
    ).exists(), "refused look-up of another family's member left no row"


def test_another_familys_member_posted_in_a_goal_form_is_a_denied_row(org):
    from krachtbron.testing.factories import MemberFactory

    stranger = MemberFactory(family=org.other_family)
    client = login(Client(), org.adviser)
    url = reverse("families:goal_add", kwargs={"pk": org.family.pk})
    page = client.get(url)
    key = page.context["form_key"] if page.context and "form_key" in page.context else None
    data = {"text": "x", "member": stranger.pk, "life_domain": "gezin", "status": "open"}
    if key:
        data["form_key"] = key
    response = client.post(url, data)
    assert response.status_code in (200, 400)
    assert AccessLogEntry.objects.filter(
        result=AccessResult.DENIED, family_id=org.other_family.pk
    ).exists(), "refused look-up of another family's member (form choice) left no row"
