"""Every page of a signed-in member shows the portal's menu (given by the context processor,
not by each view), with the page's own item marked; a staff page never shows it."""

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.testing.portal import sign_in_member

PAGES = [
    ("portal:home", {}, "Ons plan"),
    ("portal:goal_add", {}, "Ons plan"),
    ("portal:dimension_score", {"dimension": "social"}, "Ons plan"),
    ("portal:people", {}, "Onze mensen"),
    ("portal:network_plan", {}, "Ons netwerkplan"),
    ("portal:network_plan_call", {}, "Ons netwerkplan"),
    ("portal:questionnaires", {}, "Vragenlijsten"),
    ("portal:dossier", {}, "Ons dossier"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "kwargs", "current"), PAGES)
def test_a_member_page_shows_the_portal_menu(org, url_name, kwargs, current):
    client = sign_in_member(Client(), org.member)
    page = client.get(reverse(url_name, kwargs=kwargs))
    assert page.status_code == 200
    menu = page.context["main_nav"]
    assert [str(item["label"]) for item in menu] == [
        "Ons plan",
        "Onze mensen",
        "Ons netwerkplan",
        "Vragenlijsten",
        "Ons dossier",
    ]
    assert [str(item["label"]) for item in menu if item["current"]] == [current]


@pytest.mark.django_db
def test_a_staff_page_never_shows_the_portal_menu(org, as_user):
    page = as_user(org.adviser).get(reverse("families:caseload"))
    assert "Onze mensen" not in [str(item["label"]) for item in page.context["main_nav"]]
