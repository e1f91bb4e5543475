"""Django's SQLite backend; a transaction waits for SQLite's one write lock in a queue.

SQLite lets one connection write at a time. Krachtbron starts every transaction with ``BEGIN
IMMEDIATE`` (settings), so the write lock is taken at ``atomic()``; a second process that wants
it meanwhile gets "busy", and SQLite's busy handler retries after sleeping 1, 2, 5, 10, 15, ...
ms. With two gunicorn workers that write on most requests (a score, a log row) the sleeper
usually wakes long after the lock came free, or finds it taken again: a core idles while
requests queue (measured: the workers used 115 % of two cores for a score POST against 140 %
for the one-INSERT floor, and p95 went to 20+ ms).

Here, before ``BEGIN IMMEDIATE``, a transaction takes an exclusive ``flock`` on a lock file
beside the database (``<database>.write-lock``), and gives it back right after its ``COMMIT`` or
``ROLLBACK`` (or when the connection closes). A second writer blocks in the kernel and is woken
the moment the first one lets go, with nothing to poll. The database's own locking is
unchanged: ``BEGIN IMMEDIATE`` still takes SQLite's write lock (and waits as before for a writer
that does not use this file, such as a statement in autocommit or the ``sqlite3`` shell), so
the lock file only orders the transactions of Krachtbron's own connections and can never let two
write at once. A lock is held per open file (each connection opens its own, and again after a
fork), so threads and processes queue alike; the kernel drops it when a process dies. A waiter
has no time-out of its own: it waits as long as the transaction ahead of it runs, which a
request's time-out (gunicorn's) bounds. An in-memory database (the tests) has no file and no
second process: nothing changes there.
"""

import fcntl
import os
from typing import Any

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    _lock_file: int | None = None
    _lock_pid = 0
    _locked = False

    def _take_write_lock(self) -> None:
        if self.is_in_memory_db():
            return
        if self._lock_file is None or self._lock_pid != os.getpid():
            # A descriptor inherited over a fork shares its lock with the parent: open anew.
            self._lock_file = os.open(
                f"{self.settings_dict['NAME']}.write-lock", os.O_RDWR | os.O_CREAT, 0o600
            )
            self._lock_pid = os.getpid()
        fcntl.flock(self._lock_file, fcntl.LOCK_EX)
        self._locked = True

    def _give_write_lock_back(self) -> None:
        if self._locked and self._lock_file is not None:
            self._locked = False
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self) -> None:
        self._take_write_lock()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # not in the stubs
        except BaseException:
            self._give_write_lock_back()
            raise

    def _commit(self) -> Any:
        try:
            return super()._commit()  # type: ignore[misc]  # not in the stubs
        finally:
            self._give_write_lock_back()

    def _rollback(self) -> Any:
        try:
            return super()._rollback()  # type: ignore[misc]  # not in the stubs
        finally:
            self._give_write_lock_back()

    def _close(self) -> Any:
        try:
            return super()._close()  # type: ignore[misc]  # not in the stubs
        finally:
            self._give_write_lock_back()
            if self._lock_file is not None and self._lock_pid == os.getpid():
                os.close(self._lock_file)
            self._lock_file = None
