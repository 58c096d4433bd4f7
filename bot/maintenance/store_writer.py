"""One thread writes the question store's rows, so a slow, locked or broken disk never slows an answer.

Rows wait in a bounded queue in memory. A busy database is retried soon (another
process holds the lock: nothing is wrong); a database that cannot be opened or
written is retried more slowly, said once in the log and shown by `health()`, and
its rows wait until it can be written again.
"""

from __future__ import annotations

import atexit
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone

from bot.maintenance.pending import MAX_PENDING_ROWS, PendingRow, PendingRows
from bot.maintenance.store_file import StoreUnavailable, is_busy

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())  # with no logging set up (the CLI), no stray lines

BATCH_ROWS = 500
BUSY_RETRY = (0.05, 1.0)  # first and longest wait between tries while another process holds the lock
FAILED_RETRY = (0.5, 30.0)  # the same while the database cannot be opened or written
BUSY_SAYS_AFTER = 5.0  # a lock held longer than this is worth a log line and a word in /status
CLOSE_WAIT = 10.0  # at exit, how long to keep trying to write what is still queued


class StoreWriter:
    """Owns the writing connection and its thread.

    `open_connection(last_error)` opens the database (again, after `last_error`); it may raise.
    """

    def __init__(self, open_connection: Callable[[Exception | None], sqlite3.Connection], name: str,
                 max_rows: int = MAX_PENDING_ROWS, failed_retry: tuple[float, float] = FAILED_RETRY):
        self._open_connection = open_connection
        self._name = name
        self._failed_retry = failed_retry
        self._pending = PendingRows(max_rows)
        self._batch_rows = min(BATCH_ROWS, max(1, max_rows // 2))
        self._start_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closing = threading.Event()
        self._problem: str | None = None  # why the last write failed; None once one succeeds
        self._problem_since: float | None = None
        self._busy_since: float | None = None
        self._said: set[str] = set()  # what the log was told, so each thing is said once per episode
        self._said_lock = threading.Lock()  # callers' threads and the writer's both say things

    # -- the callers' side -----------------------------------------------------------
    def submit(self, sql: str, params: tuple) -> None:
        """Queue one write and return at once."""
        if not self._pending.put(PendingRow(sql, params)):
            self._say_once("dropped", logging.ERROR, "%s: %d questions already wait in memory: "
                           "dropping the oldest until the database can be written", self._name, self._pending.max_rows)
        self._start()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued row is written; False if `timeout` passed first."""
        return self._pending.wait_until_empty(timeout)

    def close(self, timeout: float | None = CLOSE_WAIT) -> bool:
        """Write what is queued (for up to `timeout`), then stop the thread. True if nothing was lost."""
        drained = self.flush(timeout)
        self._closing.set()
        self._pending.wake()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(1.0)
        with self._start_lock:
            if thread is None or not thread.is_alive():  # a later write starts a new thread
                self._thread = None
                self._closing.clear()
        if not drained:
            log.error("%s: %d questions could not be written before shutdown", self._name, len(self._pending))
        return drained

    @property
    def waiting(self) -> int:
        return len(self._pending)

    @property
    def dropped(self) -> int:
        return self._pending.dropped

    def health(self) -> str | None:
        """One line on what is wrong with writing, or None."""
        parts = []
        if self._problem is not None:
            since = datetime.fromtimestamp(self._problem_since or time.time(), timezone.utc).strftime("%H:%M UTC")
            parts.append(f"cannot write since {since} ({self._problem})")
        elif self._busy_since is not None and time.monotonic() - self._busy_since >= BUSY_SAYS_AFTER:
            parts.append(f"locked by another process for {time.monotonic() - self._busy_since:.0f} s")
        if parts and self.waiting:
            parts.append(f"{self.waiting} question(s) waiting in memory")
        if self.dropped:
            parts.append(f"{self.dropped} dropped, memory full")
        return f"{self._name}: " + "; ".join(parts) if parts else None

    # -- the writer thread -----------------------------------------------------------
    def _start(self) -> None:
        if self._thread is not None:
            return
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="question-store-writer", daemon=True)
                self._thread.start()
                atexit.register(self.close)  # the thread is a daemon: write what is queued before exit

    def _run(self) -> None:
        connection: sqlite3.Connection | None = None
        last_error: Exception | None = None
        wait = 0.0
        while not (self._closing.is_set() and not self.waiting):
            batch = self._pending.take(self._batch_rows, wait=1.0)
            if not batch:
                continue
            try:
                connection = connection or self._open_connection(last_error)
                self._write(connection, batch)
            except Exception as error:  # noqa: BLE001 - any failure keeps the rows, and the thread, alive
                last_error = error
                self._pending.put_back(batch)
                if not is_busy(error):
                    connection = _closed(connection)
                if self._closing.is_set():
                    break  # shutting down: close() says how many were left
                wait = self._failed(error, wait)
                self._closing.wait(wait)
                continue
            self._succeeded()  # before done(): whoever waits on flush() then sees a healthy store
            self._pending.done(batch)
            last_error, wait = None, 0.0
        _closed(connection)

    def _write(self, connection: sqlite3.Connection, batch: list[PendingRow]) -> None:
        try:
            _write_rows(connection, batch)
        except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
            # A row the schema refuses would block the queue for good: write the rest without it.
            for row in batch:
                try:
                    _write_rows(connection, [row])
                except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError) as error:
                    log.error("%s: a row was refused and dropped: %s", self._name, error)

    def _failed(self, error: Exception, wait: float) -> float:
        if is_busy(error):
            now = time.monotonic()
            self._busy_since = self._busy_since or now
            if now - self._busy_since >= BUSY_SAYS_AFTER:
                self._say_once("busy", logging.WARNING, "%s: locked by another process for %.0f s; questions "
                               "wait in memory", self._name, now - self._busy_since)
            first, longest = BUSY_RETRY
        else:
            problem = str(error) if isinstance(error, StoreUnavailable) else f"{type(error).__name__}: {error}"
            if self._problem is None:
                self._problem_since = time.time()
            self._problem = problem
            self._say_once(f"failed:{problem}", logging.ERROR, "%s: %s; questions wait in memory until it can "
                           "be written", self._name, problem)
            first, longest = self._failed_retry
        return min(longest, max(first, wait * 2))

    def _succeeded(self) -> None:
        if self._problem is not None or "busy" in self._said:
            log.warning("%s: writable again; wrote the questions that waited", self._name)
        self._problem = self._problem_since = self._busy_since = None
        with self._said_lock:
            self._said.clear()

    def _say_once(self, what: str, level: int, message: str, *args) -> None:
        with self._said_lock:
            if what in self._said:
                return
            self._said.add(what)
        log.log(level, message, *args)


def _write_rows(connection: sqlite3.Connection, rows: list[PendingRow]) -> None:
    """All of the rows or none of them: one transaction, taking the write lock up front."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        for row in rows:
            connection.execute(row.sql, row.params)
        connection.execute("COMMIT")
    except BaseException:
        try:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the first error is the one that says what happened
        raise


def _closed(connection: sqlite3.Connection | None) -> None:
    if connection is not None:
        try:
            connection.close()
        except sqlite3.Error:
            pass
    return None
