""" "Score gedaald" is decided once, when a questionnaire is submitted (questionnaires/drops.py),
so the caseload scores nothing (issue 18: the caseload's speed)."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from krachtbron.attention import rules
from krachtbron.attention.tests.helpers import answers, measured
from krachtbron.families.attention import signals_by_family
from krachtbron.families.models import Family
from krachtbron.questionnaires import actions
from krachtbron.questionnaires.models import Response
from krachtbron.questionnaires.tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def _dropped(family) -> bool:
    return Family.objects.filter(pk=family.pk).filter(rules.score_dropped(timezone.now())).exists()


def test_the_family_submit_marks_a_drop_in_its_own_transaction(org):
    """The family's own submit takes the fast path (one short transaction); it marks the drop."""
    measured(org.member, org.adviser, 3, days_ago=30)
    invitation = InvitationFactory(
        member=org.member, created_by=org.adviser, moment="tussentijds", answers=answers(3, g05=1)
    )
    assert actions.record_submit(invitation.pk) is None
    response = Response.objects.get(invitation=invitation)
    assert response.completed_at is not None and response.dropped_since_previous
    assert _dropped(org.family)


def test_the_ordinary_submit_marks_a_drop_and_a_steady_one_not(org):
    first = measured(org.member, org.adviser, 3, days_ago=30)
    steady = measured(org.member, org.adviser, 3, moment="tussentijds", days_ago=10)
    down = measured(org.member, org.adviser, answers(3, g05=1, g06=1), moment="tussentijds")
    flags = dict(Response.objects.values_list("pk", "dropped_since_previous"))
    assert flags == {first.pk: False, steady.pk: False, down.pk: True}


def test_a_drop_counts_only_while_it_is_the_members_latest(org):
    measured(org.member, org.adviser, 3, days_ago=30)
    measured(org.member, org.adviser, answers(3, g05=1), moment="tussentijds", days_ago=10)
    assert _dropped(org.family)
    latest = measured(org.member, org.adviser, answers(3, g05=1), moment="tussentijds")
    assert not _dropped(org.family)  # the same low score again: no new drop
    latest.delete()  # erased: the drop before it is the member's latest again
    assert _dropped(org.family)


def test_the_caseload_reads_no_answers(org):
    """Before: every page view read all answers of the families and scored them in Python."""
    measured(org.member, org.adviser, 3, days_ago=30)
    measured(org.member, org.adviser, answers(3, g05=1), moment="tussentijds")
    with CaptureQueriesContext(connection) as queries:
        found = signals_by_family([org.family.pk], timezone.now(), org.adviser.pk)
    assert "minder" in [s.key for s in found[org.family.pk]]
    assert len(queries) == 1  # every signal in one query
    assert not any("questionnaires_answer" in q["sql"] for q in queries)


def test_the_migration_marks_the_drops_of_earlier_responses(org):
    from importlib import import_module

    migration = import_module("krachtbron.questionnaires.migrations.0004_i_dropped_since_previous")
    measured(org.member, org.adviser, 3, days_ago=60)
    measured(org.member, org.adviser, answers(3, g05=1), moment="tussentijds", days_ago=30)
    measured(org.youth, org.adviser, 2, days_ago=20)
    last = measured(org.youth, org.adviser, 0, moment="tussentijds", days_ago=10)
    expected = dict(Response.objects.values_list("pk", "dropped_since_previous"))
    assert sum(expected.values()) == 2 and expected[last.pk]
    Response.objects.update(dropped_since_previous=False)
    migration.mark_existing_drops(apps, None)
    assert dict(Response.objects.values_list("pk", "dropped_since_previous")) == expected
