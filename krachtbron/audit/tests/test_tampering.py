"""Tampering with the access log behind the application's back, and ``verify_access_log``
finding each kind (SECURITY.md 18: tamper-evident). Runs on SQLite and PostgreSQL.

Every attack is done as the database owner would: plain SQL, with the triggers that refuse an
UPDATE switched off first (``DROP TRIGGER`` on SQLite, ``DISABLE TRIGGER`` on PostgreSQL), so the
only thing left to notice it is the seal chain.
"""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessLogSeal, AppendOnlyError
from krachtbron.audit.verify import verify_chain

pytestmark = pytest.mark.django_db

TRIGGERS = {
    "audit_accesslogentry": "audit_accesslog_no_update",
    "audit_accesslogseal": "audit_accesslogseal_no_update",
}


@contextmanager
def _without_triggers():
    """What someone with the owner's rights can do: switch off the UPDATE triggers."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django defers foreign-key checks; ALTER TABLE wants none pending in the test's
            # transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, trigger in TRIGGERS.items():
            if connection.vendor == "postgresql":
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        yield cursor
        if connection.vendor == "postgresql":
            for table, trigger in TRIGGERS.items():
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _sql(statement, params=()):
    with _without_triggers() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def sealed_log(org, seal):
    """Six rows of ordinary work, sealed: entries 1..6 in seals 1..6 (ids as written)."""
    for kind in [AccessKind.READ, AccessKind.CHANGE, AccessKind.READ, AccessKind.PRINT]:
        log_access(org.adviser, org.family, kind, extra={"n": 1})
    log_access(org.colleague, org.family, AccessKind.READ)
    log_access(org.adviser, org.other_family, AccessKind.READ)
    assert seal() == 6
    return list(AccessLogSeal.objects.order_by("sequence").values_list("sequence", "entry_id"))


def _verify_fails(*args):
    with pytest.raises(CommandError) as failure:
        call_command("verify_access_log", *args)
    return str(failure.value)


def test_an_intact_log_verifies_with_a_short_summary(sealed_log, capsys):
    call_command("verify_access_log")
    out = capsys.readouterr().out
    assert "De toegangslog is intact: 6 regels" in out and "zegel 6:" in out
    assert "1 kop uit het kopbestand" in out


def test_an_edited_entry_is_found(sealed_log):
    sequence, entry_id = sealed_log[2]
    _sql("UPDATE audit_accesslogentry SET kind = 'delete' WHERE id = %s", [entry_id])
    message = _verify_fails()
    assert f"Regel {entry_id} past niet bij zegel {sequence}" in message
    assert verify_chain().broken.code == "entry_changed"


def test_an_edited_json_field_is_found(sealed_log):
    sequence, entry_id = sealed_log[0]
    row = AccessLogEntry.objects.get(pk=entry_id)
    changed = '{"n": 2}'
    _sql("UPDATE audit_accesslogentry SET extra = %s WHERE id = %s", [changed, row.pk])
    assert verify_chain().broken.sequence == sequence


def test_a_deleted_entry_is_found(sealed_log):
    sequence, entry_id = sealed_log[3]
    _sql("DELETE FROM audit_accesslogentry WHERE id = %s", [entry_id])
    message = _verify_fails()
    assert f"Regel {entry_id} (zegel {sequence}) ontbreekt" in message


def test_a_deleted_entry_with_its_seal_is_found(sealed_log):
    sequence, entry_id = sealed_log[3]
    _sql("DELETE FROM audit_accesslogentry WHERE id = %s", [entry_id])
    _sql("DELETE FROM audit_accesslogseal WHERE sequence = %s", [sequence])
    message = _verify_fails()
    assert f"Zegel {sequence} tot en met {sequence} ontbreekt" in message


def test_an_edited_seal_is_found(sealed_log):
    sequence, _entry = sealed_log[1]
    _sql("UPDATE audit_accesslogseal SET mac = %s WHERE sequence = %s", ["0" * 64, sequence])
    assert f"Zegel {sequence} klopt niet" in _verify_fails()
    assert verify_chain().broken.code == "seal_changed"


def test_reordered_seals_are_found(sealed_log):
    (second, _a), (third, _b) = sealed_log[1], sealed_log[2]
    # Swap two seals' places in the chain (through a free number: the number is the key).
    _sql("UPDATE audit_accesslogseal SET sequence = -1 WHERE sequence = %s", [second])
    _sql("UPDATE audit_accesslogseal SET sequence = %s WHERE sequence = %s", [second, third])
    _sql("UPDATE audit_accesslogseal SET sequence = %s WHERE sequence = -1", [third])
    broken = verify_chain().broken
    assert (broken.code, broken.sequence) == ("seal_changed", second)


def test_entries_swapped_between_seals_are_found(sealed_log):
    (second, first_id), (third, second_id) = sealed_log[1], sealed_log[2]
    _sql("UPDATE audit_accesslogseal SET entry_id = NULL WHERE sequence = %s", [second])
    _sql("UPDATE audit_accesslogseal SET entry_id = %s WHERE sequence = %s", [first_id, third])
    _sql("UPDATE audit_accesslogseal SET entry_id = %s WHERE sequence = %s", [second_id, second])
    broken = verify_chain().broken
    assert broken.sequence == second and broken.code in {"entry_changed", "seal_changed"}


def test_values_swapped_between_two_entries_are_found(sealed_log, org):
    # Make the colleague's look at the family read as the adviser's and the other way round.
    (_s1, adviser_row), (colleague_seal, colleague_row) = sealed_log[0], sealed_log[4]
    _sql(
        "UPDATE audit_accesslogentry SET actor_id = %s WHERE id = %s",
        [org.adviser.pk, colleague_row],
    )
    _sql(
        "UPDATE audit_accesslogentry SET actor_id = %s WHERE id = %s",
        [org.colleague.pk, adviser_row],
    )
    broken = verify_chain().broken
    assert (broken.code, broken.entry_id) == ("entry_changed", adviser_row)
    assert colleague_seal > broken.sequence  # the first broken link is reported


def test_a_cut_off_tail_is_found_with_the_head_from_the_application_log(sealed_log, caplog, seal):
    caplog.set_level("INFO", logger="krachtbron.audit.seal")
    log_access(
        __import__("krachtbron.audit.actors", fromlist=["Actor"]).Actor.system("retention"),
        None,
        AccessKind.READ,
    )
    seal()
    head = caplog.records[-1].getMessage().rsplit(" ", 1)[-1]  # "7:0123abcd..."
    assert head.startswith("7:") and "Amrani" not in caplog.text
    call_command("verify_access_log", "--head", head)  # intact
    _sql("DELETE FROM audit_accesslogseal WHERE sequence = 7")
    _sql("DELETE FROM audit_accesslogentry WHERE id = (SELECT MAX(id) FROM audit_accesslogentry)")
    assert "Zegel 7 uit het applicatielog ontbreekt" in _verify_fails("--head", head)


def test_a_row_added_behind_the_apps_back_is_reported_unsealed(sealed_log, org):
    forged = AccessLogEntry(
        at=timezone.now() - timedelta(hours=1),
        actor_kind="staff",
        actor=org.colleague,
        actor_role="adviseur",
        kind="read",
        object_type="family",
    )
    forged.save()  # a plain INSERT: no seal follows, as none would behind the app's back
    message = _verify_fails()
    assert "1 regel ouder dan 5 minuten zonder zegel" in message and str(forged.pk) in message


def test_a_young_unsealed_row_is_not_yet_a_problem(sealed_log, org):
    AccessLogEntry(actor_kind="system", actor_role="retention", kind="read").save()
    call_command("verify_access_log")


def test_the_orm_cannot_delete_rows_not_even_through_the_base_manager(sealed_log):
    for manager in (AccessLogEntry.objects, AccessLogEntry._base_manager):
        with pytest.raises(AppendOnlyError):
            manager.all().delete()
        with pytest.raises(AppendOnlyError):
            manager.filter(pk=sealed_log[0][1])._raw_delete(connection.alias)
        with pytest.raises(AppendOnlyError):
            manager.all().update(kind="x")
    for manager in (AccessLogSeal.objects, AccessLogSeal._base_manager):
        with pytest.raises(AppendOnlyError):
            manager.all().delete()
        with pytest.raises(AppendOnlyError):
            manager.all().update(mac="x")
    seal = AccessLogSeal.objects.first()
    seal.mac = "0" * 64
    with pytest.raises(AppendOnlyError):
        seal.save()
    with pytest.raises(AppendOnlyError):
        seal.delete()
    assert AccessLogEntry.objects.count() == 6 and verify_chain().ok


def test_the_database_refuses_updates_of_seals_too(sealed_log):
    from django.db import DatabaseError, IntegrityError, transaction

    with (
        pytest.raises((IntegrityError, DatabaseError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_accesslogseal SET mac = 'x'")
    assert verify_chain().ok
