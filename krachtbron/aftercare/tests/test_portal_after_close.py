"""Mijn Krachtbron after the help is closed: reading the plan for PORTAL_AFTER_CLOSE_MONTHS,
the few things a member can still do, and then links and sessions refused (a friendly page)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.aftercare import actions
from krachtbron.aftercare.models import Closure
from krachtbron.aftercare.tests.helpers import close, open_check_in
from krachtbron.audit.models import AccessLogEntry
from krachtbron.families.choices import FamilyStatus
from krachtbron.families.models import Family, Goal
from krachtbron.portal import http
from krachtbron.testing.portal import one_time_link, sign_in_member


def _until(family, days_from_today):
    Closure.objects.filter(family=family).update(
        portal_until=timezone.localdate() + timedelta(days=days_from_today)
    )


@pytest.mark.django_db
def test_the_access_period_follows_the_setting(org, settings):
    settings.PORTAL_AFTER_CLOSE_MONTHS = 3
    closure = close(org.adviser, org.family)
    assert closure.portal_until == actions.add_months(timezone.localdate(), 3)
    access = actions.portal_access(org.family)
    assert (access.closed, access.ended, access.until) == (True, False, closure.portal_until)
    assert not actions.portal_access(org.family, closure.portal_until).ended  # the last day
    assert actions.portal_access(org.family, closure.portal_until + timedelta(1)).ended


@pytest.mark.django_db
def test_zero_months_ends_access_the_day_after_closing(org, settings):
    settings.PORTAL_AFTER_CLOSE_MONTHS = 0
    close(org.adviser, org.family)
    today = timezone.localdate()
    assert not actions.portal_access(org.family, today).ended
    assert actions.portal_access(org.family, today + timedelta(1)).ended


@pytest.mark.django_db
def test_a_file_closed_without_a_closure_record_has_no_access(org):
    Family.objects.filter(pk=org.family.pk).update(status=FamilyStatus.CLOSED)
    org.family.refresh_from_db()
    assert actions.portal_access(org.family).ended


@pytest.mark.django_db
def test_within_the_period_the_plan_is_read_and_changes_are_refused(org):
    member = sign_in_member(Client(), org.member)
    close(org.adviser, org.family)
    home = member.get(reverse("portal:home"))
    assert home.status_code == 200
    body = home.content.decode()
    assert "De hulp is afgesloten" in body and "0800-2000" in body and "112" in body
    assert member.get(reverse("portal:plan_pdf")).status_code == 200
    assert member.get(reverse("portal:dossier")).status_code == 200
    # What the help was for is over: new goals, scores, questionnaires, the network proposals.
    for name, kwargs in (
        ("portal:goal_add", {}),
        ("portal:goal_score", {"pk": org.goal.pk}),
        ("portal:questionnaires", {}),
        ("portal:people", {}),
    ):
        response = member.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 403, name
        assert "Dit kan niet meer" in response.content.decode()
    goals = Goal.objects.count()
    response = member.post(reverse("portal:goal_add"), {"text": "Nieuw", "life_domain": "wonen"})
    assert response.status_code == 403
    assert Goal.objects.count() == goals
    response = member.post(reverse("portal:correction"), {"text": "Klopt niet"})
    assert response.status_code == 403
    # The language is still theirs to choose.
    assert member.post(reverse("portal:language"), {"language": "en"}).status_code == 302


@pytest.mark.django_db
def test_on_the_last_day_it_works_and_the_day_after_it_stops(org):
    member = sign_in_member(Client(), org.member)
    close(org.adviser, org.family)
    _until(org.family, 0)
    assert member.get(reverse("portal:home")).status_code == 200
    _until(org.family, -1)
    response = member.get(reverse("portal:home"))
    assert response.status_code == 403
    assert "Mijn Krachtbron is gestopt" in response.content.decode()
    # The session is over: the next page is the sign-in.
    again = member.get(reverse("portal:home"))
    assert again.status_code == 302 and again["Location"] == reverse("portal:sign_in")


@pytest.mark.django_db
def test_after_the_period_a_link_is_refused_with_a_friendly_page_and_logged(org):
    close(org.adviser, org.family)
    link = one_time_link(org.member)
    _until(org.family, -1)
    for method in ("get", "post"):
        response = getattr(Client(), method)(link)
        assert response.status_code == 410
        assert "Mijn Krachtbron is gestopt" in response.content.decode()
    refused = AccessLogEntry.objects.filter(family_id=org.family.pk, result="denied")
    assert refused.filter(extra__problem="closed").exists()


@pytest.mark.django_db
def test_reopening_opens_the_portal_as_before(org):
    member = sign_in_member(Client(), org.member)
    close(org.adviser, org.family)
    assert member.get(reverse("portal:goal_add")).status_code == 403
    actions.reopen_family(org.adviser, org.family)
    assert member.get(reverse("portal:goal_add")).status_code == 200


@pytest.mark.django_db
def test_a_check_in_shows_as_a_task_on_ons_plan(org):
    follow_up = open_check_in(org.adviser, org.family)
    member = sign_in_member(Client(), org.member)
    body = member.get(reverse("portal:home")).content.decode()
    assert reverse("portal:followup", args=[follow_up.pk]) in body


def test_the_after_close_rules_are_by_url_name():
    """The one table (portal.http): reading the plan, the netwerkplan and shares, check-ins."""
    assert {"home", "plan_pdf", "agreements"} <= http.AFTER_CLOSE_READ
    assert "goal_add" not in http.AFTER_CLOSE_READ | http.AFTER_CLOSE_WRITE
    assert set(http.AFTER_CLOSE_PARTS) == {"network_plan", "share", "followup"}
