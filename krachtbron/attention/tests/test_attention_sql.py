"""The caseload's signals query compiled once per process (families/attention_sql.py) gives
exactly the ORM's answers: for every signal, at the edges of the moments derived from now, and
after a setting the rules read changed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from krachtbron.attention.tests.helpers import measured, started
from krachtbron.families import attention_sql
from krachtbron.families.attention import _signal_rows, all_signals, signals_by_family
from krachtbron.families.models import CaseAssignment, Family
from krachtbron.portal.models import TalkFlag
from krachtbron.sending.models import Delivery, Status
from krachtbron.testing.factories import FamilyFactory

pytestmark = pytest.mark.django_db


def _both(ids, now, adviser_id):
    asked = [s for s in all_signals() if s.condition is not None]
    conditions = [s.condition for s in asked]
    assert attention_sql.compiled(tuple(s.key for s in asked), conditions) is not None
    fast = sorted(
        tuple(bool(f) for f in row[1:]) + (row[0],)
        for row in _signal_rows(ids, asked, now, adviser_id)
    )
    orm = sorted(
        tuple(bool(f) for f in row[1:]) + (row[0],)
        for row in _signal_rows(Family.objects.filter(pk__in=ids), asked, now, adviser_id)
    )
    return fast, orm


def _families(org):
    families = [org.family] + [
        FamilyFactory(team=org.team, advisers=[org.adviser]) for _n in range(5)
    ]
    started(families[0], 14.01)  # begin overdue
    started(families[1], 13.9)  # not yet
    measured(families[2].members.create(first_name="Noah", role="jeugdige"), org.adviser, 3)
    for minutes, family in ((9, families[3]), (11, families[4])):  # "bezig", "niet bevestigd"
        member = family.members.create(first_name="Sara", role="opvoeder")
        Delivery.objects.create(
            family=family,
            member=member,
            purpose="questionnaire",
            subject_id=1,
            language="nl",
            link_expires_at=timezone.now() + timedelta(days=14),
            created_at=timezone.now(),
            sealed=b"x",
            status=Status.SENDING,
            claimed_at=timezone.now() - timedelta(minutes=minutes),
        )
    TalkFlag.objects.create(
        family=org.family, raised_by=org.member, goal=org.goal, raised_at=timezone.now()
    )
    return families


def test_the_compiled_query_answers_as_the_orm(org):
    families = _families(org)
    ids = [f.pk for f in families]
    now = timezone.now()
    fast, orm = _both(ids, now, org.adviser.pk)
    assert fast == orm
    found = signals_by_family(ids, now, org.adviser.pk)
    keys = {pk: {s.key for s in signals} for pk, signals in found.items()}
    assert {"begin", "praten"} <= keys[families[0].pk]
    assert "begin" not in keys.get(families[1].pk, set())
    assert "bericht" in keys[families[4].pk]
    assert "bericht" not in keys.get(families[3].pk, set())
    assert "nieuw" in keys[families[2].pk]  # a result this adviser has not read
    # Another adviser of the same families: a result unread by them too, the same answers.
    CaseAssignment.objects.create(family=families[2], adviser=org.colleague)
    fast, orm = _both(ids, now, org.colleague.pk)
    assert fast == orm


def test_a_changed_setting_is_a_new_compilation(org, settings):
    families = _families(org)
    ids = [f.pk for f in families]
    now = timezone.now()
    before = signals_by_family(ids, now, org.adviser.pk)
    settings.ATTENTION_BEGIN_DAYS = 20
    after = signals_by_family(ids, now, org.adviser.pk)
    assert "begin" in {s.key for s in before[families[0].pk]}
    assert "begin" not in {s.key for s in after.get(families[0].pk, [])}
    assert _both(ids, now, org.adviser.pk)[0] == _both(ids, now, org.adviser.pk)[1]


def test_no_families_no_query(org, django_assert_num_queries):
    signals_by_family([], timezone.now(), org.adviser.pk)  # compiled here, once
    with django_assert_num_queries(0):
        assert signals_by_family([], timezone.now(), org.adviser.pk) == {}
