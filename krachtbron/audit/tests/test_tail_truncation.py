"""Cutting the access log short, and the application refusing to seal over the cut (break-11,
finding 1). Runs on SQLite and PostgreSQL.

Someone who can write the database but has no key removes a row together with every seal from
its seal on (or the newest rows, or everything). The seal chain alone cannot see that: what is
left is a valid chain, and the application's own sealer would seal the remaining rows into a
whole chain again. The heads written to the head file outside the database
(``ACCESS_LOG_HEAD_FILE``, ``krachtbron.audit.witness``) make every such cut visible: the sealer
refuses to seal behind a head it wrote, and ``verify_access_log`` checks every head by default.
"""

import logging

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from krachtbron.audit import sealing, witness
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessLogSeal
from krachtbron.audit.sealing import ChainCut, current_head, seal_pending
from krachtbron.audit.verify import verify_chain

pytestmark = pytest.mark.django_db


def _sql(statement, params=()):
    """As the database's owner would (no trigger refuses a DELETE; the UPDATE triggers stay)."""
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _heads(settings):
    return list(witness.read(settings.ACCESS_LOG_HEAD_FILE))


@pytest.fixture
def seven_rows(org, seal):
    """Seven rows, sealed in two runs (two heads in the head file); the fourth is the look to
    hide."""
    for _ in range(3):
        log_access(org.adviser, org.family, AccessKind.READ)
    snoop = log_access(org.colleague, org.family, AccessKind.READ)
    assert seal() == 4
    for _ in range(3):
        log_access(org.adviser, org.family, AccessKind.READ)
    assert seal() == 3
    assert verify_chain().ok
    return snoop


def _verify_fails(*args):
    with pytest.raises(CommandError) as failure:
        call_command("verify_access_log", *args)
    return str(failure.value)


def test_every_seal_run_writes_its_head_to_the_head_file(seven_rows, settings):
    lines = _heads(settings)
    head = current_head()
    assert [(w.kind, w.sequence) for w in lines] == [("seal", 4), ("seal", 7)]
    assert lines[-1].mac == head.mac  # the whole MAC: numbers only, no personal data
    text = settings.ACCESS_LOG_HEAD_FILE.read_text()
    assert "Amrani" not in text and "alice" not in text


def test_a_removed_row_and_the_seals_after_it_are_not_sealed_again(seven_rows, org, seal):
    snoop_seal = AccessLogSeal.objects.get(entry_id=seven_rows.pk).sequence
    _sql("DELETE FROM audit_accesslogentry WHERE id = %s", [seven_rows.pk])
    _sql("DELETE FROM audit_accesslogseal WHERE sequence >= %s", [snoop_seal])
    # What the chain alone sees: three intact seals. What the head file says: seal 7 was there.
    log_access(org.adviser, org.family, AccessKind.READ)  # the next page view anywhere
    with pytest.raises(ChainCut) as cut:
        seal()
    assert (cut.value.code, cut.value.sequence) == ("missing", 7)
    with pytest.raises(CommandError, match="Zegel 7 uit het kopbestand ontbreekt"):
        call_command("seal_access_log")
    assert AccessLogSeal.objects.count() == snoop_seal - 1  # nothing laundered
    message = _verify_fails()  # the first head written that is gone: the snooper's seal
    assert f"Zegel {snoop_seal} uit het kopbestand" in message and "ingekort of gewist" in message


def test_a_chain_re_sealed_after_a_removal_is_found(seven_rows, org, settings):
    """Laundering by a sealer that does not check (an old version, a process without the head
    file): the new seal 7 has another MAC than the one written outside the database."""
    snoop_seal = AccessLogSeal.objects.get(entry_id=seven_rows.pk).sequence
    _sql("DELETE FROM audit_accesslogentry WHERE id = %s", [seven_rows.pk])
    _sql("DELETE FROM audit_accesslogseal WHERE sequence >= %s", [snoop_seal])
    for _ in range(2):
        log_access(org.adviser, org.family, AccessKind.READ)
    head = current_head()
    rows = sealing._pending(None, 100)
    sealing.append_seals(head, rows)  # seals 4..7 again, with the key
    assert verify_chain(head_files=[]).broken is None  # the chain alone is whole again
    report = verify_chain()
    assert not report.ok
    assert "Zegel 4 wijkt af van het kopbestand" in report.witness_problem
    assert f"{settings.ACCESS_LOG_HEAD_FILE}, regel 1" in report.witness_problem


