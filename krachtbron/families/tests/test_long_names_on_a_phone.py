"""A long typed name fits a phone on every page of the family file (tester of issue 12,
finding 9).

At 360 px, a family named "Gezin Wolfeschlegelsteinhausenbergerdorff" (a real 35-letter name;
the field takes 100) made every page of the family file 545 px wide: the <h1> and each <bdi>
with the name did not wrap. A member with that first name widened 10 more pages. Typed names
now wrap anywhere (static/css/app.css); this checks every family page an adviser may open.
"""

import pytest
from django.urls import reverse

from krachtbron.families.models import Family, FamilyMember
from krachtbron.testing.browser import chromium, page_width, sign_in
from krachtbron.testing.matrix import declared_routes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Wolfeschlegelsteinhausenbergerdorff"
SKIP = ("_pdf", "_csv", "export", "_delete")


def test_a_long_name_fits_a_phone_on_every_page_of_the_file(org, live_server):
    Family.objects.filter(pk=org.family.pk).update(display_name=f"Gezin {NAME}")
    FamilyMember.objects.filter(pk=org.member.pk).update(first_name=NAME)
    routes = [
        r
        for r in declared_routes()
        if r.family and "adviser" in r.allowed and not r.url_name.endswith(SKIP)
    ]
    too_wide = []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        sign_in(page, live_server.url, org.adviser)
        for route in routes:
            path = reverse(route.url_name, kwargs=route.kwargs(org) if route.kwargs else {})
            response = page.goto(live_server.url + path)
            if response.status != 200 or "text/html" not in response.headers["content-type"]:
                continue
            width = page_width(page)
            if width > 360:
                too_wide.append((path, width))
    assert not too_wide, too_wide


@pytest.mark.parametrize("persona", ["teamleider", "beheerder"])
def test_a_long_team_name_fits_a_phone_on_every_page(org, live_server, persona):
    """The same kind for the other typed names people see in tables, cards and headings."""
    from krachtbron.accounts.models import Team

    Team.objects.filter(pk=org.team.pk).update(name=f"Team {NAME}{NAME}")
    Family.objects.filter(pk=org.family.pk).update(display_name=f"Gezin {NAME}")
    user = getattr(org, persona)
    routes = [
        r
        for r in declared_routes()
        if persona in r.allowed and not r.url_name.endswith(SKIP) and not r.family
    ]
    assert len(routes) > 5
    too_wide = []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        sign_in(page, live_server.url, user)
        for route in routes:
            path = reverse(route.url_name, kwargs=route.kwargs(org) if route.kwargs else {})
            response = page.goto(live_server.url + path)
            if response.status != 200 or "text/html" not in response.headers["content-type"]:
                continue
            width = page_width(page)
            if width > 360:
                too_wide.append((path, width))
    assert not too_wide, too_wide
