"""The start page ``/`` knows who asks: the logo and "Naar de startpagina" of the shared pages
(an error page, Toegankelijkheid) sent a signed-in family member to the staff sign-in, asking
for a username and password as if they were signed out (session 12 try-out)."""

import pytest
from django.urls import reverse

from krachtbron.testing.portal import sign_in_member


@pytest.mark.django_db
def test_a_signed_in_member_starts_at_ons_plan(client, org):
    sign_in_member(client, org.member)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/mijn/doel/999999/cijfer/", "/toegankelijkheid/"])
def test_the_start_link_of_a_shared_page_leads_a_member_back_to_ons_plan(client, org, page):
    sign_in_member(client, org.member)
    shown = client.get(page)
    assert shown.status_code in (200, 404)
    assert f'href="{reverse("home")}"' in shown.content.decode()
    followed = client.get(reverse("home"), follow=True)
    assert followed.redirect_chain[-1][0] == reverse("portal:home")
    assert followed.status_code == 200


@pytest.mark.django_db
def test_staff_still_start_at_the_page_of_their_role(org, as_user):
    # Every role: families/tests/test_caseload.py::test_each_role_starts_on_its_own_page.
    response = as_user(org.adviser).get(reverse("home"))
    assert response["Location"] == reverse("families:caseload")


@pytest.mark.django_db
def test_anyone_else_is_asked_to_sign_in(client, org):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/"
