import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

from bot.cli import main
from bot.maintenance.store import MAX_STORED_CHARS, QuestionStore

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def test_created_on_first_use_in_wal_mode(tmp_path):
    path = tmp_path / "deep" / "folder" / "bot.sqlite3"
    store = QuestionStore(path)
    assert not path.exists()
    store.record_unanswered("who is the cfo", "unknown", None, 0.2)
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
    with sqlite3.connect(store.path) as connection:
        columns = {table: [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
                   for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert columns == {
        "unanswered": ["id", "asked_at", "status", "question", "nearest_entry", "score"],
        "feedback": ["id", "given_at", "entry", "question", "vote"],
    }


def test_cli_reports(capsys, tmp_path):
    db = tmp_path / "bot.sqlite3"
    store = QuestionStore(db)
    for question in ("who is the cfo of alibaba", "Who is Alibaba's CFO?", "alibaba cfo", "is jack ma involved"):
        store.record_unanswered(question, "unknown", None, 0.2)
    store.record_feedback("fund", "what is the fund", -1)
    assert main(["unanswered", "--db", str(db), "--since", "1d"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "4 unanswered question(s) in the last 1d:"
    assert out[1].strip().startswith("3  ")
    assert main(["feedback", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[1].split() == ["fund", "0", "1"]
    assert main(["unanswered", "--db", str(db), "--since", "soon"]) == 2
