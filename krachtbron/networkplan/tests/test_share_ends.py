"""A share that ended stays ended, and removing its reader or its maker never erases it
(issue 15, second break report, findings 3 and 8)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.aftercare import actions as aftercare
from krachtbron.aftercare.models import Closure
from krachtbron.audit.models import AccessLogEntry, ActorKind
from krachtbron.families.actions import delete_member
from krachtbron.families.rights import rights_of
from krachtbron.networkplan import share_rows
from krachtbron.networkplan.choices import ShareEnd
from krachtbron.networkplan.models import Share
from krachtbron.networkplan.tests.share_helpers import make_plan, open_share, share_all
from krachtbron.sending.tasks import daily_upkeep
from krachtbron.testing.portal import sign_in_member

pytestmark = pytest.mark.django_db

SHARED = reverse("networkplan:shared")


def _link(token: str) -> str:
    return reverse("networkplan:open_share", args=[token])


def _close_with_access_ended(org) -> None:
    org.family.refresh_from_db()
    aftercare.close_family(org.adviser, org.family, org.family.version, followup_consent=False)
    Closure.objects.filter(family=org.family).update(
        portal_until=timezone.localdate() - timedelta(days=1)
    )


def test_reopening_a_file_whose_access_ended_does_not_revive_its_shares(org):
    """The breaker's steps: share, close, access ends, the aunt gets 'verlopen', reopen."""
    planned = make_plan(org)
    share, token = share_all(org.member, planned.aunt)
    _close_with_access_ended(org)
    assert Client().get(_link(token)).status_code == 410
    assert aftercare.reopen_family(org.adviser, org.family)
    again = Client().get(_link(token))
    assert again.status_code == 410 and "Deze link is verlopen" in again.content.decode()
    assert "ook het gezin zelf niet" in again.content.decode()  # not "vraag het aan het gezin"
    share.refresh_from_db()
    assert share.withdrawn_at is not None and share.end_reason == ShareEnd.ACCESS_ENDED
    row = AccessLogEntry.objects.filter(object_type="share", extra__reason="toegang_voorbij").get()
    assert row.actor_kind == ActorKind.SYSTEM
    # After reopening the family can share again, and that share works.
    _new, new_token = share_all(org.member, planned.aunt)
    assert open_share(Client(), new_token).status_code == 200


def test_the_daily_round_ends_the_shares_of_a_family_whose_access_ended(org):
    planned = make_plan(org)
    share, _token = share_all(org.member, planned.aunt)
    _close_with_access_ended(org)
    assert daily_upkeep.call()["ended_after_access"] == 1
    share.refresh_from_db()
    assert share.end_reason == ShareEnd.ACCESS_ENDED
    assert daily_upkeep.call()["ended_after_access"] == 0  # once


def test_reopening_while_access_still_runs_keeps_the_shares(org):
    planned = make_plan(org)
    _share, token = share_all(org.member, planned.aunt)
    org.family.refresh_from_db()
    aftercare.close_family(org.adviser, org.family, org.family.version, followup_consent=False)
    assert daily_upkeep.call()["ended_after_access"] == 0
    assert aftercare.reopen_family(org.adviser, org.family)
    assert open_share(Client(), token).status_code == 200


def test_removing_the_person_warns_withdraws_and_keeps_the_record(org, as_user):
    planned = make_plan(org)
    share, token = share_all(org.member, planned.aunt)
    client = as_user(org.adviser)
    page = client.get(reverse("network:person_edit", args=[planned.aunt.pk])).content.decode()
    assert "kan het plan van het gezin lezen" in page
    quiet = client.get(reverse("network:person_edit", args=[planned.neighbour.pk]))
    assert "kan het plan van het gezin lezen" not in quiet.content.decode()
    client.post(reverse("network:person_delete", args=[planned.aunt.pk]))
    share.refresh_from_db()  # still there
    assert share.person is None and share.end_reason == ShareEnd.PERSON_REMOVED
    assert AccessLogEntry.objects.filter(object_type="share", extra__reason="persoon_weg").exists()
    again = Client().get(_link(token))
    assert again.status_code == 410  # withdrawn, not an unknown link for the guess throttle
    fatima = sign_in_member(Client(), org.member)
    text = fatima.get(reverse("portal:network_plan")).content.decode()
    assert "iemand die niet meer op de kaart staat" in text
    assert "Tante Noor" not in text.split('id="delen"')[1]
    tab = client.get(reverse("networkplan:plan", args=[org.family.pk])).content.decode()
    assert "iemand die niet meer op de kaart staat" in tab


def test_removing_the_member_who_shared_withdraws_and_keeps_the_record(org):
    planned = make_plan(org)
    share, token = share_all(org.youth, planned.aunt)
    delete_member(org.adviser, org.youth)
    share = Share.objects.get(pk=share.pk)
    assert share.created_by is None and share.end_reason == ShareEnd.MEMBER_REMOVED
    assert Client().get(_link(token)).status_code == 410
    rows = share_rows.visible_shares(org.member, rights_of(org.member))
    assert [r.share.pk for r in rows] == [share.pk] and rows[0].state == "withdrawn"


def test_the_adviser_stops_a_share_with_a_reason_from_the_list(org, as_user):
    planned = make_plan(org)
    share, token = share_all(org.member, planned.aunt)
    client = as_user(org.adviser)
    url = reverse("networkplan:share_stop", args=[share.pk])
    for bad in ({}, {"reason": "Tante is gevaarlijk"}, {"reason": "gezin"}):
        client.post(url, bad)
        share.refresh_from_db()
        assert share.withdrawn_at is None  # nothing changed
    tab = client.get(reverse("networkplan:plan", args=[org.family.pk])).content.decode()
    assert "Stop dit delen" in tab
    client.post(url, {"reason": "hv_veiligheid"})
    share.refresh_from_db()
    assert share.withdrawn_at is not None and share.end_reason == ShareEnd.ADVISER_SAFETY
    row = AccessLogEntry.objects.get(object_type="share", extra__reason="hv_veiligheid")
    assert row.actor_kind == ActorKind.STAFF
    page = Client().get(_link(token))
    assert page.status_code == 410
    assert "veiligheid" not in page.content.decode()  # the reader is not told why
    fatima = sign_in_member(Client(), org.member)
    text = fatima.get(reverse("portal:network_plan")).content.decode()
    assert "Gestopt door je hulpverlener" in text
    tab = client.get(reverse("networkplan:plan", args=[org.family.pk])).content.decode()
    assert "voor de veiligheid" in tab


def test_the_form_offers_exactly_the_reasons_an_adviser_may_give():
    from krachtbron.networkplan.choices import ADVISER_STOPS
    from krachtbron.networkplan.plan_forms import STOP_CHOICES

    assert [value for value, _label in STOP_CHOICES] == [r.value for r in ADVISER_STOPS]
