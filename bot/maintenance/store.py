"""What people ask that the bot could not answer, and 👍/👎 on answers, in SQLite.

No user id, name or chat id is ever stored: only the question text, when it
was asked, and what the bot made of it. The database is created on first use,
runs in WAL mode, and each write is its own short transaction on its own
connection, so threads and processes can write at once.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.paths import ENV_DB

MAX_STORED_CHARS = 500
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
"""


def default_db_path() -> Path:
    explicit = os.environ.get(ENV_DB, "").strip()
    if explicit:
        return Path(explicit)
    data_home = os.environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return Path(data_home) / "pledgebot" / "pledgebot.sqlite3"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class UnansweredRow:
    asked_at: str
    status: str
    question: str
    nearest_entry: str | None
    score: float


class QuestionStore:
    """One connection per thread, opened on first use; each write its own transaction."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()
        self._setup_lock = threading.Lock()
        self._ready = False

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            with self._setup_lock:
                if not self._ready:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
                connection.execute("PRAGMA busy_timeout = 10000")
                # In WAL mode NORMAL stays consistent after a crash; it may only lose the last commits.
                connection.execute("PRAGMA synchronous = NORMAL")
                if not self._ready:
                    connection.execute("PRAGMA journal_mode = WAL")
                    connection.executescript(SCHEMA)
                    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    self._ready = True
            self._local.connection = connection
        return connection

    def _write(self, sql: str, params: tuple) -> int:
        connection = self._connection()
        with connection:
            return connection.execute(sql, params).rowcount

    def _read(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self._connection().execute(sql, params).fetchall()

    # -- writing ---------------------------------------------------------------
    def record_unanswered(self, question: str, status: str, nearest_entry: str | None, score: float,
                          at: datetime | None = None) -> None:
        self._write(
            "INSERT INTO unanswered (asked_at, status, question, nearest_entry, score) VALUES (?, ?, ?, ?, ?)",
            (_iso(at or _now()), status, question.strip()[:MAX_STORED_CHARS], nearest_entry, float(score)),
        )

    def record_feedback(self, entry: str, question: str | None, vote: int, at: datetime | None = None) -> None:
        self._write(
            "INSERT INTO feedback (given_at, entry, question, vote) VALUES (?, ?, ?, ?)",
            (_iso(at or _now()), entry, question.strip()[:MAX_STORED_CHARS] if question else None,
             1 if vote > 0 else -1),
        )

    def purge(self, keep: timedelta, now: datetime | None = None) -> int:
        """Delete rows older than `keep`; returns how many went."""
        cutoff = _iso((now or _now()) - keep)
        return (self._write("DELETE FROM unanswered WHERE asked_at < ?", (cutoff,))
                + self._write("DELETE FROM feedback WHERE given_at < ?", (cutoff,)))

    # -- reading ------------------------------------------------------------------
    def unanswered(self, since: timedelta | None = None, now: datetime | None = None) -> list[UnansweredRow]:
        cutoff = _iso((now or _now()) - since) if since else ""
        rows = self._read("SELECT asked_at, status, question, nearest_entry, score FROM unanswered "
                          "WHERE asked_at >= ? ORDER BY asked_at", (cutoff,))
        return [UnansweredRow(*row) for row in rows]

    def count_unanswered(self, since: timedelta | None = None, now: datetime | None = None) -> int:
        cutoff = _iso((now or _now()) - since) if since else ""
        return self._read("SELECT COUNT(*) FROM unanswered WHERE asked_at >= ?", (cutoff,))[0][0]

    def feedback_by_entry(self) -> dict[str, tuple[int, int]]:
        """entry -> (thumbs up, thumbs down)."""
        rows = self._read("SELECT entry, SUM(vote > 0), SUM(vote < 0) FROM feedback GROUP BY entry")
        return {entry: (int(up), int(down)) for entry, up, down in rows}
