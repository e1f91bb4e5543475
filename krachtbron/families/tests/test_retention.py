"""Retention, destruction on request and backup/restore (SECURITY.md 19, 20, 27)."""

import gzip
import io
import json
import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.families.models import DestructionRecord, Family, FamilyMember, Goal, RetentionHold
from krachtbron.families.retention import expired_families, hold_family, purge_expired
from krachtbron.testing.factories import FamilyFactory, GoalFactory, MemberFactory
from krachtbron.testing.migrated import migrated_sqlite

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
PLANTED = "Zwaantje-Qwertyuiop"


def _age(family, years: int) -> None:
    Family.objects.filter(pk=family.pk).update(
        updated_at=timezone.now() - timedelta(days=365 * years + 10)
    )


def _database_dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", stdout=out, verbosity=0)
    return out.getvalue()


def test_files_unchanged_for_twenty_years_are_purged(org):
    old = FamilyFactory(team=org.team)
    MemberFactory(family=old, first_name=PLANTED)
    _age(old, 21)
    recent = FamilyFactory(team=org.team)
    _age(recent, 19)
    assert purge_expired() == 1
    assert not Family.objects.filter(pk=old.pk).exists()
    assert Family.objects.filter(pk=recent.pk).exists()
    assert PLANTED not in _database_dump()
    assert DestructionRecord.objects.get().reason == DestructionRecord.Reason.RETENTION


def test_a_keep_longer_decision_holds_the_file(org):
    old = FamilyFactory(team=org.team)
    _age(old, 25)
    hold_family(old, timezone.localdate() + timedelta(days=365), "Lopende procedure", org.beheerder)
    assert not expired_families().filter(pk=old.pk).exists()
    assert purge_expired() == 0
    RetentionHold.objects.update(until=timezone.localdate() - timedelta(days=1))
    assert purge_expired() == 1


def test_destruction_on_request_leaves_no_trace_of_the_family(org, as_user):
    MemberFactory(family=org.family, first_name=PLANTED)
    GoalFactory(family=org.family, text=f"Doel van {PLANTED}")
    as_user(org.adviser).get(reverse("families:detail", args=[org.family.pk]))
    client = as_user(org.beheerder)
    response = client.post(
        reverse("families:retention"),
        {
            "destroy-reference": org.family.reference,
            "destroy-note": "Verzoek van de ouder, getoetst",
            "destroy-confirm": "on",
        },
    )
    assert response.status_code == 302
    assert not Family.objects.filter(pk=org.family.pk).exists()
    assert not FamilyMember.objects.filter(family_id=org.family.pk).exists()
    assert not Goal.objects.filter(family_id=org.family.pk).exists()
    assert PLANTED not in _database_dump()
    record = DestructionRecord.objects.get()
    assert record.family_reference == org.family.reference and record.decided_by == org.beheerder
    assert AccessLogEntry.objects.filter(family_id=org.family.pk, kind=AccessKind.DELETE).exists()


def test_destruction_needs_confirmation_and_a_known_reference(org, as_user):
    client = as_user(org.beheerder)
    response = client.post(
        reverse("families:retention"),
        {"destroy-reference": org.family.reference, "destroy-note": "Verzoek"},
    )
    assert "Vink dit aan" in response.content.decode()
    response = client.post(
        reverse("families:retention"),
        {"destroy-reference": "KB-NIET-BESTAAND", "destroy-note": "x", "destroy-confirm": "on"},
    )
    assert "geen dossier met dit nummer" in response.content.decode()
    assert Family.objects.filter(pk=org.family.pk).exists()


def test_hold_needs_a_future_date(org, as_user):
    response = as_user(org.beheerder).post(
        reverse("families:retention"),
        {"hold-reference": org.family.reference, "hold-until": "2001-01-01", "hold-reason": "x"},
    )
    assert "datum in de toekomst" in response.content.decode()
    assert not RetentionHold.objects.exists()


def test_a_hold_until_9999_is_refused_with_a_dutch_message(org, as_user):
    """Issue 12: a hold "until 9999-12-31" was accepted. At most 25 years ahead."""
    response = as_user(org.beheerder).post(
        reverse("families:retention"),
        {"hold-reference": org.family.reference, "hold-until": "9999-12-31", "hold-reason": "x"},
    )
    html = response.content.decode()
    assert "Bewaren kan tot ten hoogste 25 jaar vooruit: kies" in html
    assert 'value="9999-12-31"' in html
    assert not RetentionHold.objects.exists()


def test_a_beheerder_without_the_right_cannot_destroy(org, as_user):
    org.beheerder.is_privacy_officer = False
    org.beheerder.save()
    response = as_user(org.beheerder).post(
        reverse("families:retention"),
        {"destroy-reference": org.family.reference, "destroy-note": "x", "destroy-confirm": "on"},
    )
    assert response.status_code == 403
    assert Family.objects.filter(pk=org.family.pk).exists()


def _row_counts_here() -> dict[str, int]:
    from krachtbron.families.management.commands.backup import EXCLUDE

    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in EXCLUDE or label in EXCLUDE or not model._meta.managed:
            continue
        counts[model._meta.db_table] = model._default_manager.count()
    return counts


def test_a_backup_restores_into_a_fresh_database_with_identical_row_counts(org, tmp_path):
    for _ in range(3):
        family = FamilyFactory(team=org.team, advisers=[org.adviser])
        MemberFactory(family=family, first_name="Ayşe ሰላም")
        GoalFactory(family=family)
    from krachtbron.audit.log import log_access

    log_access(org.adviser, org.family, AccessKind.READ)
    backup = tmp_path / "backup.json.gz"
    call_command("backup", str(backup))
    assert json.loads(gzip.decompress(backup.read_bytes()))  # valid JSON
    expected = _row_counts_here()

    fresh = tmp_path / "fresh.sqlite3"
    env = {**os.environ, "SQLITE_PATH": str(fresh), "DJANGO_SETTINGS_MODULE": "krachtbron.settings"}
    env.pop("DATABASE_URL", None)  # always a fresh, separate database
    run = {"cwd": ROOT, "env": env, "check": True, "capture_output": True}
    migrated_sqlite(fresh)
    subprocess.run([sys.executable, "manage.py", "restore", str(backup)], **run)  # noqa: S603
    with sqlite3.connect(fresh) as db:
        restored = {
            table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in expected
        }
    # The restore writes one row of its own ("back-up teruggezet", by the system) and seals the
    # whole log, so the restored chain verifies (audit/tests/test_backup_restore.py).
    log_tables = ("audit_accesslogentry", "audit_accesslogseal")
    assert {t: n for t, n in restored.items() if t not in log_tables} == {
        t: n for t, n in expected.items() if t not in log_tables
    }
    assert restored["audit_accesslogentry"] == expected["audit_accesslogentry"] + 1
    assert restored["audit_accesslogseal"] == restored["audit_accesslogentry"]
    assert expected["families_family"] >= 5 and expected["audit_accesslogentry"] >= 1


def test_restore_refuses_a_database_that_is_not_empty(org, tmp_path):
    from django.core.management.base import CommandError

    backup = tmp_path / "b.json.gz"
    call_command("backup", str(backup))
    with pytest.raises(CommandError):
        call_command("restore", str(backup))
