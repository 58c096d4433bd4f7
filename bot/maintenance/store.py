"""What people ask that the bot could not answer, and 👍/👎 on answers, in SQLite.

No user id, name or chat id is ever stored: only the question text, when it
was asked, and what the bot made of it. The database is created on first use,
checked (`PRAGMA quick_check`) the first time this process opens it, and runs in
WAL mode. Writes return at once: one thread per store writes them (see
store_writer), so a locked or broken database never slows an answer nor loses a
question while memory holds. Reads run on the caller's thread, one connection
per thread.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.maintenance.pending import MAX_PENDING_ROWS
from bot.maintenance.store_file import SetAside, StoreUnavailable, connect, is_busy, is_corrupt, prepare
from bot.maintenance.store_writer import FAILED_RETRY, StoreWriter
from bot.paths import ENV_DB

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())  # with no logging set up (the CLI), no stray lines: it says what matters

__all__ = ["MAX_STORED_CHARS", "QuestionStore", "SetAside", "StoreUnavailable", "UnansweredRow", "default_db_path"]

MAX_STORED_CHARS = 500
STATUSES = ("unknown", "clarify")
READ_BUSY_SECONDS = 5.0
WRITE_BUSY_SECONDS = 0.25  # the writer waits this long per try, then backs off and tries again
# A read first waits this long for the rows just recorded, so it sees them.
READ_WAITS_FOR_WRITES = 2.0


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


def _reason(error: sqlite3.Error) -> str:
    return "locked by another process" if is_busy(error) else str(error)


@dataclass(frozen=True)
class UnansweredRow:
    asked_at: str
    status: str
    question: str
    nearest_entry: str | None
    score: float


class QuestionStore:
    """The store's API. Writes are queued; reads and `purge` run where they are called."""

    def __init__(self, path: Path, max_pending_rows: int = MAX_PENDING_ROWS,
                 failed_retry: tuple[float, float] = FAILED_RETRY):
        self.path = Path(path)
        self.set_aside: SetAside | None = None  # the corrupt file this process moved away, if any
        self._local = threading.local()
        self._prepare_lock = threading.Lock()
        self._prepared = False
        self._generation = 0  # how many times the file was prepared: readers reconnect after a change
        self._writer = StoreWriter(self._open_for_writing, f"Question store {self.path}",
                                   max_rows=max_pending_rows, failed_retry=failed_retry)

    # -- opening -------------------------------------------------------------------
    def check(self) -> SetAside | None:
        """Open and check the database now (else done on first use); StoreUnavailable if it cannot be.

        Returns the corrupt file set aside on the way, if there was one.
        """
        try:
            self._prepared_generation()
        except sqlite3.Error as error:  # busy, past READ_BUSY_SECONDS
            raise StoreUnavailable(f"cannot check the database {self.path}: {_reason(error)}") from error
        return self.set_aside

    def _prepared_generation(self, recheck: bool = False) -> int:
        """Prepare the file on first use, or again after it proved corrupt; readers reconnect when this changes."""
        with self._prepare_lock:
            if not self._prepared or recheck:
                self._prepared = False
                set_aside = prepare(self.path, READ_BUSY_SECONDS)
                if set_aside is not None:
                    log.warning("%s", set_aside)
                    self.set_aside = set_aside
                self._prepared = True
                self._generation += 1
            return self._generation

    def _open_for_writing(self, last_error: Exception | None) -> sqlite3.Connection:
        self._prepared_generation(recheck=last_error is not None and is_corrupt(last_error))
        return connect(self.path, WRITE_BUSY_SECONDS)

    def _reading_connection(self) -> sqlite3.Connection:
        generation = self._prepared_generation()
        if getattr(self._local, "generation", None) != generation:
            old = getattr(self._local, "connection", None)
            if old is not None:
                old.close()
            self._local.connection = connect(self.path, READ_BUSY_SECONDS)
            self._local.generation = generation
        return self._local.connection

    # -- writing: queued ----------------------------------------------------------
    def record_unanswered(self, question: str, status: str, nearest_entry: str | None, score: float,
                          at: datetime | None = None) -> None:
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {status!r}")
        self._writer.submit(
            "INSERT INTO unanswered (asked_at, status, question, nearest_entry, score) VALUES (?, ?, ?, ?, ?)",
            (_iso(at or _now()), status, question.strip()[:MAX_STORED_CHARS], nearest_entry, float(score)),
        )

    def record_feedback(self, entry: str, question: str | None, vote: int, at: datetime | None = None) -> None:
        self._writer.submit(
            "INSERT INTO feedback (given_at, entry, question, vote) VALUES (?, ?, ?, ?)",
            (_iso(at or _now()), entry, question.strip()[:MAX_STORED_CHARS] if question else None,
             1 if vote > 0 else -1),
        )

    def record_answered(self, message_key: str, question: str, at: datetime | None = None) -> None:
        """The question an answer message was for, so a 👍/👎 on it finds it, after a restart too."""
        self._writer.submit("INSERT OR REPLACE INTO answered (message_key, answered_at, question) VALUES (?, ?, ?)",
                            (message_key, _iso(at or _now()), question.strip()[:MAX_STORED_CHARS]))

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every recorded row is written; False if `timeout` passed first."""
        return self._writer.flush(timeout)

    def close(self, timeout: float | None = 10.0) -> bool:
        """Write what is queued, then stop writing. True if nothing was left unwritten."""
        drained = self._writer.close(timeout)
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None
            self._local.generation = None
        return drained

    def health(self) -> str | None:
        """One line for /status when something is wrong (writes failing, rows dropped, a file set aside), or None."""
        problems = [text for text in (self._writer.health(), self.set_aside and str(self.set_aside)) if text]
        return "; ".join(problems) or None

    @property
    def waiting(self) -> int:
        """Rows recorded but not yet written."""
        return self._writer.waiting

    # -- reading, and purging: on the caller's thread ------------------------------
    def _execute(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        if self._writer.health() is None:
            self._writer.flush(READ_WAITS_FOR_WRITES)  # see what was just recorded
        try:
            return self._reading_connection().execute(sql, params)
        except StoreUnavailable:
            raise
        except sqlite3.Error as error:
            raise StoreUnavailable(f"cannot read the database {self.path}: {_reason(error)}") from error

    def purge(self, keep: timedelta, now: datetime | None = None) -> int:
        """Delete rows older than `keep`; returns how many went."""
        cutoff = _iso((now or _now()) - keep)
        return (self._execute("DELETE FROM unanswered WHERE asked_at < ?", (cutoff,)).rowcount
                + self._execute("DELETE FROM feedback WHERE given_at < ?", (cutoff,)).rowcount
                + self._execute("DELETE FROM answered WHERE answered_at < ?", (cutoff,)).rowcount)

    def unanswered(self, since: timedelta | None = None, now: datetime | None = None) -> list[UnansweredRow]:
        cutoff = _iso((now or _now()) - since) if since else ""
        rows = self._execute("SELECT asked_at, status, question, nearest_entry, score FROM unanswered "
                             "WHERE asked_at >= ? ORDER BY asked_at", (cutoff,)).fetchall()
        return [UnansweredRow(*row) for row in rows]

    def count_unanswered(self, since: timedelta | None = None, now: datetime | None = None) -> int:
        cutoff = _iso((now or _now()) - since) if since else ""
        return self._execute("SELECT COUNT(*) FROM unanswered WHERE asked_at >= ?", (cutoff,)).fetchone()[0]

    def feedback_by_entry(self) -> dict[str, tuple[int, int]]:
        """entry -> (thumbs up, thumbs down)."""
        rows = self._execute("SELECT entry, SUM(vote > 0), SUM(vote < 0) FROM feedback GROUP BY entry").fetchall()
        return {entry: (int(up), int(down)) for entry, up, down in rows}

    def answered_question(self, message_key: str) -> str | None:
        row = self._execute("SELECT question FROM answered WHERE message_key = ?", (message_key,)).fetchone()
        return row[0] if row else None

    def downvoted(self, since: timedelta | None = None, now: datetime | None = None) -> list[str]:
        """The questions whose answers got a 👎, one per vote."""
        cutoff = _iso((now or _now()) - since) if since else ""
        rows = self._execute("SELECT question FROM feedback WHERE vote < 0 AND question IS NOT NULL "
                             "AND given_at >= ? ORDER BY given_at", (cutoff,)).fetchall()
        return [row[0] for row in rows]

    # -- review decisions from /gaps: written at once, the button needs the id --------
    def stage_review(self, question: str) -> int:
        """The small id a /gaps button carries for this question (the same one each time)."""
        question = question.strip()[:MAX_STORED_CHARS]
        self._execute("INSERT OR IGNORE INTO review (question, staged_at) VALUES (?, ?)", (question, _iso(_now())))
        return self._execute("SELECT id FROM review WHERE question = ?", (question,)).fetchone()[0]

    def decide_review(self, review_id: int, action: str, entry: str | None) -> str | None:
        """Store an admin's decision; the question it was for, or None for an id never staged."""
        row = self._execute("SELECT question FROM review WHERE id = ?", (review_id,)).fetchone()
        if row is None:
            return None
        self._execute("UPDATE review SET action = ?, entry = ?, decided_at = ? WHERE id = ?",
                      (action, entry, _iso(_now()), review_id))
        return row[0]

    def review_decisions(self) -> dict[str, tuple[str, str | None]]:
        """question -> (action, entry) for every decision taken with /gaps buttons."""
        rows = self._execute("SELECT question, action, entry FROM review WHERE action IS NOT NULL").fetchall()
        return {question: (action, entry) for question, action, entry in rows}
