"""The access log's own retention: old rows leave only through purge_access_log, which
re-anchors the chain and is itself on record."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from krachtbron.audit import witness
from krachtbron.audit.actors import ActorKind
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessLogSeal, SealKind
from krachtbron.audit.retention import cutoff_for, minimum_years, purge_access_log
from krachtbron.audit.verify import verify_chain

pytestmark = pytest.mark.django_db

NOW = datetime(2046, 6, 1, 12, 0, tzinfo=UTC)


def _row(at, org):
    entry = AccessLogEntry(
        at=at,
        actor_kind=ActorKind.STAFF,
        actor=org.adviser,
        actor_role="adviseur",
        family_id=org.family.pk,
        kind=AccessKind.READ,
        object_type="family",
    )
    entry.save()
    return entry


@pytest.fixture
def purge(committed):
    """purge_access_log as it runs in production: committed, so its anchor and new head are
    written to the head file."""

    def run(**options):
        with committed():
            return purge_access_log(**options)

    return run


@pytest.fixture
def old_and_new(org, seal):
    """Three rows from 2024 and two from 2040, sealed in that order."""
    old = [_row(datetime(2024, 3, day, tzinfo=UTC), org) for day in (1, 2, 3)]
    new = [_row(datetime(2040, 1, day, tzinfo=UTC), org) for day in (1, 2)]
    seal()
    return old, new


def test_the_default_retention_is_as_long_as_a_family_file(settings):
    assert settings.ACCESS_LOG_RETENTION_YEARS == settings.RETENTION_YEARS == 20
    assert cutoff_for(datetime(2044, 2, 29, tzinfo=UTC), 19) == datetime(2025, 2, 28, tzinfo=UTC)


def test_old_rows_leave_and_the_chain_is_re_anchored(old_and_new, capsys, purge, settings):
    old, new = old_and_new
    call_command("purge_access_log")  # now is 2026-ish: nothing is 20 years old yet
    assert "niets verwijderd" in capsys.readouterr().out
    result = purge(now=NOW)
    assert (result.entries, result.anchor) == (3, 3)
    remaining = set(AccessLogEntry.objects.values_list("pk", flat=True))
    assert {e.pk for e in old}.isdisjoint(remaining) and {e.pk for e in new} <= remaining
    anchor = AccessLogSeal.objects.get(kind=SealKind.ANCHOR)
    assert anchor.sequence == 3 and anchor.detail["entries"] == 3
    assert not AccessLogSeal.objects.filter(sequence__lt=3).exists()
    report = verify_chain(now=NOW)
    assert report.ok and report.first == 4 and report.anchor == anchor
    # The head file outside the database has the anchor, then the head after the purge's row.
    lines = [(w.kind, w.sequence) for w in witness.read(settings.ACCESS_LOG_HEAD_FILE)]
    assert lines == [("seal", 5), ("anchor", 3), ("seal", 6)]
    assert report.witnessed == 3  # all three: the anchor keeps seal 3's MAC


def test_the_log_is_kept_at_least_as_long_as_a_family_file(old_and_new):
    assert minimum_years() == 20
    with pytest.raises(ValueError, match="at least 20 years"):
        purge_access_log(now=NOW, years=19)
    assert not AccessLogSeal.objects.filter(kind=SealKind.ANCHOR).exists()


def test_the_purge_is_itself_on_record_as_the_system(old_and_new, purge):
    purge(now=NOW)
    row = AccessLogEntry.objects.get(object_type="access_log")
    assert (row.actor_kind, row.actor_role, row.kind) == (
        ActorKind.SYSTEM,
        "log_retention",
        AccessKind.DELETE,
    )
    assert row.extra == {"before": "2026-06-01", "entries": 3, "through_seal": 3}
    assert AccessLogSeal.objects.filter(entry_id=row.pk).exists()  # sealed after the anchor
    assert row.actor_label == "systeem (bewaartermijn toegangslog)"


def test_a_second_purge_moves_the_anchor_on(old_and_new, org, purge, seal):
    purge(now=NOW)
    log_access(org.adviser, org.family, AccessKind.READ)
    seal()
    result = purge(now=NOW + timedelta(days=365 * 15))
    # The two rows of 2040, the first purge's own row and the read above (both written today).
    assert result.entries == 4
    anchors = list(AccessLogSeal.objects.filter(kind=SealKind.ANCHOR))
    assert [a.sequence for a in anchors] == [result.anchor]
    assert verify_chain(now=NOW + timedelta(days=365 * 15)).ok


def test_the_purge_refuses_a_broken_chain_and_removes_nothing(old_and_new):
    old, _new = old_and_new
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry WHERE id = %s", [old[1].pk])
    before = AccessLogEntry.objects.count()
    with pytest.raises(CommandError, match="de zegelketen is gebroken"):
        call_command("purge_access_log")
    assert AccessLogEntry.objects.count() == before
    assert not AccessLogSeal.objects.filter(kind=SealKind.ANCHOR).exists()


def test_an_anchor_made_without_the_key_is_found(old_and_new):
    """Cutting the chain and leaving an anchor of one's own: its proof cannot be made."""
    seals = list(AccessLogSeal.objects.order_by("sequence"))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslogseal WHERE sequence <= 3")
        cursor.execute(
            "DELETE FROM audit_accesslogentry WHERE id IN (%s, %s, %s)",
            [s.entry_id for s in seals[:3]],
        )
    AccessLogSeal.objects.create(sequence=3, kind=SealKind.ANCHOR, mac=seals[2].mac, proof="0" * 64)
    broken = verify_chain().broken
    assert (broken.code, broken.sequence) == ("anchor_forged", 3)


def test_removing_the_anchor_is_found(old_and_new, purge):
    purge(now=NOW)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslogseal WHERE kind = 'anchor'")
    broken = verify_chain(now=NOW).broken
    assert broken.code == "seal_missing" and "Zegel 1 tot en met 3 ontbreekt" in broken.message