def test_a_cut_off_tail_is_found_without_giving_a_head(seven_rows, seal):
    _sql(
        "DELETE FROM audit_accesslogentry WHERE id IN "
        "(SELECT entry_id FROM audit_accesslogseal WHERE sequence >= 6)"
    )
    _sql("DELETE FROM audit_accesslogseal WHERE sequence >= 6")
    before = verify_chain(head_files=[])  # what the daily job saw before: an intact chain
    assert before.broken is None and not before.unsealed and before.head.sequence == 5
    assert "Zegel 7 uit het kopbestand" in _verify_fails()
    with pytest.raises(ChainCut):
        seal()


def test_a_wiped_log_is_not_intact(seven_rows, seal, capsys):
    _sql("DELETE FROM audit_accesslogentry")
    _sql("DELETE FROM audit_accesslogseal")
    message = _verify_fails()
    assert "Zegel 4 uit het kopbestand" in message
    assert "intact" not in capsys.readouterr().out
    with pytest.raises(ChainCut) as cut:
        seal()
    assert cut.value.code == "missing"


@pytest.mark.database("postgresql")
def test_a_truncated_log_is_not_intact_on_postgresql(seven_rows, seal):
    _sql("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks of the test's own transaction
    _sql("TRUNCATE audit_accesslogentry, audit_accesslogseal")
    assert "Zegel 4 uit het kopbestand" in _verify_fails()
    with pytest.raises(ChainCut):
        seal()


def test_a_replaced_head_is_found(seven_rows, org, seal):
    """The newest row and its seal removed, another row in its place; the sealer would seal it
    at the same number with another MAC."""
    newest = current_head()
    entry = AccessLogSeal.objects.get(sequence=newest.sequence).entry_id
    _sql("DELETE FROM audit_accesslogentry WHERE id = %s", [entry])
    _sql("DELETE FROM audit_accesslogseal WHERE sequence = %s", [newest.sequence])
    log_access(org.colleague, org.other_family, AccessKind.READ)
    with pytest.raises(ChainCut):  # seal 7 is gone: nothing is sealed at its place
        seal()
    # Even if something else sealed it: the head differs from the one outside the database.
    sealing.append_seals(current_head(), sealing._pending(None, 10))
    assert current_head().sequence == newest.sequence and current_head().mac != newest.mac
    assert "Zegel 7 wijkt af van het kopbestand" in _verify_fails()
    with pytest.raises(ChainCut) as cut:
        seal()
    assert cut.value.code == "changed"


def test_the_page_still_works_and_the_refusal_is_logged_without_personal_data(
    seven_rows, org, as_user, caplog, settings, monkeypatch
):
    settings.ACCESS_LOG_SEAL_INTERVAL_MS = 0
    monkeypatch.setattr(sealing._Refused, "last", float("-inf"))
    _sql("DELETE FROM audit_accesslogseal WHERE sequence >= 5")
    client = as_user(org.adviser)
    response = client.get(reverse("families:detail", args=[org.family.pk]))
    assert response.status_code == 200
    with caplog.at_level(logging.ERROR, logger="krachtbron.audit.seal"):
        sealing._seal_after_commit()  # what on_commit runs once the page's transaction commits
        sealing._seal_after_commit()  # the next page: not logged again within the minute
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors == [
        "access log: seal 7 from the head file is missing: not sealing; run verify_access_log"
    ]
    assert AccessLogSeal.objects.count() == 4  # the page's row waits, unsealed


def test_the_newest_head_is_found_among_lines_written_out_of_order(org, settings, seal):
    """Processes of one server append at the same moment: a lower head can follow a higher."""
    log_access(org.adviser, org.family, AccessKind.READ)
    seal()
    head = current_head()
    witness.append(witness.SEAL, head.sequence - 1 if head.sequence > 1 else 0, "0" * 64)
    assert witness.newest().sequence == head.sequence


def test_heads_written_before_a_restore_beyond_it_are_no_longer_expected(seven_rows, org, seal):
    """A backup restored on this server: the rows after it are gone on purpose (restore writes
    the line); heads before it up to the restored head must still match."""
    _sql(
        "DELETE FROM audit_accesslogentry WHERE id IN (SELECT entry_id FROM "
        "audit_accesslogseal WHERE sequence > 4)"
    )
    _sql("DELETE FROM audit_accesslogseal WHERE sequence > 4")
    restored = current_head()
    witness.append(witness.RESTORE, restored.sequence, restored.mac)
    report = verify_chain()
    assert report.ok and report.witnessed == 2  # seal 4, and the restore line itself
    log_access(org.adviser, org.family, AccessKind.READ)
    assert seal() == 1
    assert verify_chain().ok


def test_a_restore_line_does_not_excuse_a_later_cut(seven_rows, org, seal):
    restored = current_head()
    witness.append(witness.RESTORE, restored.sequence, restored.mac)
    log_access(org.adviser, org.family, AccessKind.READ)
    seal()  # seal 8, written after the restore line
    _sql("DELETE FROM audit_accesslogseal WHERE sequence = 8")
    assert "Zegel 8 uit het kopbestand" in _verify_fails()


def test_without_a_head_file_the_chain_is_not_called_intact(org, settings):
    log_access(org.adviser, org.family, AccessKind.READ)
    seal_pending()  # its head is never written: this test's transaction does not commit
    assert not settings.ACCESS_LOG_HEAD_FILE.exists()
    message = _verify_fails()
    assert "geen kop van de keten buiten de database" in message


def test_an_empty_log_without_a_head_file_is_intact(db, capsys):
    call_command("verify_access_log")
    assert "De toegangslog is intact: 0 regels" in capsys.readouterr().out


def test_heads_of_another_server_are_checked_too(seven_rows, org, seal, settings, tmp_path):
    """Two application servers, each with its own head file. The second sealed seals 8 and 9;
    the first's newest head is 7. Seals 8 and 9 are cut off: the first server's file does not
    know them, the second's does, and verify_access_log with both files finds it."""
    first = settings.ACCESS_LOG_HEAD_FILE
    second = tmp_path / "server-2-heads"
    settings.ACCESS_LOG_HEAD_FILE = second
    for _ in range(2):
        log_access(org.adviser, org.family, AccessKind.READ)
    seal()
    settings.ACCESS_LOG_HEAD_FILE = first
    _sql("DELETE FROM audit_accesslogseal WHERE sequence > 7")
    assert verify_chain().ok  # the first server's own file alone cannot see it
    message = _verify_fails("--heads", str(first), "--heads", str(second))
    assert "Zegel 9 uit het kopbestand" in message and str(second) in message


def test_an_unreadable_line_in_the_head_file_is_reported(seven_rows, settings):
    with settings.ACCESS_LOG_HEAD_FILE.open("a") as handle:
        handle.write("this is not a head\n")
    assert "Regel 3 van het kopbestand" in _verify_fails()


def test_a_head_file_that_cannot_be_written_is_an_error_not_a_failed_page(
    org, settings, tmp_path, caplog, seal
):
    settings.ACCESS_LOG_HEAD_FILE = tmp_path / "a-file" / "heads"
    (tmp_path / "a-file").write_text("a file where a directory should be")
    log_access(Actor.system("retention"), None, AccessKind.READ)
    with caplog.at_level(logging.ERROR, logger="krachtbron.audit.witness"):
        assert seal() == 1
    assert "cannot append to the head file" in caplog.text
    assert AccessLogEntry.objects.count() == 1


# --- The tester's reproductions (break-11, finding 1), adapted: the sealer now refuses ---------


def test_deleting_a_row_and_the_seals_after_it_is_laundered_by_the_next_seal_run(org, seal):
    """A DBA removes the row that shows they opened a file, plus every seal from that row's seal
    on; the next page view's sealer or the cron ``seal_access_log`` used to re-seal the rest and
    verify said intact, also with the newest head as --head. Now both checks fail."""
    for _ in range(3):
        log_access(org.adviser, org.family, AccessKind.READ)
    snoop = log_access(org.colleague, org.family, AccessKind.READ)  # the look to hide
    for _ in range(3):
        log_access(org.adviser, org.family, AccessKind.READ)
    seal()
    assert verify_chain().ok
    snoop_seal = AccessLogSeal.objects.get(entry_id=snoop.pk).sequence

    _sql("DELETE FROM audit_accesslogentry WHERE id = %s", [snoop.pk])
    _sql("DELETE FROM audit_accesslogseal WHERE sequence >= %s", [snoop_seal])
    log_access(org.adviser, org.family, AccessKind.READ)
    with pytest.raises(ChainCut):
        seal()
    with pytest.raises(CommandError):
        call_command("seal_access_log")

    report = verify_chain()
    new_head = current_head()
    with_head = verify_chain(expect_head=(new_head.sequence, new_head.mac[:16]))
    assert not AccessLogEntry.objects.filter(pk=snoop.pk).exists()
    assert not (report.ok and with_head.ok), "row removed and the chain re-sealed as intact"


def test_wiping_the_whole_log_passes_the_daily_verify(org, seal, capsys):
    """README's daily job is `verify_access_log` without --head: a wiped log is not intact."""
    for _ in range(5):
        log_access(org.colleague, org.family, AccessKind.READ)
    seal()
    assert verify_chain().ok
    _sql("DELETE FROM audit_accesslogentry")
    _sql("DELETE FROM audit_accesslogseal")
    with pytest.raises(CommandError):
        call_command("verify_access_log")
    out = capsys.readouterr().out
    assert "intact" not in out, out
