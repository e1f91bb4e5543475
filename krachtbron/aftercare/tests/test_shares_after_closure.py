"""A share of the netwerkplan ends when the family's own access to Mijn Krachtbron ends after
closing (breaker finding, issue 15): from then on no one in the family can see or stop it, so
the network person's link and open session must reach nothing either."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.aftercare.models import Closure
from krachtbron.aftercare.tests.helpers import close
from krachtbron.audit.models import AccessLogEntry, AccessResult, ActorKind
from krachtbron.families.closing import family_access_ended
from krachtbron.networkplan import sharing
from krachtbron.networkplan.tests.share_helpers import make_plan, open_share, share_all

pytestmark = pytest.mark.django_db

SHARED = reverse("networkplan:shared")


def _link(token):
    return reverse("networkplan:open_share", args=[token])


def test_a_share_lives_on_after_closing_while_the_family_still_has_its_portal(org):
    planned = make_plan(org)
    _share, token = share_all(org.member, planned.aunt)
    close(org.adviser, org.family)
    aunt = Client()
    open_share(aunt, token)
    assert aunt.get(SHARED).status_code == 200
    assert not family_access_ended(org.family)


def test_when_the_portal_ends_the_share_ends_for_the_link_the_session_and_the_lists(org):
    planned = make_plan(org)
    share, token = share_all(org.member, planned.aunt)
    aunt = Client()
    open_share(aunt, token)  # the aunt has it open when the family's access ends
    closure = close(org.adviser, org.family)
    last_day = timezone.localdate() - timedelta(days=1)
    Closure.objects.filter(pk=closure.pk).update(portal_until=last_day)
    org.family.refresh_from_db()
    assert family_access_ended(org.family)

    page = aunt.get(SHARED)
    assert page.status_code == 410
    assert "Als ik ziek ben" not in page.content.decode()
    again = Client().get(_link(token))
    assert again.status_code == 410 and "Als ik ziek ben" not in again.content.decode()
    denied = AccessLogEntry.objects.filter(
        actor_kind=ActorKind.NETWORK_PERSON, result=AccessResult.DENIED
    )
    assert denied.count() == 2
    share.refresh_from_db()
    assert share.withdrawn_at is None  # nothing was changed: it simply reaches nothing
    assert sharing.problem_of(share) is sharing.ShareProblem.ACCESS_ENDED
    assert "Vraag het aan het gezin" not in again.content.decode()  # they cannot share it now
    assert "ook het gezin zelf niet" in again.content.decode()
    # The adviser's tab shows it as ended, not active.
    tab = Client()
    from krachtbron.testing.personas import login

    login(tab, org.adviser)
    text = tab.get(reverse("networkplan:plan", args=[org.family.pk])).content.decode()
    assert "Als ik ziek ben" in text  # the plan itself stays in the file


def test_on_the_last_day_of_the_portal_the_share_still_opens(org):
    planned = make_plan(org)
    _share, token = share_all(org.member, planned.aunt)
    closure = close(org.adviser, org.family)
    Closure.objects.filter(pk=closure.pk).update(portal_until=timezone.localdate())
    org.family.refresh_from_db()
    aunt = Client()
    open_share(aunt, token)
    assert aunt.get(SHARED).status_code == 200


def test_reopening_the_file_does_not_bring_a_share_back_once_access_ended(org):
    """Second break report, finding 3: what the family, the reader and the adviser were told
    had ended stays ended (``networkplan.share_ends``); the family can share again."""
    from krachtbron.aftercare import actions

    planned = make_plan(org)
    _share, token = share_all(org.member, planned.aunt)
    closure = close(org.adviser, org.family)
    Closure.objects.filter(pk=closure.pk).update(portal_until=timezone.localdate() - timedelta(1))
    org.family.refresh_from_db()
    assert Client().get(_link(token)).status_code == 410
    assert actions.reopen_family(org.adviser, org.family)
    org.family.refresh_from_db()
    assert Client().get(_link(token)).status_code == 410
    _again, new_token = share_all(org.member, planned.aunt)
    aunt = Client()
    open_share(aunt, new_token)
    assert aunt.get(SHARED).status_code == 200
