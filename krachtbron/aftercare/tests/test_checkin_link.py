"""The check-in by personal link (breaker report 2 of issue 15, findings 4 and 5): the link is
made only for a member who may speak for themselves, refuses a browser that already holds
another identity (a staff sign-in, a Mijn Krachtbron session) without logging a look by the
member, and speaks the member's own language on each of its pages."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.aftercare import actions
from krachtbron.aftercare.forms import LinkForm
from krachtbron.aftercare.models import FollowUp
from krachtbron.aftercare.tests.helpers import open_check_in
from krachtbron.audit.models import AccessLogEntry
from krachtbron.families.choices import MemberRole
from krachtbron.testing.factories import MemberFactory
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member

ANSWER = {"score": "6", "agreements_work": "deels", "wants_contact": "ja"}


def _child(family):
    today = timezone.localdate()
    born = date(today.year - 9, 1, 1)
    return MemberFactory(
        family=family,
        first_name="Jayden",
        role=MemberRole.YOUTH,
        birth_date=born,
        birth_year=born.year,
    )


@pytest.mark.django_db
def test_the_link_is_offered_only_to_who_may_speak_for_themselves(org):
    _child(org.family)
    form = LinkForm(family=org.family, user=org.adviser)
    offered = {pk for pk, _label in form.fields["member"].choices if pk}
    assert {int(str(pk)) for pk in offered} == {org.member.pk, org.youth.pk}
    html = str(form["member"])
    assert "---------" not in html and "Kies iemand" in html
    assert "Jayden" not in html


@pytest.mark.django_db
def test_a_posted_younger_member_is_refused_and_nothing_is_made(org):
    child = _child(org.family)
    follow_up = open_check_in(org.adviser, org.family)
    client = login(Client(), org.adviser)
    url = reverse("aftercare:make_link", args=[follow_up.pk])
    response = client.post(url, {"member": child.pk})
    assert response.status_code == 400
    assert "Kies iets uit de lijst." in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.token_hash == "" and follow_up.link_member is None
    with pytest.raises(ValueError):
        actions.make_link(org.adviser, follow_up, child)
    assert FollowUp.objects.get(pk=follow_up.pk).token_hash == ""


def _link(org, member=None):
    follow_up = open_check_in(org.adviser, org.family)
    token = actions.make_link(org.adviser, follow_up, member or org.youth)
    return follow_up, reverse("aftercare:checkin_link", args=[token])


def _member_rows(follow_up, member):
    return AccessLogEntry.objects.filter(
        actor_member_id=member.pk, object_type="followup", object_id=follow_up.pk, result="ok"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_staff_browser_gets_the_other_session_page(org, method):
    follow_up, url = _link(org)
    client = login(Client(), org.adviser)
    response = getattr(client, method)(url, ANSWER if method == "post" else None)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Deze link is voor iemand anders" in page and "Hoe gaat het nu?" not in page
    assert not _member_rows(follow_up, org.youth).exists()
    denied = AccessLogEntry.objects.get(result="denied", object_id=follow_up.pk)
    assert denied.actor_id == org.adviser.pk and denied.extra["problem"] == "other_session"
    follow_up.refresh_from_db()
    assert follow_up.answered_at is None and follow_up.token_hash  # the link still works
    assert client.get(reverse("families:caseload")).status_code == 200  # still signed in
    assert Client().get(url).status_code == 200


@pytest.mark.django_db
def test_a_mijn_krachtbron_browser_gets_the_other_session_page(org):
    follow_up, url = _link(org)
    client = sign_in_member(Client(), org.member, org.adviser)
    response = client.post(url, ANSWER)
    assert response.status_code == 403
    assert "Deze link is voor iemand anders" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.answered_at is None
    assert not _member_rows(follow_up, org.youth).exists()
    denied = AccessLogEntry.objects.get(result="denied", object_id=follow_up.pk)
    assert denied.actor_member_id == org.member.pk
    assert client.get(reverse("portal:home")).status_code == 200  # still the member's session


def _speaks_english(org):
    from krachtbron.portal.models import MemberLanguage

    MemberLanguage.objects.create(member=org.youth, language="en")


@pytest.mark.django_db
@pytest.mark.parametrize("browser", ["nl", "en"])
def test_the_link_speaks_the_members_language(org, browser):
    _speaks_english(org)
    follow_up, url = _link(org)
    client = Client(headers={"accept-language": browser})
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and '<html lang="en" dir="ltr">' in html
    assert "How are you doing now?" in html and "Hoe gaat het nu?" not in html
    bad = client.post(url, {"score": "11"})
    assert bad.status_code == 400 and '<html lang="en" dir="ltr">' in bad.content.decode()
    assert "Hoe gaat het" not in bad.content.decode()
    done = client.post(url, ANSWER)
    assert done.status_code == 200 and '<html lang="en" dir="ltr">' in done.content.decode()
    assert done["Content-Language"] == "en"


@pytest.mark.django_db
def test_a_dutch_member_keeps_dutch_in_an_english_browser(org):
    follow_up, url = _link(org)
    client = Client()
    client.cookies["django_language"] = "en"
    page = client.get(url)
    assert '<html lang="nl" dir="ltr">' in page.content.decode()
    assert "Hoe gaat het nu?" in page.content.decode()
