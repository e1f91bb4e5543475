"""krachtbron.lib.sqlite: transactions queue for SQLite's write lock in the kernel (a lock file)
instead of SQLite's sleep-and-retry; the database's own lock still holds. Real connections to
one database file, with no busy timeout: without the queue, a second writer fails at once."""

import fcntl
import os
import threading
from contextlib import nullcontext
from pathlib import Path

import pytest
from django.db import OperationalError, transaction
from django.db.utils import ConnectionHandler

pytestmark = pytest.mark.database("sqlite")


@pytest.fixture
def two(tmp_path, monkeypatch, django_db_blocker):
    """Two connections ("one", "other") to one database file, each its own lock-file handle."""
    settings = {
        "ENGINE": "krachtbron.lib.sqlite",
        "NAME": str(tmp_path / "queue.sqlite3"),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=0;",
            "transaction_mode": "IMMEDIATE",
        },
    }
    # A handler needs a "default"; atomic(using="one") is pointed at it, not at the test database.
    handler = ConnectionHandler({"default": settings, "other": dict(settings)})
    ours = {"one": handler["default"], "other": handler["other"]}
    find = transaction.get_connection
    monkeypatch.setattr(
        transaction, "get_connection", lambda using=None: ours.get(using) or find(using)
    )
    with django_db_blocker.unblock():  # a file of its own, not the test database
        with ours["one"].cursor() as cursor:
            cursor.execute("CREATE TABLE t (n integer)")
        yield ours["one"], ours["other"]
        handler.close_all()


def _insert(connection, n):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO t (n) VALUES (%s)", [n])


def _rows(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM t ORDER BY n")
        return [n for (n,) in cursor.fetchall()]


def _lock_is_free(path: Path) -> bool:
    fd = os.open(f"{path}.write-lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def _in_thread(connection, body):
    """Run ``body`` in a thread (the connection moves there); returns (thread, outcome)."""
    outcome: dict[str, object] = {}

    def run():
        connection.inc_thread_sharing()
        try:
            outcome["result"] = body()
        except BaseException as error:  # noqa: BLE001 - checked by the test
            outcome["error"] = error
        finally:
            connection.dec_thread_sharing()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


@pytest.mark.parametrize("ends", ["commit", "rollback"])
def test_a_second_transaction_waits_for_the_first_and_runs_when_it_ends(two, ends):
    one, other = two
    started = threading.Event()

    def second():
        started.set()
        with transaction.atomic(using="other"):
            _insert(other, 2)
        return "done"

    class Undo(Exception):
        pass

    ending = pytest.raises(Undo) if ends == "rollback" else nullcontext()
    with ending, transaction.atomic(using="one"):
        _insert(one, 1)
        thread, outcome = _in_thread(other, second)
        started.wait(5)
        thread.join(0.3)
        # Without the queue the second BEGIN IMMEDIATE would have failed at once (no busy
        # timeout); here it waits, and nothing of it is written yet.
        assert thread.is_alive() and outcome == {}
        if ends == "rollback":
            raise Undo
    thread.join(5)
    assert outcome == {"result": "done"}
    assert _rows(one) == ([1, 2] if ends == "commit" else [2])


def test_the_lock_is_held_from_atomic_to_the_commit_and_then_free(two, tmp_path):
    one, _other = two
    database = tmp_path / "queue.sqlite3"
    assert _lock_is_free(database)
    with transaction.atomic(using="one"):
        assert not _lock_is_free(database)
        with transaction.atomic(using="one"):  # a savepoint keeps it
            _insert(one, 1)
        assert not _lock_is_free(database)
    assert _lock_is_free(database)
    assert _rows(one) == [1]


def test_the_database_lock_still_holds_for_a_writer_outside_the_queue(two):
    """A statement in autocommit (no transaction, no lock file) still meets SQLite's own lock:
    the queue orders transactions, it never lets two connections write at once."""
    one, other = two
    with transaction.atomic(using="one"):
        _insert(one, 1)
        with pytest.raises(OperationalError, match="locked"):
            _insert(other, 2)
    _insert(other, 2)
    assert _rows(one) == [1, 2]


def test_closing_a_connection_in_a_transaction_gives_the_lock_back(two, tmp_path):
    """A connection closed with its transaction open (a request that broke off) does not keep
    the other writers waiting."""
    one, other = two
    database = tmp_path / "queue.sqlite3"
    block = transaction.atomic(using="one")
    block.__enter__()
    _insert(one, 1)
    assert not _lock_is_free(database)
    one.close()
    assert _lock_is_free(database)
    block.__exit__(None, None, None)
    assert _rows(other) == []  # what it wrote is gone with it


def test_an_in_memory_database_has_no_lock_file(tmp_path, django_db_blocker, monkeypatch):
    monkeypatch.chdir(tmp_path)
    handler = ConnectionHandler(
        {"default": {"ENGINE": "krachtbron.lib.sqlite", "NAME": ":memory:", "OPTIONS": {}}}
    )
    memory = handler["default"]
    with django_db_blocker.unblock():
        memory.set_autocommit(False)
        with memory.cursor() as cursor:
            cursor.execute("SELECT 1")
        memory.commit()
        handler.close_all()
    assert list(tmp_path.iterdir()) == []
