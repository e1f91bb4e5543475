""" "Ik wil weer contact": the team sees the request with its response time, overdue marked."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.aftercare import actions
from krachtbron.aftercare.tests.helpers import answered_check_in
from krachtbron.testing.factories import FamilyFactory, MemberFactory
from krachtbron.testing.personas import login

URL = "/team/nazorg/"


@pytest.mark.django_db
def test_the_response_time_is_the_setting(org, settings):
    settings.FOLLOWUP_RESPONSE_DAYS = 3
    follow_up = answered_check_in(org.adviser, org.family, org.member, contact=True)
    assert actions.response_due(follow_up) == follow_up.answered_at + timedelta(days=3)
    assert not actions.is_overdue(follow_up)
    assert actions.is_overdue(follow_up, follow_up.answered_at + timedelta(days=3, seconds=1))
    assert not actions.is_overdue(follow_up, follow_up.answered_at + timedelta(days=3))


@pytest.mark.django_db
def test_the_team_page_lists_requests_and_marks_the_overdue(org, settings):
    settings.FOLLOWUP_RESPONSE_DAYS = 5
    assert reverse("aftercare:requests") == URL
    late_family = FamilyFactory(team=org.team, advisers=[org.adviser], display_name="Gezin Laat")
    answered_check_in(
        org.adviser, late_family, MemberFactory(family=late_family), contact=True, days_ago=6
    )
    answered_check_in(org.adviser, org.family, org.member, contact=True, days_ago=1)
    quiet = FamilyFactory(team=org.team, advisers=[org.adviser], display_name="Gezin Stil")
    answered_check_in(org.adviser, quiet, MemberFactory(family=quiet), contact=False)
    late, amrani, stil = late_family.reference, org.family.reference, quiet.reference
    for user in (org.teamleider, org.colleague):
        body = login(Client(), user).get(URL).content.decode()
        assert late in body and amrani in body and stil not in body
        # Dossier numbers and dates only: no family's name for the team (docs/netwerkplan.md).
        assert "Gezin Laat" not in body and "Gezin Amrani" not in body
        assert body.count("is-overdue") == 1 and "1 verzoek is over tijd." in body
        assert "binnen 5 dagen" in body
        assert body.index(late) < body.index(amrani)  # oldest first
    # Another team sees none of them.
    body = login(Client(), org.other_adviser).get(URL).content.decode()
    assert late not in body and "Er wacht geen gezin op contact." in body


@pytest.mark.django_db
def test_a_request_taken_up_leaves_the_list_once(org):
    follow_up = answered_check_in(org.adviser, org.family, org.member, contact=True)
    client = login(Client(), org.colleague)
    done = reverse("aftercare:request_done", args=[follow_up.pk])
    assert client.post(done).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.contact_handled_by == org.colleague
    first = follow_up.contact_handled_at
    assert not actions.handle_request(org.adviser, follow_up)  # a second click
    follow_up.refresh_from_db()
    assert follow_up.contact_handled_at == first
    assert "Gezin Amrani" not in client.get(URL).content.decode()


@pytest.mark.django_db
def test_another_team_cannot_take_up_a_request(org):
    follow_up = answered_check_in(org.adviser, org.family, org.member, contact=True)
    response = login(Client(), org.other_adviser).post(
        reverse("aftercare:request_done", args=[follow_up.pk])
    )
    assert response.status_code == 404
    follow_up.refresh_from_db()
    assert follow_up.contact_handled_at is None


@pytest.mark.django_db
def test_the_family_sees_whom_to_call_from_the_settings(org, settings):
    settings.AFTERCARE_TEAM_PHONES = {"Team Oost": "020 111 2222"}
    follow_up = answered_check_in(org.adviser, org.family, org.member, contact=True)
    from krachtbron.testing.portal import sign_in_member

    member = sign_in_member(Client(), org.member)
    body = member.get(reverse("portal:followup_done", args=[follow_up.pk])).content.decode()
    assert "020 111 2222" in body and "112" in body and "0800-2000" in body
    assert 'href="tel:0201112222"' in body
    assert timezone.now() > follow_up.answered_at
