"""Each rule of "Aandacht nodig" with its edges (attention/rules.py, docs/aandacht.md)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from krachtbron.aftercare.models import Closure
from krachtbron.attention import rules
from krachtbron.attention.tests.helpers import answers, measured, started
from krachtbron.families.attention import all_signals
from krachtbron.families.choices import FamilyStatus
from krachtbron.families.models import Family
from krachtbron.portal.models import TalkFlag
from krachtbron.questionnaires.expiring import expiring_links
from krachtbron.questionnaires.models import Invitation, ResultSeen
from krachtbron.questionnaires.seen import mark_result_seen
from krachtbron.questionnaires.tests.factories import InvitationFactory
from krachtbron.sending.models import Channel, Delivery, MessageStop, Status
from krachtbron.sending.stops import allow_messages, stop_messages

pytestmark = pytest.mark.django_db


def hit(rule, family, adviser=None) -> bool:
    """Whether ``rule`` (a condition on Family) holds for ``family`` (for ``adviser``); also the
    same answer through its signal's hits (the team page's way), so both ways are held
    together."""
    now = timezone.now()
    found = Family.objects.filter(pk=family.pk).filter(rule(now, getattr(adviser, "pk", None)))
    if rule is not rules.unread_results:
        signal = next(s for s in all_signals() if s.condition is rule)
        assert ((family.pk, None) in signal.hits([family.pk], now)) is found.exists()
    return found.exists()


@pytest.mark.parametrize(("days", "shown"), [(13.9, False), (14.01, True)])
def test_begin_overdue_from_two_weeks_after_the_start(org, days, shown):
    started(org.family, days)
    assert hit(rules.begin_overdue, org.family) is shown


def test_begin_done_or_file_closed_is_not_overdue(org):
    started(org.family, 30)
    assert hit(rules.begin_overdue, org.family)
    Family.objects.filter(pk=org.family.pk).update(status=FamilyStatus.CLOSED)
    assert not hit(rules.begin_overdue, org.family)
    Family.objects.filter(pk=org.family.pk).update(status=FamilyStatus.ACTIVE)
    measured(org.member, org.adviser, 2, moment="tussentijds")  # another moment does not count
    assert hit(rules.begin_overdue, org.family)
    measured(org.member, org.adviser, 2, moment="begin")
    assert not hit(rules.begin_overdue, org.family)


def test_an_unfinished_begin_is_still_overdue(org):
    started(org.family, 20)
    InvitationFactory(member=org.member, created_by=org.adviser, answers={"g01": 3})
    assert hit(rules.begin_overdue, org.family)


@pytest.mark.parametrize(("days", "shown"), [(90, False), (91.01, True)])
def test_interim_due_after_the_interval(org, days, shown):
    measured(org.member, org.adviser, 2, days_ago=days)
    assert hit(rules.interim_due, org.family) is shown


def test_interim_interval_is_a_setting_and_closed_files_are_left_out(org, settings):
    measured(org.member, org.adviser, 2, days_ago=40)
    assert not hit(rules.interim_due, org.family)
    settings.ATTENTION_INTERIM_DAYS = 30
    assert hit(rules.interim_due, org.family)
    Family.objects.filter(pk=org.family.pk).update(status=FamilyStatus.CLOSED)
    assert not hit(rules.interim_due, org.family)


def test_no_measurement_at_all_is_begin_not_interim(org):
    started(org.family, 200)
    assert not hit(rules.interim_due, org.family)
    assert hit(rules.begin_overdue, org.family)


def _close(org, days_ago):
    Family.objects.filter(pk=org.family.pk).update(status=FamilyStatus.CLOSED)
    return Closure.objects.create(
        family=org.family,
        closed_at=timezone.now() - timedelta(days=days_ago),
        closed_by=org.adviser,
        followup_consent=False,
        portal_until=timezone.localdate(),
    )


def test_closing_measurement_missing_after_closing(org):
    assert not hit(rules.closing_missing, org.family)  # open file
    _close(org, days_ago=2)
    assert hit(rules.closing_missing, org.family)
    measured(org.member, org.adviser, 3, moment="afsluiting")
    assert not hit(rules.closing_missing, org.family)


@pytest.mark.parametrize(("days", "shown"), [(29.9, True), (30.1, False)])
def test_closing_measurement_stops_showing_after_the_closing_period(org, days, shown):
    _close(org, days_ago=days)
    assert hit(rules.closing_missing, org.family) is shown


def test_a_reopened_file_has_no_closing_signal(org):
    closure = _close(org, days_ago=1)
    Closure.objects.filter(pk=closure.pk).update(reopened_at=timezone.now())
    Family.objects.filter(pk=org.family.pk).update(status=FamilyStatus.ACTIVE)
    assert not hit(rules.closing_missing, org.family)


def test_unread_results_per_adviser(org):
    org.family.assignments.create(adviser=org.colleague, is_substitute=True)
    response = measured(org.member, org.adviser, 2)
    found = rules.unread_results_per_adviser([org.family.pk], timezone.now())
    assert found == {(org.family.pk, org.adviser.pk), (org.family.pk, org.colleague.pk)}
    assert hit(rules.unread_results, org.family, org.adviser)
    mark_result_seen(org.adviser, response)
    mark_result_seen(org.adviser, response)  # twice changes nothing
    assert ResultSeen.objects.count() == 1
    found = rules.unread_results_per_adviser([org.family.pk], timezone.now())
    assert found == {(org.family.pk, org.colleague.pk)}
    assert not hit(rules.unread_results, org.family, org.adviser)
    assert hit(rules.unread_results, org.family, org.colleague)


def test_an_unfinished_response_is_not_a_result(org):
    InvitationFactory(member=org.member, created_by=org.adviser, answers={"g01": 3})
    assert rules.unread_results_per_adviser([org.family.pk], timezone.now()) == set()
    assert not hit(rules.unread_results, org.family, org.adviser)


def test_opening_the_results_page_marks_them_read(org, as_user):
    from django.urls import reverse

    response = measured(org.member, org.adviser, 2)
    client = as_user(org.adviser)
    assert hit(rules.unread_results, org.family, org.adviser)
    page = client.get(reverse("questionnaires:response", args=[response.pk]))
    assert page.status_code == 200
    assert not hit(rules.unread_results, org.family, org.adviser)


@pytest.mark.parametrize(("days", "shown"), [(1.9, True), (2.1, False)])
def test_link_expiring_is_the_reminders_notice(org, settings, days, shown):
    """The same links as ``expiring_links`` (``SEND_EXPIRY_NOTICE_DAYS``, 2 by default), so the
    caseload and the Vragenlijsten tab agree."""
    invitation = InvitationFactory(member=org.member, created_by=org.adviser)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + timedelta(days=days)
    )
    assert hit(rules.link_expiring, org.family) is shown
    assert (invitation in expiring_links(Family.objects.all(), timezone.now())) is shown
    settings.SEND_EXPIRY_NOTICE_DAYS = 3
    assert hit(rules.link_expiring, org.family)


def test_link_expiring_looks_at_this_family_only(org):
    invitation = InvitationFactory(member=org.other_member, created_by=org.other_adviser)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + timedelta(days=1)
    )
    assert hit(rules.link_expiring, org.other_family)
    assert not hit(rules.link_expiring, org.family)


def test_expired_withdrawn_or_completed_links_are_not_expiring(org):
    InvitationFactory(member=org.member, created_by=org.adviser, expired=True)
    InvitationFactory(member=org.member, created_by=org.adviser, withdrawn=True)
    done = measured(org.member, org.adviser, 2)
    Invitation.objects.filter(response=done).update(expires_at=timezone.now() + timedelta(hours=1))
    assert not hit(rules.link_expiring, org.family)


def _delivery(org, **fields):
    defaults = {
        "family": org.family,
        "member": org.member,
        "purpose": "questionnaire",
        "subject_id": 1,
        "language": "nl",
        "link_expires_at": timezone.now() + timedelta(days=14),
        "created_at": timezone.now(),
        "sealed": b"x",
    }
    return Delivery.objects.create(**{**defaults, **fields})


def test_failed_or_unconfirmed_delivery(org, settings):
    sent = _delivery(org, status=Status.SENT, sealed=None)
    assert not hit(rules.delivery_problem, org.family)
    busy = _delivery(org, status=Status.SENDING, claimed_at=timezone.now() - timedelta(minutes=9))
    assert not hit(rules.delivery_problem, org.family)  # still "bezig"
    Delivery.objects.filter(pk=busy.pk).update(claimed_at=timezone.now() - timedelta(minutes=11))
    assert hit(rules.delivery_problem, org.family)  # "niet bevestigd"
    busy.delete()
    failed = _delivery(org, status=Status.FAILED)
    assert hit(rules.delivery_problem, org.family)
    Delivery.objects.filter(pk=failed.pk).update(sealed=None)  # erased: nothing left to resend
    assert not hit(rules.delivery_problem, org.family)
    assert sent.pk


def test_a_failed_sms_is_a_delivery_problem_too(org):
    _delivery(org, channel=Channel.SMS, status=Status.FAILED)
    assert hit(rules.delivery_problem, org.family)


def test_a_member_who_stopped_messages_is_no_delivery_problem(org):
    """ "Geen berichten meer": sending again is not what the member needs. The stop erases kept
    addresses (``stops._end_waiting``); the rule also reads the stop itself, so a message that
    still holds its address (a send that ended after the stop) does not show either."""
    _delivery(org, status=Status.FAILED)
    assert hit(rules.delivery_problem, org.family)
    MessageStop.objects.create(family=org.family, member=org.member, stopped_at=timezone.now())
    assert not hit(rules.delivery_problem, org.family)
    _delivery(org, member=org.youth, status=Status.FAILED)  # another member's message still does
    assert hit(rules.delivery_problem, org.family)


def test_stopping_through_the_stop_link_ends_the_signal(org):
    failed = _delivery(org, status=Status.FAILED)
    assert hit(rules.delivery_problem, org.family)
    assert stop_messages(failed.member)
    assert not hit(rules.delivery_problem, org.family)
    allow_messages(org.adviser, failed.member)  # messages allowed again: the address is gone
    assert not hit(rules.delivery_problem, org.family)


def test_talk_flag_open_until_talked_about(org):
    flag = TalkFlag.objects.create(
        family=org.family, raised_by=org.member, goal=org.goal, raised_at=timezone.now()
    )
    assert hit(rules.talk_flag_open, org.family)
    TalkFlag.objects.filter(pk=flag.pk).update(talked_at=timezone.now())
    assert not hit(rules.talk_flag_open, org.family)


def test_score_drop_of_a_whole_point_shows(org):
    measured(org.member, org.adviser, 3, days_ago=60)
    assert not hit(rules.score_dropped, org.family)  # one measurement: nothing to compare
    measured(org.member, org.adviser, answers(3, g05=2, g06=2), moment="tussentijds", days_ago=1)
    assert hit(rules.score_dropped, org.family)  # Sociaal 3.0 -> 2.0


def test_a_drop_under_one_point_does_not_show(org):
    # Situatie (4 items): 3.0 -> 2.25 is a drop of 0.75; Competentioneel (3 items) 3 -> 2.33.
    measured(org.member, org.adviser, 3, days_ago=60)
    measured(org.member, org.adviser, answers(3, g01=0, g07=1), moment="tussentijds")
    assert not hit(rules.score_dropped, org.family)


def test_only_the_latest_two_measurements_of_one_member_count(org):
    measured(org.member, org.adviser, 3, days_ago=90)
    measured(org.member, org.adviser, 1, moment="tussentijds", days_ago=60)  # a drop, then
    measured(org.member, org.adviser, 1, moment="tussentijds", days_ago=1)  # steady
    assert not hit(rules.score_dropped, org.family)
    # Another member's first measurement is not compared with Fatima's.
    measured(org.youth, org.adviser, 0, days_ago=0)
    assert not hit(rules.score_dropped, org.family)


def test_a_section_without_enough_answers_does_not_count(org):
    measured(org.member, org.adviser, 3, days_ago=60)
    measured(org.member, org.adviser, answers(3, g05=0, g06=None), moment="tussentijds")
    # Sociaal has 1 of 2 answered: shown (half); 3.0 -> 0.0 is a drop.
    assert hit(rules.score_dropped, org.family)


def test_rules_look_only_at_the_families_given(org):
    started(org.family, 30)
    started(org.other_family, 30)
    signal = next(s for s in all_signals() if s.key == "begin")
    assert signal.hits([org.family.pk], timezone.now()) == {(org.family.pk, None)}
