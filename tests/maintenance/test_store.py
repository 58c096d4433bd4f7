import logging
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from bot.cli import main
from bot.maintenance.pending import PendingRow, PendingRows
from bot.maintenance.store import MAX_STORED_CHARS, QuestionStore

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def test_created_on_first_use_in_wal_mode(tmp_path):
    path = tmp_path / "deep" / "folder" / "bot.sqlite3"
    store = QuestionStore(path)
    assert not path.exists()
    store.record_unanswered("who is the cfo", "unknown", None, 0.2)
    assert store.flush(timeout=10)  # writes are queued: written by the store's own thread
    assert path.exists()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_rows_are_written_and_read_back(tmp_path):
    store = QuestionStore(tmp_path / "bot.sqlite3")
    store.record_unanswered("  who is the cfo  ", "unknown", "zhang-yong", 0.31, at=NOW)
    store.record_unanswered("x" * 2000, "clarify", "fund", 0.5, at=NOW)
    rows = store.unanswered(since=timedelta(days=1), now=NOW)
    assert [(r.question, r.status, r.nearest_entry, r.score) for r in rows[:1]] == [
        ("who is the cfo", "unknown", "zhang-yong", 0.31)]
    assert len(rows[1].question) == MAX_STORED_CHARS
    store.record_feedback("fund", "what is the fund", 1, at=NOW)
    store.record_feedback("fund", "what is the fund", -1, at=NOW)
    store.record_feedback("team", None, -1, at=NOW)
    assert store.feedback_by_entry() == {"fund": (1, 1), "team": (0, 1)}


def test_old_rows_are_purged(tmp_path):
    store = QuestionStore(tmp_path / "bot.sqlite3")
    store.record_unanswered("old", "unknown", None, 0.1, at=NOW - timedelta(days=91))
    store.record_unanswered("new", "unknown", None, 0.1, at=NOW - timedelta(days=89))
    store.record_feedback("fund", "old", 1, at=NOW - timedelta(days=100))
    assert store.purge(timedelta(days=90), now=NOW) == 2
    assert [r.question for r in store.unanswered(now=NOW)] == ["new"]
    assert store.feedback_by_entry() == {}
    assert store.count_unanswered(since=timedelta(days=7), now=NOW) == 0
    assert store.count_unanswered(now=NOW) == 1


def test_concurrent_writers_lose_nothing(tmp_path):
    path = tmp_path / "bot.sqlite3"
    store = QuestionStore(path)
    store.record_unanswered("warm-up", "unknown", None, 0.0)
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda n: store.record_unanswered(f"thread {n}", "unknown", None, 0.0), range(200)))
    writer = ("import sys; from bot.maintenance.store import QuestionStore; s = QuestionStore(sys.argv[1])\n"
              "for n in range(100): s.record_unanswered(f'process {n}', 'clarify', None, 0.0)")
    processes = [subprocess.Popen([sys.executable, "-c", writer, str(path)]) for _ in range(3)]
    assert [p.wait(60) for p in processes] == [0, 0, 0]
    assert store.count_unanswered() == 1 + 200 + 300


