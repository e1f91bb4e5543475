"""Sealing the access log: after commit, in sealing order, never waiting for another sealer."""

from datetime import timedelta

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit import sealing
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessLogSeal
from krachtbron.audit.sealing import SEAL_LOCK, WINDOW, append_seals, current_head, seal_pending
from krachtbron.audit.tests import sealing_scenarios
from krachtbron.audit.verify import verify_chain
from krachtbron.testing.parallel import run_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _seal_after_every_commit(settings):
    """These tests look at one commit at a time: no pacing between seal runs."""
    settings.ACCESS_LOG_SEAL_INTERVAL_MS = 0


def test_rows_are_sealed_right_after_the_transaction_commits(
    org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for _ in range(3):
            log_access(org.adviser, org.family, AccessKind.READ)
        # Nothing is sealed inside the transaction that writes the rows: no chain work there.
        assert not AccessLogSeal.objects.exists()
    # One seal run per transaction, however many rows (it then writes the head it reached).
    assert [c for c in callbacks if c is sealing._seal_after_commit] == [sealing._seal_after_commit]
    assert AccessLogSeal.objects.count() == 3
    assert verify_chain().ok


def test_under_load_a_process_seals_at_most_once_per_interval(
    org, settings, monkeypatch, committed
):
    settings.ACCESS_LOG_SEAL_INTERVAL_MS = 250
    clock = [1000.0]
    monkeypatch.setattr(sealing.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(sealing._Pace, "last", float("-inf"))

    def commit_one_row():
        log_access(org.adviser, org.family, AccessKind.READ)
        with committed():
            sealing._seal_after_commit()  # what on_commit runs once the row's transaction commits

    commit_one_row()  # quiet: sealed at once
    assert AccessLogSeal.objects.count() == 1
    clock[0] += 0.1
    commit_one_row()
    commit_one_row()  # 100 ms later: left for the next run
    assert AccessLogSeal.objects.count() == 1
    clock[0] += 0.2
    commit_one_row()  # 300 ms after the last run: this run seals all three waiting rows
    assert AccessLogSeal.objects.count() == 4 and verify_chain().ok


def test_a_page_view_seals_its_row_after_the_response_is_made(
    org, as_user, django_capture_on_commit_callbacks
):
    client = as_user(org.adviser)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(reverse("families:detail", args=[org.family.pk])).status_code == 200
    entry = AccessLogEntry.objects.get(object_type="family")
    assert AccessLogSeal.objects.filter(entry_id=entry.pk).exists()


def test_a_failing_sealer_does_not_fail_the_page(
    org, as_user, django_capture_on_commit_callbacks, monkeypatch, caplog, seal
):
    def broken(**kwargs):
        raise RuntimeError("sealer down")

    monkeypatch.setattr(sealing, "seal_pending", broken)
    client = as_user(org.adviser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("families:detail", args=[org.family.pk]))
    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(object_type="family").exists()  # the row stays
    assert not AccessLogSeal.objects.exists()  # ... and is sealed by the next run
    monkeypatch.undo()
    assert seal() == 1 and verify_chain().ok


def test_the_chain_follows_the_order_of_sealing_not_of_ids(org, seal):
    first = log_access(org.adviser, org.family, AccessKind.READ)
    second = log_access(org.adviser, org.family, AccessKind.CHANGE)
    # The second row's transaction committed (and was sealed) before the first one's.
    with transaction.atomic():
        append_seals(
            current_head(), sealing.entry_values(AccessLogEntry.objects.filter(pk=second.pk))
        )
    assert seal() == 1
    order = list(AccessLogSeal.objects.order_by("sequence").values_list("entry_id", flat=True))
    assert order == [second.pk, first.pk]
    assert verify_chain().ok


def test_a_lost_race_changes_nothing(org, seal):
    log_access(org.adviser, org.family, AccessKind.READ)
    stale = current_head()
    assert seal() == 1
    log_access(org.adviser, org.family, AccessKind.READ)
    rows = list(sealing.entry_values(AccessLogEntry.objects.all()))
    # A second sealer that read the head before the first one wrote: its numbers are taken.
    with pytest.raises(IntegrityError), transaction.atomic():
        append_seals(stale, rows)
    assert AccessLogSeal.objects.count() == 1 and verify_chain().ok


def test_a_lost_race_inside_seal_pending_is_harmless(org, monkeypatch, seal):
    log_access(org.adviser, org.family, AccessKind.READ)
    assert seal() == 1
    log_access(org.adviser, org.family, AccessKind.READ)
    # As if it read too early (and before anything was written outside the database).
    monkeypatch.setattr(sealing, "_head_and_top", lambda witnessed=None: (None, 0))
    assert seal() == 0
    monkeypatch.undo()
    assert seal() == 1 and verify_chain().ok


def test_a_sealer_gives_up_when_another_one_moved_the_chain_meanwhile(org, monkeypatch, seal):
    log_access(org.adviser, org.family, AccessKind.READ)
    computed = sealing._chain

    def another_sealer_runs_now(head, rows):
        result = computed(head, rows)
        monkeypatch.setattr(sealing, "_chain", computed)
        assert seal(wait=True) == 1  # ... between our read and our lock
        return result

    monkeypatch.setattr(sealing, "_chain", another_sealer_runs_now)
    assert seal() == 0
    assert AccessLogSeal.objects.count() == 1 and verify_chain().ok


def test_a_row_that_commits_far_behind_is_sealed_by_the_command(org, capsys, seal, committed):
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            id=WINDOW + 100 + n, actor_kind="system", actor_role="retention", kind="read"
        )
        for n in range(3)
    )
    assert seal() == 3
    late = AccessLogEntry(id=5, actor_kind="system", actor_role="retention", kind="read")
    late.save()
    assert seal() == 0  # the sealer after a commit looks at the newest rows only
    later = timezone.now() + timedelta(minutes=10)
    assert verify_chain(now=later).unsealed == [5]
    with committed():
        call_command("seal_access_log")
    assert "1 regel verzegeld; kop van de keten: 4:" in capsys.readouterr().out
    assert verify_chain(now=later).ok


