"""The member gate's one query (``session._member_through``): it lets a member in only through
their own passkey that is not revoked, or their own one-time link that is not withdrawn, and
loads the member with the family and the language, never the passkey's key material."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from krachtbron.portal import actions
from krachtbron.portal.models import LinkKind, Passkey
from krachtbron.portal.session import Via, _member_through


def _passkey(member, credential: str) -> Passkey:
    return Passkey.objects.create(
        family=member.family,
        member=member,
        credential_id=credential,
        public_key=b"public key",
        user_handle=b"handle",
        created_at=timezone.now(),
    )


@pytest.mark.django_db
def test_a_one_time_link_lets_its_own_member_in_while_it_holds(org):
    link, _token = actions.make_one_time_link(org.adviser, org.member)
    with CaptureQueriesContext(connection) as queries:
        member = _member_through(Via.ONE_TIME, link.pk, org.member.pk)
        assert member == org.member
        # The family and the language come with it: no query when a page uses them.
        assert member.family.reference == org.family.reference
        assert member.__class__.portal_language.is_cached(member)
    assert len(queries) == 1
    # Another member's session never passes with this link, nor this one with another's id.
    assert _member_through(Via.ONE_TIME, link.pk, org.youth.pk) is None
    assert _member_through(Via.ONE_TIME, link.pk + 1000, org.member.pk) is None
    # A link read as a passkey's id does not pass either.
    assert _member_through(Via.PASSKEY, link.pk, org.member.pk) is None
    actions.withdraw_link(org.adviser, link)
    assert _member_through(Via.ONE_TIME, link.pk, org.member.pk) is None


@pytest.mark.django_db
def test_an_invitation_is_not_a_one_time_link(org):
    link, _token = actions.invite_member(org.adviser, org.member)
    assert link.kind == LinkKind.INVITATION
    assert _member_through(Via.ONE_TIME, link.pk, org.member.pk) is None


@pytest.mark.django_db
def test_a_passkey_lets_its_own_member_in_until_it_is_revoked(org):
    passkey = _passkey(org.member, "credential-1")
    other = _passkey(org.youth, "credential-2")
    with CaptureQueriesContext(connection) as queries:
        assert _member_through(Via.PASSKEY, passkey.pk, org.member.pk) == org.member
    (query,) = queries
    # The passkey is only checked, not read: its key material stays in the database.
    assert "public_key" not in query["sql"] and "credential_id" not in query["sql"]
    assert _member_through(Via.PASSKEY, other.pk, org.member.pk) is None
    assert _member_through(Via.ONE_TIME, passkey.pk, org.member.pk) is None
    Passkey.objects.filter(pk=passkey.pk).update(revoked_at=timezone.now())
    assert _member_through(Via.PASSKEY, passkey.pk, org.member.pk) is None
    assert _member_through(Via.PASSKEY, other.pk, org.youth.pk) == org.youth