def test_no_column_can_hold_who_asked(tmp_path):
    store = QuestionStore(tmp_path / "bot.sqlite3")
    store.record_unanswered("q", "unknown", None, 0.0)
    assert store.flush(timeout=10)
    with sqlite3.connect(store.path) as connection:
        columns = {table: [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
                   for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert columns == {
        "unanswered": ["id", "asked_at", "status", "question", "nearest_entry", "score"],
        "feedback": ["id", "given_at", "entry", "question", "vote"],
        "answered": ["message_key", "answered_at", "question"],  # the key is a hash of chat and message
        "review": ["id", "question", "staged_at", "action", "entry", "decided_at"],
    }


def test_cli_reports(capsys, tmp_path):
    db = tmp_path / "bot.sqlite3"
    store = QuestionStore(db)
    for question in ("who is the cfo of alibaba", "Who is Alibaba's CFO?", "alibaba cfo", "is jack ma involved"):
        store.record_unanswered(question, "unknown", None, 0.2)
    store.record_feedback("fund", "what is the fund", -1)
    # The bot writes through a queue; the CLI (another process in real use) reads the file.
    assert store.flush(timeout=10)
    assert main(["unanswered", "--db", str(db), "--since", "1d"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "4 unanswered question(s) in the last 1d:"
    assert out[1].strip().startswith("3  ")
    assert main(["feedback", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[1].split() == ["fund", "0", "1"]
    assert main(["unanswered", "--db", str(db), "--since", "soon"]) == 2


# -- nothing a database does loses a question or slows one -------------------------

def count_rows(path, table="unanswered"):
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def hold_write_lock(path, seconds, locked):
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN EXCLUSIVE")
    locked.set()
    time.sleep(seconds)
    connection.execute("COMMIT")
    connection.close()


def test_a_locked_database_loses_no_question_and_slows_none(tmp_path):
    path = tmp_path / "bot.sqlite3"
    store = QuestionStore(path)
    store.record_unanswered("before the lock", "unknown", None, 0.0)
    assert store.flush(timeout=10)
    locked = threading.Event()
    locker = threading.Thread(target=hold_write_lock, args=(path, 2.5, locked))
    locker.start()
    assert locked.wait(5)
    slowest = 0.0
    for n in range(100):
        started = time.monotonic()
        store.record_unanswered(f"asked during the lock {n}", "clarify", None, 0.4)
        slowest = max(slowest, time.monotonic() - started)
        time.sleep(0.01)
    assert slowest < 0.5  # queued, never waiting for the lock (which lasts 2.5 s)
    assert count_rows(path) == 1 and store.waiting > 0  # nothing written while locked...
    locker.join()
    assert store.flush(timeout=20)
    assert count_rows(path) == 101  # ...and nothing lost after
    assert store.health() is None


def test_close_writes_what_is_queued(tmp_path):
    store = QuestionStore(tmp_path / "bot.sqlite3")
    for n in range(300):
        store.record_unanswered(f"question {n}", "unknown", None, 0.0)
    store.record_feedback("fund", "what is the fund", 1)
    assert store.close() is True
    assert (count_rows(store.path), count_rows(store.path, "feedback")) == (300, 1)
    store.record_unanswered("after close", "unknown", None, 0.0)  # a closed store starts writing again
    assert store.flush(timeout=10) and count_rows(store.path) == 301


def blocked_path(tmp_path):
    """A database whose folder cannot be created (a file is in the way): works for root too."""
    (tmp_path / "data").write_text("not a folder")
    return tmp_path / "data" / "bot.sqlite3"


def wait_for(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_an_unwritable_folder_keeps_rows_in_memory_says_so_once_and_recovers(tmp_path, caplog):
    path = blocked_path(tmp_path)
    store = QuestionStore(path, failed_retry=(0.02, 0.05))
    with caplog.at_level(logging.WARNING, logger="bot.maintenance.store_writer"):
        for n in range(20):
            store.record_unanswered(f"question {n}", "unknown", None, 0.0)  # never raises, never waits
        wait_for(lambda: "cannot write" in (store.health() or ""))
        time.sleep(0.3)  # several more failed tries
        assert store.health().startswith(f"Question store {path}: cannot write since ")
        assert f"(cannot create the folder {tmp_path / 'data'}: a file is in the way)" in store.health()
        assert store.health().endswith("; 20 question(s) waiting in memory")
        assert [r.levelname for r in caplog.records] == ["ERROR"]  # once, not per row nor per try
        (tmp_path / "data").unlink()  # the operator fixes the folder
        assert store.flush(timeout=10)
    assert store.health() is None
    assert [r.question for r in store.unanswered()] == [f"question {n}" for n in range(20)]
    assert caplog.records[-1].getMessage().endswith("writable again; wrote the questions that waited")


def test_memory_holds_a_bounded_number_of_rows_dropping_the_oldest(tmp_path):
    store = QuestionStore(blocked_path(tmp_path), max_pending_rows=5, failed_retry=(0.02, 0.05))
    for n in range(12):
        store.record_unanswered(f"question {n}", "unknown", None, 0.0)
        assert store.waiting <= 5
    wait_for(lambda: "cannot write" in (store.health() or ""))
    assert store.health().endswith("; 5 question(s) waiting in memory; 7 dropped, memory full")
    (tmp_path / "data").unlink()
    assert store.flush(timeout=10)
    kept = [r.question for r in store.unanswered()]
    assert len(kept) == 5 and kept[-1] == "question 11"
    assert store.health() == f"Question store {store.path}: 7 dropped, memory full"  # a loss stays on /status


def test_a_row_the_schema_refuses_does_not_block_the_others(tmp_path):
    store = QuestionStore(tmp_path / "bot.sqlite3")
    with pytest.raises(ValueError):
        store.record_unanswered("q", "answered", None, 0.0)
    store.record_feedback("fund", None, 1)
    store._writer.submit("INSERT INTO feedback (given_at, entry, vote) VALUES ('x', 'fund', 7)", ())
    store.record_feedback("team", None, -1)
    assert store.flush(timeout=10)
    assert store.feedback_by_entry() == {"fund": (1, 0), "team": (0, 1)}


# -- integrity at start ------------------------------------------------------------

def corrupt_pages(path):
    """A real database with rows, then junk over its middle pages."""
    store = QuestionStore(path)
    for n in range(2000):
        store.record_unanswered(f"a question long enough to fill pages, number {n}", "unknown", None, 0.0)
    assert store.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2: 4096 * 6] = b"\xde\xad\xbe\xef" * 4096
    path.write_bytes(bytes(data))


def not_a_database(path):
    path.write_bytes(b"these are not the bytes of a database\n" * 200)


@pytest.mark.parametrize("spoil", [corrupt_pages, not_a_database])
@pytest.mark.parametrize("command", ["unanswered", "feedback"])
def test_a_corrupt_file_is_set_aside_and_the_cli_says_so_in_one_line(tmp_path, capsys, spoil, command):
    db = tmp_path / "bot.sqlite3"
    spoil(db)
    spoilt = db.read_bytes()
    capsys.readouterr()
    assert main([command, "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    [moved] = tmp_path.glob("bot.sqlite3.corrupt-*")
    assert moved.name[len("bot.sqlite3.corrupt-"):].endswith("Z")
    assert err == f"pledgebot {command}: {db} was corrupt: set aside as {moved.name}, started a new one\n"
    assert moved.read_bytes() == spoilt  # kept as it was, never deleted
    assert out.splitlines()[0] in ("0 unanswered question(s) in the last 7d:", "No feedback yet.")
    assert QuestionStore(db).check() is None and QuestionStore(db).count_unanswered() == 0


def test_the_bot_sets_a_corrupt_file_aside_and_keeps_recording(tmp_path, caplog):
    db = tmp_path / "bot.sqlite3"
    not_a_database(db)
    store = QuestionStore(db)
    with caplog.at_level(logging.WARNING, logger="bot.maintenance"):
        store.record_unanswered("who is the cfo", "unknown", None, 0.0)
        assert store.flush(timeout=10)
    assert [r.getMessage() for r in caplog.records] == [str(store.set_aside)]
    assert [r.question for r in store.unanswered()] == ["who is the cfo"]
    assert store.health() == f"{db} was corrupt: set aside as {store.set_aside.moved_to.name}, started a new one"


@pytest.mark.parametrize("command", ["unanswered", "feedback"])
def test_an_unreadable_database_is_one_line_from_the_cli(tmp_path, capsys, command):
    (tmp_path / "bot.sqlite3").mkdir()  # a folder where the file should be
    assert main([command, "--db", str(tmp_path / "bot.sqlite3")]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"pledgebot {command}: cannot open the database {tmp_path / 'bot.sqlite3'}: " \
                  "unable to open database file\n"
    assert main([command, "--db", str(blocked_path(tmp_path))]) == 1
    assert capsys.readouterr().err == f"pledgebot {command}: cannot create the folder {tmp_path / 'data'}: " \
                                      "a file is in the way\n"


def test_pending_rows_put_back_in_front_and_drop_only_waiting_ones():
    pending = PendingRows(max_rows=4)
    for n in range(4):
        assert pending.put(PendingRow("sql", (n,)))
    batch = pending.take(2, wait=0)
    assert [row.params for row in batch] == [(0,), (1,)]
    assert pending.put(PendingRow("sql", (4,))) is False  # full: the oldest waiting row (2) goes
    pending.put_back(batch)  # a failed write: back in front, oldest first
    assert [row.params for row in pending.take(10, wait=0)] == [(0,), (1,), (3,), (4,)]
    assert pending.dropped == 1 and len(pending) == 4
