"""Time `group_unanswered` over many stored questions: `python bench/gaps.py [--rows 100000]`.

The rows are what an unanswered log looks like after months: a few hundred gaps
asked again and again in varied wordings (words swapped, dropped, misspelt),
over a long tail of one-off questions made of words the knowledge never uses.
Deterministic; no database and no network.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic import word_list  # noqa: E402
from bot.answering.engine import Engine  # noqa: E402
from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.maintenance.gaps import format_gaps, group_unanswered  # noqa: E402
from bot.maintenance.store import UnansweredRow  # noqa: E402
from bot.paths import shipped_knowledge_dir  # noqa: E402

GAP_COUNT = 300
FILLERS = ("what", "is", "the", "does", "how", "about", "alibaba", "please", "tell", "me", "of", "for")


def _misspelt(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    at = rng.randrange(1, len(word) - 1)
    return word[:at] + word[at + 1:]


def synthetic_rows(count: int, seed: int = 3) -> list[UnansweredRow]:
    rng = random.Random(seed)
    words = word_list()
    gaps = [[*rng.sample(words, rng.randint(2, 4))] for _ in range(GAP_COUNT)]
    rows = []
    for _ in range(count):
        if rng.random() < 0.6:  # a known gap, reworded
            topic = list(rng.choice(gaps))
            if len(topic) > 2 and rng.random() < 0.3:
                topic.pop(rng.randrange(len(topic)))
            topic = [_misspelt(w, rng) if rng.random() < 0.1 else w for w in topic]
            words_asked = rng.sample(FILLERS, rng.randint(1, 4)) + topic
        else:  # a one-off
            words_asked = rng.sample(FILLERS, rng.randint(0, 3)) + rng.sample(words, rng.randint(2, 5))
        rng.shuffle(words_asked)
        question = " ".join(words_asked) + rng.choice(("?", "", " ?", "!"))
        rows.append(UnansweredRow("2026-11-23T00:00:00+00:00", "unknown", question, None, 0.0))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    engine = Engine(load_knowledge(shipped_knowledge_dir()))
    engine.prepare()
    rows = synthetic_rows(args.rows)
    started, cpu_started = time.perf_counter(), time.process_time()
    gaps = group_unanswered(rows, engine)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    print(format_gaps(gaps, limit=5))
    distinct = len({row.question for row in rows})
    print(f"\n{args.rows:,} rows ({distinct:,} distinct) -> {gaps.group_count:,} groups in {seconds:.2f} s "
          f"({cpu_seconds:.2f} s of CPU)")
    slowest, median, count = answers_while_grouping(rows, engine)
    print(f"meanwhile, as /gaps does it (grouping in a worker thread): {count:,} other users' questions "
          f"answered, median {median:.2f} ms, slowest {slowest:.1f} ms")
    return 0


def answers_while_grouping(rows: list[UnansweredRow], engine: Engine) -> tuple[float, float, int]:
    """Answer questions on this thread while another groups the rows: what one user waits."""
    questions = ["how much is alibaba investing", "who leads the team", "what is the 7th action", "阿里巴巴投资多少钱"]
    worker = threading.Thread(target=group_unanswered, args=(rows, engine), daemon=True)
    times: list[float] = []
    worker.start()
    while worker.is_alive():
        started = time.perf_counter()
        engine.answer(questions[len(times) % len(questions)])
        times.append((time.perf_counter() - started) * 1000)
    worker.join()
    return max(times, default=0.0), statistics.median(times) if times else 0.0, len(times)


if __name__ == "__main__":
    raise SystemExit(main())
