"""The family session: a member signed in through a one-time link, and what it may reach."""

import pytest
from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry, ActorKind
from krachtbron.portal import session
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member


@pytest.mark.django_db
def test_a_member_signed_in_sees_ons_plan_with_their_first_name(client, org):
    sign_in_member(client, org.member)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert "Fatima" in response.content.decode()
    row = AccessLogEntry.objects.filter(object_type="portal_home").get()
    assert row.actor_kind == ActorKind.FAMILY_MEMBER
    assert row.actor_member_id == org.member.pk
    assert row.family_id == org.family.pk


@pytest.mark.django_db
def test_a_member_is_sent_to_staff_sign_in_on_a_staff_page(client, org):
    sign_in_member(client, org.member)
    response = client.get(reverse("families:detail", args=[org.family.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_signing_in_as_a_member_ends_a_staff_session_and_cycles_the_key(client, org):
    login(client, org.adviser)
    staff_key = client.session.session_key
    sign_in_member(client, org.member)
    assert client.session.session_key != staff_key
    assert "_auth_user_id" not in client.session
    # The staff pages are closed again in this browser.
    response = client.get(reverse("families:detail", args=[org.family.pk]))
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_a_staff_sign_in_flushes_the_member_session(client, org):
    from krachtbron.testing.personas import sign_in_through_the_pages

    sign_in_member(client, org.member)
    member_key = client.session.session_key
    sign_in_through_the_pages(client, org.adviser)
    assert client.session.session_key != member_key
    assert session.MEMBER not in client.session
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:sign_in")
