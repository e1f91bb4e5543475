import pytest
from django.db import connection
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.families.choices import MemberRole
from krachtbron.instruments.ids import FAMILIES, ORGANISATION
from krachtbron.questionnaires.models import Invitation
from krachtbron.testing.factories import MemberFactory
from krachtbron.testing.forms import form_key_of


def _form(client, org):
    page = client.get(reverse("questionnaires:invite", args=[org.family.pk]))
    assert page.status_code == 200
    return form_key_of(page)


def _post(client, org, key, **extra):
    data = {"member": org.member.pk, "moment": "begin", "language": "nl", "form_key": key}
    data.update(extra)
    return client.post(reverse("questionnaires:invite", args=[org.family.pk]), data)


def test_it_shows_the_link_and_qr_once_and_stores_only_a_hash(org, as_user):
    client = as_user(org.adviser)
    response = _post(client, org, _form(client, org))
    assert response.status_code == 200
    token = response.context["token"]
    body = response.content.decode()
    assert reverse("questionnaires:open", args=[token]) in body
    assert "<svg" in body and 'role="img"' in body
    assert response["Referrer-Policy"] == "same-origin"  # forms here need their Origin
    invitation = Invitation.objects.get()
    assert invitation.created_by == org.adviser and invitation.member == org.member
    # The token is in no column of any table row we wrote.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM questionnaires_invitation")
        assert token not in repr(cursor.fetchall())
    entry = AccessLogEntry.objects.get(kind=AccessKind.CREATE, object_type="invitation")
    assert entry.family_id == org.family.pk and entry.actor == org.adviser
    # The invitation page later never shows the link again.
    detail = client.get(reverse("questionnaires:invitation", args=[invitation.pk]))
    assert token not in detail.content.decode()


def test_a_reloaded_post_does_not_make_a_second_invitation(org, as_user):
    client = as_user(org.adviser)
    key = _form(client, org)
    assert _post(client, org, key).status_code == 200
    again = _post(client, org, key)
    invitation = Invitation.objects.get()
    # Sent to the invitation made first; its link is not shown again.
    assert again.status_code == 302
    assert again["Location"] == reverse("questionnaires:invitation", args=[invitation.pk])
    assert "al gemaakt" in client.get(again["Location"]).content.decode()


def test_only_an_opvoeder_or_jeugdige_can_be_invited(org, as_user):
    child = MemberFactory(family=org.family, first_name="Noah", role=MemberRole.CHILD)
    client = as_user(org.adviser)
    response = _post(client, org, _form(client, org), member=child.pk)
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_a_member_of_another_family_cannot_be_invited(org, as_user):
    stranger = MemberFactory(family=org.other_family)
    client = as_user(org.adviser)
    response = _post(client, org, _form(client, org), member=stranger.pk)
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_posted_extra_fields_are_ignored(org, as_user):
    client = as_user(org.adviser)
    _post(
        client,
        org,
        _form(client, org),
        family=org.other_family.pk,
        created_by=org.colleague.pk,
        token_hash="0" * 64,
        instrument_id=ORGANISATION,
    )
    invitation = Invitation.objects.get()
    assert invitation.family == org.family and invitation.created_by == org.adviser
    assert invitation.token_hash != "0" * 64 and invitation.instrument_id == FAMILIES


@pytest.mark.parametrize("persona", ["colleague", "other_team", "teamleider", "beheerder"])
def test_nobody_else_can_invite(org, as_user, persona):
    client = as_user(org.personas()[persona])
    url = reverse("questionnaires:invite", args=[org.family.pk])
    assert client.get(url).status_code in (403, 404)
    data = {"member": org.member.pk, "moment": "begin", "language": "nl", "form_key": "x" * 24}
    assert client.post(url, data).status_code in (403, 404)
    assert not Invitation.objects.exists()
