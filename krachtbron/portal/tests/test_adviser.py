"""The adviser's tab "Mijn Krachtbron": invite, one-time link, withdraw, print."""

import re

import pytest
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.families.choices import MemberRole
from krachtbron.lib.idempotency import new_key
from krachtbron.portal.models import LinkKind, MemberLink, Passkey
from krachtbron.testing.factories import MemberFactory


def _link_on(response) -> str:
    found = re.search(r'id="link"[^>]*value="([^"]+)"', response.content.decode())
    assert found, "the share page shows no link"
    return found.group(1)


@pytest.mark.django_db
def test_the_tab_shows_who_may_be_invited_and_logs_the_look(as_user, org):
    child = MemberFactory(family=org.family, first_name="Mila", role=MemberRole.CHILD)
    response = as_user(org.adviser).get(reverse("portal:family", args=[org.family.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("portal:invite", args=[org.member.pk]) in body
    assert reverse("portal:invite", args=[org.youth.pk]) in body
    assert reverse("portal:invite", args=[child.pk]) not in body
    assert "vertegenwoordigd door een ouder" in body
    row = AccessLogEntry.objects.get(object_type="portal_access")
    assert (row.actor_id, row.family_id, row.kind) == (org.adviser.pk, org.family.pk, "read")


@pytest.mark.django_db
def test_an_invitation_shows_its_link_once_with_a_qr_code(as_user, org):
    client = as_user(org.adviser)
    response = client.post(reverse("portal:invite", args=[org.member.pk]), {"form_key": new_key()})
    assert response.status_code == 200
    link = _link_on(response)
    assert "/mijn/l/" in link and "<svg" in response.content.decode()
    invitation = MemberLink.objects.get()
    assert invitation.kind == LinkKind.INVITATION
    assert link.rsplit("/", 1)[1] not in invitation.token_hash
    # Nowhere else: the tab does not show it.
    tab = client.get(reverse("portal:family", args=[org.family.pk])).content.decode()
    assert link not in tab
    row = AccessLogEntry.objects.get(kind=AccessKind.CREATE, object_type="memberlink")
    assert row.extra["kind"] == "invitation"


@pytest.mark.django_db
def test_a_child_cannot_be_invited_through_the_page_either(as_user, org):
    child = MemberFactory(family=org.family, role=MemberRole.CHILD)
    response = as_user(org.adviser).post(
        reverse("portal:invite", args=[child.pk]), {"form_key": new_key()}, follow=True
    )
    assert "vertegenwoordigd door een ouder" in response.content.decode()
    assert not MemberLink.objects.exists()


@pytest.mark.django_db
def test_another_adviser_cannot_invite_a_member_of_this_family(as_user, org):
    response = as_user(org.other_adviser).post(
        reverse("portal:invite", args=[org.member.pk]), {"form_key": new_key()}
    )
    assert response.status_code == 404
    assert not MemberLink.objects.exists()


@pytest.mark.django_db
def test_the_printed_invitation_and_its_pdf_need_the_link_itself(as_user, org):
    client = as_user(org.adviser)
    response = client.post(reverse("portal:invite", args=[org.member.pk]), {"form_key": new_key()})
    token = _link_on(response).rsplit("/", 1)[1]
    link = MemberLink.objects.get()
    printed = client.post(reverse("portal:print", args=[link.pk]), {"token": token})
    assert printed.status_code == 200 and token in printed.content.decode()
    pdf = client.post(reverse("portal:pdf", args=[link.pk]), {"token": token})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    wrong = client.post(reverse("portal:pdf", args=[link.pk]), {"token": "A" * 43})
    assert wrong.status_code == 302
    assert AccessLogEntry.objects.filter(kind=AccessKind.PRINT).count() == 2


@pytest.mark.django_db
def test_withdrawing_stops_the_link(as_user, org, client):
    adviser = as_user(org.adviser)
    response = adviser.post(
        reverse("portal:one_time", args=[org.member.pk]), {"form_key": new_key()}
    )
    path = "/" + _link_on(response).split("/", 3)[3]
    link = MemberLink.objects.get()
    adviser.post(reverse("portal:withdraw", args=[link.pk]))
    from django.test import Client

    assert Client().post(path).status_code == 410


@pytest.mark.django_db
def test_a_new_invitation_on_the_page_revokes_the_passkeys(as_user, org):
    from django.conf import settings
    from django.test import Client

    from krachtbron.testing.authenticator import SoftAuthenticator
    from krachtbron.testing.portal import enrol

    enrol(Client(), org.member, SoftAuthenticator(origin=settings.PORTAL_ORIGINS[0]))
    as_user(org.adviser).post(
        reverse("portal:invite", args=[org.member.pk]), {"form_key": new_key()}
    )
    assert Passkey.objects.get().revoked_at is not None


@pytest.mark.django_db
def test_revoking_the_passkeys_ends_the_members_session(as_user, org):
    from django.conf import settings
    from django.test import Client

    from krachtbron.testing.authenticator import SoftAuthenticator
    from krachtbron.testing.portal import enrol

    phone = Client()
    enrol(phone, org.member, SoftAuthenticator(origin=settings.PORTAL_ORIGINS[0]))
    assert phone.get(reverse("portal:home")).status_code == 200
    adviser = as_user(org.adviser)
    tab = adviser.get(reverse("portal:family", args=[org.family.pk])).content.decode()
    assert reverse("portal:revoke_passkeys", args=[org.member.pk]) in tab
    adviser.post(reverse("portal:revoke_passkeys", args=[org.member.pk]))
    assert Passkey.objects.get().revoked_at is not None
    assert phone.get(reverse("portal:home"))["Location"] == reverse("portal:sign_in")
    row = AccessLogEntry.objects.get(
        object_type="passkey", kind=AccessKind.CHANGE, actor=org.adviser
    )
    assert row.extra == {"action": "revoke", "count": 1}
