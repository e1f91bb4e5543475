"""Personal links to Mijn Krachtbron: single use, expiring, withdrawable, throttled."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessLogEntry, AccessResult
from krachtbron.families.choices import MemberRole
from krachtbron.portal import actions
from krachtbron.portal.models import LinkKind, MemberLink
from krachtbron.testing.factories import MemberFactory
from krachtbron.testing.forms import mentions
from krachtbron.testing.portal import one_time_link, sign_in_member


def _home(client):
    return client.get(reverse("portal:home"))


@pytest.mark.django_db
def test_a_link_is_stored_only_as_a_hash_and_its_page_holds_no_name(client, org):
    link, token = actions.make_one_time_link(org.adviser, org.member)
    assert token not in link.token_hash and len(link.token_hash) == 64
    page = client.get(reverse("portal:open", args=[token]))
    assert page.status_code == 200
    assert not mentions(page.content.decode(), org.member.first_name)
    assert page["Referrer-Policy"] == "no-referrer"


@pytest.mark.django_db
def test_opening_the_page_of_a_one_time_link_does_not_use_it(client, org):
    """A chat app's link preview GETs the link: only the POST of the button uses it."""
    path = one_time_link(org.member)
    Client().get(path)
    Client().get(path)
    response = client.post(path)
    assert response.status_code == 302 and _home(client).status_code == 200


@pytest.mark.django_db
def test_a_one_time_link_works_once(org):
    path = one_time_link(org.member)
    assert Client().post(path).status_code == 302
    second = Client()
    response = second.post(path)
    assert response.status_code == 410
    assert "al gebruikt" in response.content.decode()
    assert _home(second).status_code == 302


@pytest.mark.django_db
def test_a_one_time_session_ends_when_the_browser_closes(client, org):
    sign_in_member(client, org.member)
    cookie = client.cookies["krachtbron_session"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a session cookie


@pytest.mark.django_db
def test_an_expired_link_is_refused_and_logged(client, org):
    link, token = actions.make_one_time_link(org.adviser, org.member)
    MemberLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(reverse("portal:open", args=[token]))
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    row = AccessLogEntry.objects.get(result=AccessResult.DENIED)
    assert row.family_id == org.family.pk and row.actor_member_id == org.member.pk


@pytest.mark.django_db
def test_a_withdrawn_one_time_link_ends_its_session(client, org):
    sign_in_member(client, org.member)
    link = MemberLink.objects.get(kind=LinkKind.ONE_TIME)
    assert actions.withdraw_link(org.adviser, link)
    response = _home(client)
    assert response.status_code == 302 and response["Location"] == reverse("portal:sign_in")
    assert "werkt niet meer" in client.get(reverse("portal:sign_in")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token", ["", "x", "a" * 42, "a" * 44, "a" * 10_000, "é" * 43, "../../etc", "%00" * 15]
)
def test_a_malformed_token_gets_a_friendly_page(client, token):
    response = client.get(f"/mijn/l/{token}")
    assert response.status_code in (404, 414)
    assert response.status_code == 414 or "Deze link werkt niet" in response.content.decode()


@pytest.mark.django_db
def test_failed_sign_ins_are_throttled_per_address(client, settings, org):
    settings.AXES_FAILURE_LIMIT = 3
    unknown = reverse("portal:open", args=["A" * 43])
    for _ in range(2):
        assert client.post(unknown).status_code == 404
    assert client.post(unknown).status_code == 429
    # Locked now: even a good link from this address waits.
    response = client.post(one_time_link(org.member))
    assert response.status_code == 429
    assert "Te vaak geprobeerd" in response.content.decode()
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post(one_time_link(org.member)).status_code == 302


@pytest.mark.django_db
def test_idle_and_absolute_timeouts_end_the_session(client, settings, org):
    from krachtbron.portal import session

    sign_in_member(client, org.member)
    stored = client.session
    stored[session.SEEN_AT] = (timezone.now() - timedelta(minutes=16)).isoformat()
    stored.save()
    assert _home(client)["Location"] == reverse("portal:sign_in")
    assert "niet actief" in client.get(reverse("portal:sign_in")).content.decode()

    sign_in_member(client, org.member)
    stored = client.session
    stored[session.AUTH_AT] = (timezone.now() - timedelta(hours=4, seconds=1)).isoformat()
    stored.save()
    assert _home(client)["Location"] == reverse("portal:sign_in")


@pytest.mark.django_db
def test_a_young_person_is_invited_from_the_12th_birthday(org, settings):
    """The rule is families.rights.may_have_portal; here it holds for links and sessions."""
    today = timezone.localdate()
    try:
        twelve = today.replace(year=today.year - 12)  # the 12th birthday is today
    except ValueError:  # 29 February: born on the 28th, twelve since yesterday
        twelve = date(today.year - 12, 2, 28)
    child = MemberFactory(
        family=org.family, role=MemberRole.CHILD, birth_date=twelve + timedelta(1)
    )
    no_date = MemberFactory(family=org.family, role=MemberRole.YOUTH, birth_year=today.year - 13)
    for member in (child, no_date):  # 11 until tomorrow; a year alone cannot tell
        with pytest.raises(actions.NotEligible):
            actions.invite_member(org.adviser, member)
        with pytest.raises(actions.NotEligible):
            actions.make_one_time_link(org.adviser, member)
    assert not MemberLink.objects.exists()
    young = MemberFactory(family=org.family, role=MemberRole.YOUTH, birth_date=twelve)
    actions.invite_member(org.adviser, young)  # 12 today
    assert MemberLink.objects.filter(member=young).exists()


@pytest.mark.django_db
def test_sign_out_ends_the_session_server_side(client, org):
    sign_in_member(client, org.member)
    key = client.session.session_key
    response = client.post(reverse("portal:sign_out"))
    assert response["Location"] == reverse("portal:sign_in")
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=key).exists()
    assert _home(client).status_code == 302
