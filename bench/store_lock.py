"""A database locked by another process for 15 s loses no question: `python bench/store_lock.py [--seconds 15]`.

Another process takes the write lock (BEGIN EXCLUSIVE) for the whole time while
this one records questions at a steady rate, as the bot would; then both let go
and we count what reached the database, and how long recording one question took.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.maintenance.store import QuestionStore  # noqa: E402

LOCKER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0, help="how long the other process holds the lock")
    parser.add_argument("--rate", type=float, default=20.0, help="questions recorded per second meanwhile")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bot.sqlite3"
        store = QuestionStore(path)
        store.record_unanswered("before the lock", "unknown", None, 0.0)
        store.flush()
        locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(path), str(args.seconds)],
                                  stdout=subprocess.PIPE, text=True)
        assert locker.stdout.readline().strip() == "locked"
        started = time.monotonic()
        recorded, slowest = 1, 0.0
        while time.monotonic() - started < args.seconds + 2:  # through the lock and just after it
            before = time.monotonic()
            store.record_unanswered(f"question {recorded}", "unknown", None, 0.0)
            slowest = max(slowest, time.monotonic() - before)
            recorded += 1
            time.sleep(1 / args.rate)
        locker.wait()
        drained_in = time.monotonic()
        store.close(timeout=60)
        drained_in = time.monotonic() - drained_in
        with sqlite3.connect(path) as connection:
            stored = connection.execute("SELECT COUNT(*) FROM unanswered").fetchone()[0]
    print(f"lock held {args.seconds:.0f} s by another process; {recorded} questions recorded, {stored} stored, "
          f"{recorded - stored} lost; slowest record() {slowest * 1000:.2f} ms; queue drained {drained_in:.2f} s "
          f"after the end")
    return 0 if stored == recorded else 1


if __name__ == "__main__":
    raise SystemExit(main())
