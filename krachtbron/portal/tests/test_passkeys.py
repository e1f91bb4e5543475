"""Passkeys: made once with an invitation, then used to sign in; refused when they must be."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry, AccessResult, ActorKind
from krachtbron.portal import actions
from krachtbron.portal.models import MemberLink, Passkey
from krachtbron.testing.authenticator import SoftAuthenticator, b64url, options_on
from krachtbron.testing.portal import enrol, invitation_link, sign_in_member, sign_in_with_passkey


@pytest.fixture
def phone():
    return SoftAuthenticator(origin=settings.PORTAL_ORIGINS[0])


def _signed_in(client) -> bool:
    return client.get(reverse("portal:home")).status_code == 200


@pytest.mark.django_db
def test_the_invitation_makes_a_passkey_and_signs_the_member_in(client, org, phone):
    response = enrol(client, org.member, phone)
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    passkey = Passkey.objects.get(member=org.member)
    assert passkey.revoked_at is None and passkey.invitation.used_at is not None
    assert passkey.credential_id == b64url(phone.credentials[0].id)
    assert _signed_in(client)
    row = AccessLogEntry.objects.get(object_type="passkey", kind="create")
    assert row.actor_kind == ActorKind.FAMILY_MEMBER and row.actor_member_id == org.member.pk


@pytest.mark.django_db
def test_the_member_signs_in_again_with_the_passkey_and_no_user_name(org, phone):
    enrol(Client(), org.member, phone)
    client = Client()
    response = sign_in_with_passkey(client, phone)
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert _signed_in(client)
    passkey = Passkey.objects.get(member=org.member)
    assert passkey.sign_count == 1 and passkey.last_used_at is not None


@pytest.mark.django_db
def test_an_answer_from_another_origin_is_refused(org, phone):
    enrol(Client(), org.member, phone)
    client = Client()
    response = sign_in_with_passkey(client, phone, origin="https://krachtbron.evil.example")
    assert response.status_code == 400
    assert not _signed_in(client)
    refused = AccessLogEntry.objects.filter(result=AccessResult.DENIED, object_type="passkey")
    assert refused.count() == 1


@pytest.mark.django_db
def test_an_answer_for_another_relying_party_is_refused(org, phone):
    enrol(Client(), org.member, phone)
    response = sign_in_with_passkey(Client(), phone, rp_id="evil.example")
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_passkey_made_for_another_origin_is_not_stored(client, org, phone):
    path = invitation_link(org.member)
    client.post(path)
    page = client.get(reverse("portal:welcome"))
    answer = phone.create(options_on(page), origin="https://krachtbron.evil.example")
    response = client.post(reverse("portal:welcome"), {"credential": answer})
    assert response.status_code == 400
    assert not Passkey.objects.exists()
    assert MemberLink.objects.get().used_at is None  # the invitation still works


@pytest.mark.django_db
def test_a_replayed_sign_in_answer_is_refused(org, phone):
    enrol(Client(), org.member, phone)
    client = Client()
    page = client.get(reverse("portal:sign_in"))
    answer = phone.get(options_on(page))
    assert client.post(reverse("portal:sign_in"), {"credential": answer}).status_code == 302
    # The same answer again, in a fresh browser and in the same one: the challenge is spent.
    for again in (Client(), client):
        again.get(reverse("portal:sign_in"))  # a page with a new challenge
        response = again.post(reverse("portal:sign_in"), {"credential": answer})
        assert response.status_code == 400
    assert Passkey.objects.get().sign_count == 1


@pytest.mark.django_db
def test_an_answer_to_a_challenge_from_another_session_is_refused(org, phone):
    enrol(Client(), org.member, phone)
    stranger, victim = Client(), Client()
    options = options_on(stranger.get(reverse("portal:sign_in")))
    victim.get(reverse("portal:sign_in"))
    response = victim.post(reverse("portal:sign_in"), {"credential": phone.get(options)})
    assert response.status_code == 400
    assert not _signed_in(victim)


@pytest.mark.django_db
def test_a_new_invitation_revokes_the_old_passkey_and_ends_its_session(org, phone):
    old = Client()
    enrol(old, org.member, phone)
    assert _signed_in(old)
    actions.invite_member(org.adviser, org.member)  # the phone was lost
    assert Passkey.objects.get().revoked_at is not None
    assert not _signed_in(old)
    response = sign_in_with_passkey(Client(), phone)
    assert response.status_code == 400
    assert AccessLogEntry.objects.filter(
        result=AccessResult.DENIED, object_type="passkey", extra__problem="revoked"
    ).exists()


@pytest.mark.django_db
def test_an_invitation_makes_one_passkey_only(org, phone):
    client = Client()
    path = invitation_link(org.member)
    client.post(path)
    page = client.get(reverse("portal:welcome"))
    answer = phone.create(options_on(page))
    assert client.post(reverse("portal:welcome"), {"credential": answer}).status_code == 302
    # The link again, from another browser: used up.
    other = Client()
    assert other.post(path).status_code == 410
    assert other.get(reverse("portal:welcome"))["Location"] == reverse("portal:sign_in")
    assert Passkey.objects.count() == 1


@pytest.mark.django_db
def test_a_one_time_link_session_cannot_make_a_passkey(client, org):
    sign_in_member(client, org.member)
    response = client.get(reverse("portal:welcome"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:sign_in")
    response = client.post(reverse("portal:welcome"), {"credential": "{}"})
    assert response.status_code == 302
    assert not Passkey.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "answer", ["", "nonsense", "{}", "[]", '{"id": 5}', "x" * 20_000, '{"id": "AAAA"}']
)
def test_a_malformed_answer_is_refused_without_an_error(client, org, answer):
    client.get(reverse("portal:sign_in"))
    response = client.post(reverse("portal:sign_in"), {"credential": answer})
    assert response.status_code == 400
    assert "Inloggen lukte niet" in response.content.decode()
