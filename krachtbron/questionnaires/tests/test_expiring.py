"""Links about to expire (docs/versturen.md, "Voordat een link verloopt"): ``expiring_links``
for the caseload's and team page's attention list, and the tag on the Vragenlijsten tab."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from krachtbron.families.models import Family
from krachtbron.questionnaires import actions
from krachtbron.questionnaires.expiring import expiring_links, waiting_invitations
from krachtbron.questionnaires.models import Invitation
from krachtbron.questionnaires.tests.factories import invite
from krachtbron.testing.factories import MemberFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def _expiring_in(invitation, days):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + timedelta(days=days)
    )


def test_only_open_links_within_the_notice_days_of_ones_own_families(org, settings):
    settings.SEND_EXPIRY_NOTICE_DAYS = 2
    soon, _ = invite(org.member, org.adviser)
    later, _ = invite(org.member, org.adviser, moment="interim")
    done, _ = invite(org.member, org.adviser, moment="closing")
    gone, _ = invite(MemberFactory(family=org.family), org.adviser)
    _expiring_in(soon, 1)
    _expiring_in(later, 2.5)
    _expiring_in(done, 1)
    _expiring_in(gone, 1)
    Invitation.objects.filter(pk=done.pk).update(completed_at=timezone.now())
    actions.withdraw_invitation(org.adviser, gone)
    now = timezone.now()
    assert list(expiring_links(org.adviser, now)) == [soon]
    assert list(expiring_links(Family.objects.filter(pk=org.family.pk), now)) == [soon]
    assert list(expiring_links(UserFactory(team=TeamFactory()), now)) == []  # not theirs
    assert list(expiring_links(org.adviser, now + timedelta(hours=18))) == [soon, later]
    assert list(expiring_links(org.adviser, now + timedelta(days=4))) == []  # expired by then


def test_waiting_means_open_opened_or_not(org):
    open_one, _ = invite(org.member, org.adviser)
    opened, _ = invite(org.member, org.adviser, moment="interim")
    actions.mark_opened(opened)
    done, _ = invite(org.member, org.adviser, moment="closing")
    Invitation.objects.filter(pk=done.pk).update(completed_at=timezone.now())
    ids = [open_one.pk, opened.pk, done.pk]
    assert waiting_invitations(ids, timezone.now()) == {open_one.pk, opened.pk}
    assert waiting_invitations(ids, timezone.now() + timedelta(days=30)) == set()


def test_the_vragenlijsten_tab_tags_a_link_about_to_expire(org, as_user):
    soon, _ = invite(org.member, org.adviser)
    client = as_user(org.adviser)
    tab = reverse("questionnaires:family", args=[org.family.pk])
    assert "verloopt binnenkort" not in client.get(tab).content.decode()
    _expiring_in(soon, 1)
    assert "verloopt binnenkort" in client.get(tab).content.decode()
