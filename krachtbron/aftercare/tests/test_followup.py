"""Follow-up check-ins (issue 15 item 4): due at 1, 3 and 6 months, only with consent, each
once, in the portal and through a personal link; they never extend the file's retention."""

import calendar
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from krachtbron.aftercare import actions
from krachtbron.aftercare.models import FollowUp
from krachtbron.aftercare.tests.helpers import close, open_check_in
from krachtbron.audit.models import AccessLogEntry
from krachtbron.families.models import Family
from krachtbron.testing.portal import sign_in_member

ANSWER = {"score": "6", "agreements_work": "deels", "wants_contact": "ja"}


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 36))
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months):
    later = actions.add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(later.year, later.month)[1]
    assert later.day == min(day.day, last)


def test_add_months_at_the_end_of_a_month():
    assert actions.add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert actions.add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert actions.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)


@pytest.mark.django_db
def test_each_month_has_one_check_in(org):
    closure = close(org.adviser, org.family)
    assert sorted(closure.follow_ups.values_list("month", flat=True)) == [1, 3, 6]
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(
            family=org.family, closure=closure, month=3, due=timezone.localdate()
        )


@pytest.mark.django_db
def test_a_check_in_is_open_from_its_due_date_for_a_while(org, settings):
    follow_up = open_check_in(org.adviser, org.family)
    today = timezone.localdate()
    assert actions.is_open(follow_up, today)
    assert not actions.is_open(follow_up, today - timedelta(1))  # not due yet
    last = today + timedelta(days=settings.FOLLOWUP_OPEN_DAYS)
    assert actions.is_open(follow_up, last)
    assert not actions.is_open(follow_up, last + timedelta(1))
    # The 3-month one is not due yet.
    three = FollowUp.objects.get(closure=follow_up.closure, month=3)
    assert not actions.is_open(three, today)


@pytest.mark.django_db
def test_answering_in_the_portal_once_without_touching_retention(org):
    follow_up = open_check_in(org.adviser, org.family)
    updated = Family.objects.get(pk=org.family.pk).updated_at
    member = sign_in_member(Client(), org.member)
    url = reverse("portal:followup", args=[follow_up.pk])
    assert member.get(url).status_code == 200
    response = member.post(url, ANSWER)
    assert response["Location"] == reverse("portal:followup_done", args=[follow_up.pk])
    follow_up.refresh_from_db()
    assert (follow_up.score, follow_up.agreements_work, follow_up.wants_contact) == (
        6,
        "deels",
        True,
    )
    assert follow_up.answered_by == org.member and follow_up.answered_via == "portaal"
    assert follow_up.team_id == org.team.pk
    assert Family.objects.get(pk=org.family.pk).updated_at == updated  # retention unchanged
    row = AccessLogEntry.objects.filter(object_type="followup", kind="change").get()
    assert row.actor_member_id == org.member.pk
    # A second answer (the youth, another tab) changes nothing.
    youth = sign_in_member(Client(), org.youth)
    youth.post(url, {**ANSWER, "score": "1"})
    follow_up.refresh_from_db()
    assert follow_up.score == 6
    with pytest.raises(actions.AlreadyAnswered):
        actions.answer_follow_up(
            follow_up,
            score=2,
            agreements_work="nee",
            wants_contact=False,
            member=org.youth,
            via="portaal",
        )
    done = member.get(reverse("portal:followup_done", args=[follow_up.pk])).content.decode()
    assert "Het team belt je binnen" in done and "0800-2000" in done


@pytest.mark.django_db
def test_bad_answers_keep_what_was_chosen_and_store_nothing(org):
    follow_up = open_check_in(org.adviser, org.family)
    member = sign_in_member(Client(), org.member)
    url = reverse("portal:followup", args=[follow_up.pk])
    for bad in ({**ANSWER, "score": "11"}, {**ANSWER, "score": "-1"}, {"score": "5"}):
        response = member.post(url, bad)
        assert response.status_code == 400
        # The project's words, never Django's "Selecteer een geldige keuze. 11 is geen
        # beschikbare keuze." (breaker of issue 15, finding 8).
        page = response.content.decode()
        assert "geldige keuze" not in page and "beschikbare keuze" not in page
        if bad.get("score") in ("11", "-1"):
            assert "Kies een cijfer van 0 tot 10." in page
    body = response.content.decode()
    assert 'value="5"' in body and "checked" in body
    assert "Kies ja, een beetje of nee." in body
    follow_up.refresh_from_db()
    assert follow_up.answered_at is None
    with pytest.raises(ValueError):
        actions.answer_follow_up(
            follow_up,
            score=11,
            agreements_work="ja",
            wants_contact=False,
            member=org.member,
            via="portaal",
        )


@pytest.mark.django_db
def test_a_member_of_another_family_cannot_open_the_check_in(org):
    follow_up = open_check_in(org.adviser, org.family)
    other = sign_in_member(Client(), org.other_member)
    assert other.get(reverse("portal:followup", args=[follow_up.pk])).status_code == 404
    assert other.post(reverse("portal:followup", args=[follow_up.pk]), ANSWER).status_code == 404
    follow_up.refresh_from_db()
    assert follow_up.answered_at is None
    denied = AccessLogEntry.objects.filter(family_id=org.family.pk, result="denied")
    assert denied.filter(actor_member_id=org.other_member.pk).exists()


@pytest.mark.django_db
def test_a_personal_link_answers_once(org):
    follow_up = open_check_in(org.adviser, org.family)
    token = actions.make_link(org.adviser, follow_up, org.youth)
    url = reverse("aftercare:checkin_link", args=[token])
    page = Client().get(url)
    assert page.status_code == 200 and "Hoe gaat het nu?" in page.content.decode()
    assert "<script" not in page.content.decode().split("<main", 1)[1]
    response = Client().post(url, ANSWER)
    assert response.status_code == 200
    assert "Het team belt je binnen" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.answered_via == "link" and follow_up.answered_by == org.youth
    assert follow_up.token_hash == ""
    for method in ("get", "post"):
        again = getattr(Client(), method)(url, ANSWER if method == "post" else None)
        assert again.status_code == 404
        assert "Deze link werkt niet" in again.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token",
    ["", "x", "A" * 42, "A" * 44, "A" * 43, "%00" * 20, "../" * 15, "A" * 1000, "é" * 43],
)
def test_a_bad_link_gets_the_friendly_page(org, token):
    follow_up = open_check_in(org.adviser, org.family)
    actions.make_link(org.adviser, follow_up, org.youth)
    response = Client().get(f"/mijn/nazorg/l/{token}")
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"


@pytest.mark.django_db
def test_a_new_link_replaces_the_old_and_reopening_ends_it(org):
    follow_up = open_check_in(org.adviser, org.family)
    old = actions.make_link(org.adviser, follow_up, org.youth)
    new = actions.make_link(org.adviser, follow_up, org.youth)
    assert actions.find_by_token(old) is None
    assert actions.find_by_token(new) == follow_up
    actions.reopen_family(org.adviser, org.family)
    assert actions.find_by_token(new) is None


@pytest.mark.django_db
def test_a_link_for_a_member_of_another_family_is_refused(org):
    follow_up = open_check_in(org.adviser, org.family)
    with pytest.raises(ValueError):
        actions.make_link(org.adviser, follow_up, org.other_member)


@pytest.mark.django_db
def test_check_ins_go_with_the_file_when_it_is_destroyed(org):
    from krachtbron.families.retention import destroy_family

    open_check_in(org.adviser, org.family)
    destroy_family(org.family, "request", decided_by=org.beheerder)
    assert not FollowUp.objects.exists()
