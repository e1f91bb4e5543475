"""Every personal link in a browser that already holds another identity (breaker report 2 of
issue 15, finding 4): a staff sign-in or a Mijn Krachtbron session. Opening the link never
shows the link's page under that identity and never writes a look by the link's member or
network person; the other session stays as it was. Each kind of link either refuses with a
page that says it is for someone else (a share, a check-in), or is safe by design:

* Mijn Krachtbron (``portal:open``): the GET only shows a button; only the deliberate POST
  signs the member in (and ends the staff session first, ``portal.session``).
* the questionnaire (``questionnaires:open``): in a staff browser a page explains that the link
  is for the family and only a deliberate POST signs out and opens it; in a member's browser the
  link replaces the session (a fresh key): the questionnaire never runs inside the portal
  session of another member.
* "geen berichten meer" (``sending:stop``): the GET shows no name and logs no look, the token
  is the only key, and the one POST does only what the link says.
* the typed code (``portal:code``, the code beside a link): the GET is an empty form (it says
  when a staff member is signed in); only the deliberate POST of a typed code opens what the
  link opens, through the link's own functions (a fresh session, a staff sign-in ends first).

The cases are the throttle sweep's (``test_link_throttle.ROUTES``), which checks that every
route with a token is one of them.
"""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member
from krachtbron.testing.test_link_throttle import ROUTES, LinkRoute

pytestmark = pytest.mark.django_db

#: Routes that refuse another session with a "voor iemand anders" page (status 403).
REFUSES = {"networkplan:open_share", "aftercare:checkin_link"}


def _staff(org: Any) -> tuple[Client, str]:
    return login(Client(), org.adviser), reverse("families:caseload")


def _member(org: Any) -> tuple[Client, str]:
    return sign_in_member(Client(), org.youth, org.adviser), reverse("portal:home")


def _looks_by_the_link(before: int) -> list[Any]:
    """OK rows written since ``before`` by a family member or network person (the link's)."""
    return list(
        AccessLogEntry.objects.filter(pk__gt=before, result="ok")
        .exclude(actor_kind="staff")
        .exclude(object_type__in=["portal_home"])
        .values("actor_kind", "actor_member_id", "object_type")
    )


@pytest.mark.parametrize("who", [_staff, _member], ids=["staff", "mijn-krachtbron"])
@pytest.mark.parametrize("route", ROUTES, ids=[r.url_name for r in ROUTES])
def test_a_link_in_a_browser_with_another_identity(route: LinkRoute, who, org):
    token = route.good(org)
    client, home = who(org)
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get(reverse(route.url_name, args=[token]))
    if route.url_name in REFUSES:
        assert response.status_code == 403
        assert "Deze link is voor iemand anders" in response.content.decode()
        denied = AccessLogEntry.objects.filter(pk__gt=before, result="denied")
        assert all(row.actor_kind != "network_person" for row in denied)
    looks = [
        row
        for row in _looks_by_the_link(before)
        if who is _staff or row["actor_member_id"] != org.youth.pk
    ]
    assert not looks, looks
    if route.url_name == "questionnaires:open" and who is _member:
        return  # the link replaces the session (see the module's doc)
    assert client.get(home).status_code == 200, "the other session ended"


@pytest.mark.parametrize("who", [_staff, _member], ids=["staff", "mijn-krachtbron"])
def test_the_typed_code_page_in_a_browser_with_another_identity(who, org):
    client, home = who(org)
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    page = client.get(reverse("portal:code"))
    assert page.status_code == 200
    looks = [
        row
        for row in _looks_by_the_link(before)
        if who is _staff or row["actor_member_id"] != org.youth.pk
    ]
    assert not looks, looks
    assert client.get(home).status_code == 200, "the other session ended"
