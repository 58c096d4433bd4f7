"""The SQLite file behind the question store: opening it, checking it, setting it aside.

Errors leave here as `StoreUnavailable` with a one-line reason, or as the
sqlite3 error itself when the database is only busy (the caller retries those).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS unanswered (
    id INTEGER PRIMARY KEY,
    asked_at TEXT NOT NULL,             -- UTC, ISO 8601
    status TEXT NOT NULL CHECK (status IN ('unknown', 'clarify')),
    question TEXT NOT NULL,
    nearest_entry TEXT,                 -- the closest entry, even if too far to answer
    score REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS unanswered_asked_at ON unanswered (asked_at);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    given_at TEXT NOT NULL,             -- UTC, ISO 8601
    entry TEXT NOT NULL,
    question TEXT,                      -- the question the answer was for, when still known
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1))
);
CREATE INDEX IF NOT EXISTS feedback_given_at ON feedback (given_at);
CREATE TABLE IF NOT EXISTS answered (
    message_key TEXT PRIMARY KEY,       -- a hash of the answer's chat and message ids, never the ids
    answered_at TEXT NOT NULL,          -- UTC, ISO 8601
    question TEXT NOT NULL              -- what the answer was for, so a 👍/👎 on it keeps its question
);
CREATE INDEX IF NOT EXISTS answered_answered_at ON answered (answered_at);
CREATE TABLE IF NOT EXISTS review (
    id INTEGER PRIMARY KEY,             -- the small number a /gaps button carries
    question TEXT NOT NULL UNIQUE,      -- the cluster's most asked wording
    staged_at TEXT NOT NULL,
    action TEXT CHECK (action IN ('phrasing', 'decline')),  -- once an admin pressed a button
    entry TEXT,
    decided_at TEXT
);
"""
_CORRUPT_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
# SQLite keeps these next to a database; they belong to it and move with it.
_COMPANIONS = ("-wal", "-shm", "-journal")


class StoreUnavailable(Exception):
    """The database cannot be opened, written or read; the message says why, in one line."""


@dataclass(frozen=True)
class SetAside:
    """A corrupt database renamed out of the way (never deleted) and replaced by a new one."""
    original: Path
    moved_to: Path

    def __str__(self) -> str:
        return f"{self.original} was corrupt: set aside as {self.moved_to.name}, started a new one"


def is_busy(error: BaseException) -> bool:
    """Another connection holds the lock: wait and try again, nothing is wrong."""
    return isinstance(error, sqlite3.OperationalError) and (
        getattr(error, "sqlite_errorcode", None) in _BUSY_CODES or "locked" in str(error) or "busy" in str(error))


def is_corrupt(error: BaseException) -> bool:
    return isinstance(error, sqlite3.DatabaseError) and (
        getattr(error, "sqlite_errorcode", None) in _CORRUPT_CODES
        or "malformed" in str(error) or "not a database" in str(error))


def connect(path: Path, busy_seconds: float) -> sqlite3.Connection:
    """A connection in autocommit mode: callers BEGIN when they want a transaction."""
    try:
        connection = sqlite3.connect(path, timeout=busy_seconds, isolation_level=None, check_same_thread=False)
        connection.execute(f"PRAGMA busy_timeout = {int(busy_seconds * 1000)}")
        # In WAL mode NORMAL stays consistent after a crash; it may only lose the last commits.
        connection.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as error:
        if is_busy(error) or is_corrupt(error):
            raise
        raise StoreUnavailable(f"cannot open the database {path}: {error}") from error
    return connection


def prepare(path: Path, busy_seconds: float) -> SetAside | None:
    """Make the database usable: its folder, an integrity check, WAL mode and the tables.

    A corrupt file is renamed `<name>.corrupt-<UTC time>` and a new one started.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = "a file is in the way" if isinstance(error, FileExistsError) else error.strerror or error
        raise StoreUnavailable(f"cannot create the folder {path.parent}: {reason}") from error
    set_aside = None
    if path.is_file() and path.stat().st_size and not _passes_quick_check(path, busy_seconds):
        set_aside = _set_aside(path)
    connection = connect(path, busy_seconds)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.executescript(SCHEMA)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.Error as error:
        if is_busy(error):
            raise
        raise StoreUnavailable(f"cannot set up the database {path}: {error}") from error
    finally:
        connection.close()
    return set_aside


def _passes_quick_check(path: Path, busy_seconds: float) -> bool:
    connection = None
    try:
        connection = connect(path, busy_seconds)  # a file that is no database fails here already
        return connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    except sqlite3.DatabaseError as error:
        if is_corrupt(error):
            return False
        if is_busy(error):
            raise
        raise StoreUnavailable(f"cannot check the database {path}: {error}") from error
    finally:
        if connection is not None:
            connection.close()


def _set_aside(path: Path) -> SetAside:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while target.exists():  # two in one second: never overwrite an earlier one
        number += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    try:
        path.rename(target)
        for suffix in _COMPANIONS:
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.rename(target.with_name(target.name + suffix))
    except OSError as error:
        raise StoreUnavailable(f"{path} is corrupt and could not be set aside: {error.strerror or error}") from error
    return SetAside(path, target)
