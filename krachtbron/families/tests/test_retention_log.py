"""Retention decisions are administrative changes about one file: the row names the file's id
and dossier number, the old and new value, never the free-text reason (SECURITY.md 18-20)."""

from datetime import timedelta

import pytest
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.families import retention
from krachtbron.families.models import DestructionRecord, Family, RetentionHold

pytestmark = pytest.mark.django_db


def test_a_hold_logs_the_date_before_and_after(org, as_user):
    first = timezone.localdate() + timedelta(days=100)
    later = first + timedelta(days=365)
    client = as_user(org.beheerder)
    for until in (first, later):
        client.post(
            reverse("families:retention"),
            {
                "hold-reference": org.family.reference,
                "hold-until": until.isoformat(),
                "hold-reason": "Procedure bij de rechter over Amrani",
            },
        )
    held = list(AccessLogEntry.objects.filter(object_type="retention_hold").order_by("id"))
    holds = list(RetentionHold.objects.order_by("id"))
    assert [(r.object_id, r.family_id, r.family_reference, r.kind, r.extra) for r in held] == [
        (
            holds[0].pk,
            org.family.pk,
            org.family.reference,
            AccessKind.CREATE,
            {"until": [None, first.isoformat()]},
        ),
        (
            holds[1].pk,
            org.family.pk,
            org.family.reference,
            AccessKind.CREATE,
            {"until": [first.isoformat(), later.isoformat()]},
        ),
    ]
    assert all(r.actor == org.beheerder for r in held)
    assert "Amrani" not in str([r.extra for r in held])


def test_a_destruction_logs_the_decision_with_its_ground(org, as_user):
    as_user(org.beheerder).post(
        reverse("families:retention"),
        {
            "destroy-reference": org.family.reference,
            "destroy-note": "Verzoek van mevrouw Amrani",
            "destroy-confirm": "on",
        },
    )
    record = DestructionRecord.objects.get()
    row = AccessLogEntry.objects.get(object_type="destruction")
    assert (row.actor, row.kind, row.object_id, row.family_id, row.family_reference) == (
        org.beheerder,
        AccessKind.DELETE,
        record.pk,
        org.family.pk,
        org.family.reference,
    )
    assert row.extra == {"reason": [None, "request"]}


def test_the_system_purge_is_logged_without_a_person(org):
    Family.objects.filter(pk=org.other_family.pk).update(
        updated_at=timezone.now() - timedelta(days=365 * 21)
    )
    assert retention.purge_expired() == 1
    row = AccessLogEntry.objects.get(object_type="destruction")
    assert row.actor is None and row.family_id == org.other_family.pk
    assert row.extra == {"reason": [None, "retention"]}


def test_a_failed_log_row_keeps_the_file_and_records_no_hold(org, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("log unavailable")

    monkeypatch.setattr(retention, "log_admin_change", broken)
    with pytest.raises(DatabaseError):
        retention.hold_family(
            org.family, timezone.localdate() + timedelta(days=9), "x", org.beheerder
        )
    with pytest.raises(DatabaseError):
        retention.destroy_family(
            org.family, DestructionRecord.Reason.REQUEST, decided_by=org.beheerder
        )
    assert Family.objects.filter(pk=org.family.pk).exists()
    assert not RetentionHold.objects.exists() and not DestructionRecord.objects.exists()
