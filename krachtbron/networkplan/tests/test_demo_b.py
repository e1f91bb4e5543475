"""The demo shows a netwerkplan with two shares, one withdrawn, one opened by the aunt (B)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from krachtbron.audit.models import AccessLogEntry, ActorKind
from krachtbron.families.models import Family
from krachtbron.networkplan.models import NetworkPlan, Share

# What the demo shows: once, on SQLite (conftest.py, `render`); the demo loads on PostgreSQL
# in strengths/tests/test_demo_data.py.
pytestmark = pytest.mark.render


@pytest.mark.django_db
def test_the_demo_family_with_the_most_network_has_a_plan_and_two_shares(settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    most = (
        Family.objects.annotate(people=Count("network_persons", distinct=True))
        .order_by("-people", "reference")
        .first()
    )
    plan = NetworkPlan.objects.get(family=most)
    assert plan.ready_at is not None and plan.calls.count() >= 2 and plan.shared_goals.exists()
    shares = list(Share.objects.filter(plan=plan))
    assert len(shares) == 2
    assert sorted(s.withdrawn_at is None for s in shares) == [False, True]
    opened = next(s for s in shares if s.withdrawn_at is None)
    assert opened.last_viewed_at is not None
    assert AccessLogEntry.objects.filter(
        actor_kind=ActorKind.NETWORK_PERSON, actor_member_id=opened.person_id
    ).exists()