@pytest.mark.django_db(transaction=True)
def test_every_row_is_sealed_once_when_many_write_at_the_same_time(tmp_path):
    result = _scenario("parallel_sealing", tmp_path)
    assert result["errors"] == []
    expected = sealing_scenarios.THREADS * sealing_scenarios.ROWS
    assert result["written"] == result["entries"] == expected
    assert result["seals"] == result["distinct_sealed"] == expected
    assert result["chain_ok"] is True


def _scenario(name, tmp_path):
    """In-process on PostgreSQL; on SQLite in a subprocess on a file (several connections)."""
    return run_scenario("krachtbron.audit.tests.sealing_scenarios", name, tmp_path)


@pytest.mark.database("postgresql")
def test_a_sealer_never_waits_while_another_process_seals(org):
    log_access(Actor.system("retention"), None, AccessKind.READ)
    db = settings.DATABASES["default"]
    other = psycopg.connect(
        host=db["HOST"],
        port=db["PORT"],
        user=db["USER"],
        dbname=connection.settings_dict["NAME"],
        autocommit=True,
    )
    try:
        other.execute("SELECT pg_advisory_lock(%s)", [SEAL_LOCK])  # another process is sealing
        assert seal_pending() == 0  # returns at once, leaving the rows to that one or the next
        assert not AccessLogSeal.objects.exists()
        other.execute("SELECT pg_advisory_unlock(%s)", [SEAL_LOCK])
        assert seal_pending() == 1
    finally:
        other.close()


def test_the_key_comes_from_the_settings_not_the_database(org, settings, seal):
    log_access(org.adviser, org.family, AccessKind.READ)
    seal()
    assert verify_chain().ok
    settings.ACCESS_LOG_KEY = "another-key-that-someone-without-the-real-one-uses-0123"
    # Everything in the database is the same, yet the chain no longer checks out.
    assert verify_chain().broken.code == "seal_changed"
