"""PledgeBot benchmark: `python bench/run.py` (about a minute) or `--quick` (seconds).

Prints one Markdown table. Every figure is the median of repeated runs; every
speed is also given as a ratio to a baseline measured in the same process:
  1. answer() latency on the shipped knowledge, against a linear rapidfuzz scan;
  2. scaling to synthetic knowledge of 1,000 / 10,000 / 100,000 phrasings (each size
     in a fresh process, for honest build time and memory), same baseline;
  3. cold start of `pledgebot ask`, against `python -c "import rapidfuzz, yaml"`;
  4. the bot: updates per second through Application.process_update, no network.
No network is used; inputs are deterministic.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process, utils  # noqa: E402

from bench.synthetic import phrasing_count, synthetic_knowledge  # noqa: E402
from bot.answering.engine import Engine
from bot.language.frequency import zipf  # noqa: E402
from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.paths import shipped_knowledge_dir  # noqa: E402

OFF_TOPIC = [
    "What's the weather in Hangzhou?", "Who is the CEO of Tencent?", "How much did Xiaomi pledge?",
    "alibaba share price", "tell me a joke", "What is bitcoin?", "Who won the world cup?",
    "When did Alibaba go public?", "who is the cfo of alibaba", "qwerty uiop",
]
COLD_QUESTION = "how much is alibaba investing"


def dev_questions() -> list[str]:
    import yaml

    cases = yaml.safe_load((ROOT / "tests" / "data" / "dev.yaml").read_text(encoding="utf-8"))["cases"]
    return [c["q"] for c in cases]


def with_typo(question: str, rng: random.Random) -> str:
    """Swap two neighbouring letters in one longer word: a typo people make."""
    words = question.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long_words:
        return question
    i = rng.choice(long_words)
    word = words[i]
    j = rng.randrange(1, len(word) - 2)
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2:]
    return " ".join(words)


def _team_cases() -> list[dict]:
    import yaml

    return yaml.safe_load((shipped_knowledge_dir() / "eval.yaml").read_text(encoding="utf-8"))["cases"]


def question_mix() -> list[str]:
    rng = random.Random(3)
    dev = dev_questions()
    return dev + [with_typo(q, rng) for q in dev] + OFF_TOPIC


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def latency(function, questions: list[str], runs: int) -> tuple[float, float]:
    """(p50, p99) in ms: each run times every question once; the median run's figures."""
    p50s, p99s = [], []
    for _ in range(runs):
        times = []
        for question in questions:
            start = time.perf_counter()
            function(question)
            times.append((time.perf_counter() - start) * 1000)
        p50s.append(percentile(times, 0.5))
        p99s.append(percentile(times, 0.99))
    return statistics.median(p50s), statistics.median(p99s)


def linear_baseline(phrasings: list[str]):
    def scan(question: str):
        return process.extractOne(question, phrasings, scorer=fuzz.WRatio, processor=utils.default_process)
    return scan


def all_phrasings(engine: Engine) -> list[str]:
    return [q.text for e in engine.knowledge.entries for q in e.questions]


# -- 1. the shipped knowledge -------------------------------------------------------

def bench_shipped(runs: int) -> dict:
    start = time.perf_counter()
    knowledge = load_knowledge(shipped_knowledge_dir())
    loaded = time.perf_counter()
    engine = Engine(knowledge)
    built = time.perf_counter()
    questions = question_mix()
    engine.prepare()  # as the bot does before serving: the first question waits for nothing
    ours = latency(engine.answer, questions, runs)
    base = latency(linear_baseline(all_phrasings(engine)), questions, runs)
    return {"phrasings": phrasing_count(knowledge), "questions": len(questions), "ours": ours, "baseline": base,
            "load_ms": (loaded - start) * 1000, "index_ms": (built - loaded) * 1000}


# -- 2. scaling (one fresh process per size) --------------------------------------------

def scale_worker(size: int, runs: int, baseline_runs: int) -> dict:
    base = load_knowledge(shipped_knowledge_dir())
    knowledge = synthetic_knowledge(base, size)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    engine = Engine(knowledge)
    build = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    questions = question_mix()
    zipf("the", "en")  # read the word list now, as the bot's prepare() does (English only here)
    ours = latency(engine.answer, questions, runs)
    baseline_questions = questions[:: max(1, len(questions) // 20)] if size > 10_000 else questions
    base_latency = latency(linear_baseline(all_phrasings(engine)), baseline_questions, baseline_runs)
    exhaustive = Engine(knowledge, exhaustive=True, units=engine.units)
    decided = [(engine.answer(q), exhaustive.answer(q)) for q in dev_questions()]
    same = sum(_decision(a) == _decision(b) for a, b in decided)
    return {"size": phrasing_count(knowledge), "entries": len(knowledge.entries), "build_s": build,
            "rss_mb": rss_after / 1024, "index_mb": (rss_after - rss_before) / 1024, "ours": ours,
            "baseline": base_latency, "same_decisions": same, "dev_questions": len(decided)}


def _decision(reply) -> tuple:
    return reply.status, reply.entry, reply.suggestions if reply.status == "clarify" else ()


def bench_scaling(sizes: list[int], runs: int, baseline_runs: int) -> list[dict]:
    results = []
    for size in sizes:
        output = subprocess.run([sys.executable, __file__, "--scale-worker", str(size), "--runs", str(runs),
                                 "--baseline-runs", str(baseline_runs)],
                                capture_output=True, text=True, check=True, cwd=ROOT)
        results.append(json.loads(output.stdout.strip().splitlines()[-1]))
    return results


# -- 3. cold start ------------------------------------------------------------------------

def _time_command(command: list[str], runs: int) -> float:
    # As an installed copy runs: with compiled bytecode, which the warm-up run writes
    # (PYTHONDONTWRITEBYTECODE, set on some machines, would recompile every module every time).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, check=True, cwd=ROOT, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=ROOT, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bench_cold_start(runs: int) -> dict:
    script = Path(sys.executable).with_name("pledgebot")
    ask = [str(script)] if script.exists() else [sys.executable, "-m", "bot"]
    bare = _time_command([sys.executable, "-c", "import rapidfuzz, yaml"], runs)
    cold = _time_command([*ask, "ask", COLD_QUESTION], runs)
    return {"bare_ms": bare, "ask_ms": cold, "command": " ".join(Path(ask[0]).name if i == 0 else a
                                                                  for i, a in enumerate(ask))}


# -- 4. the bot ---------------------------------------------------------------------------

def bench_bot(count: int, runs: int) -> dict:
    from bot.tg.app import build_application
    from bot.tg.settings import Settings
    from bot.tg.testing import inline_update, message_update
    from bot.tg.testing import RecordingRequest

    engine = Engine(load_knowledge(shipped_knowledge_dir()))
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"pledgebot-bench-{os.getpid()}.sqlite3"
    settings = Settings(token="42:bench-token", send_retry_seconds=0.0, db_path=str(tmp), reload_seconds=0,
                        questions_per_minute=1000)
    # Real questions of each kind, in turn, from many users (so the per-user limit never bites).
    by_status: dict[str, list[str]] = {"answered": [], "clarify": []}
    for question in question_mix() + [c["q"] for c in _team_cases()]:
        status = engine.answer(question).status
        if status in by_status:
            by_status[status].append(question)

    def user(n: int) -> dict:
        return {"id": 1000 + n, "is_bot": False, "first_name": "U"}

    kinds = {
        "answer": lambda bot, n: message_update(bot, by_status["answered"][n % len(by_status["answered"])], user=user(n)),
        "clarify": lambda bot, n: message_update(bot, by_status["clarify"][n % len(by_status["clarify"])], user=user(n)),
        "inline": lambda bot, n: inline_update(bot, by_status["answered"][n % len(by_status["answered"])], user=user(n)),
    }
    results = {"floor": _ptb_floor(count, runs, message_update)}
    try:
        for kind, make in kinds.items():
            results[kind] = _median_rate(
                lambda: build_application(settings, engine, request=RecordingRequest(), flood_limit=False),
                make, count, runs)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    return results


def _median_rate(make_app, make_update, count: int, runs: int) -> float:
    """Updates per second through process_update, one at a time, median of `runs` fresh apps."""
    rates = []
    loop = asyncio.new_event_loop()
    try:
        for _ in range(runs):
            app = make_app()
            loop.run_until_complete(app.initialize())
            gc.freeze()  # as `pledgebot run` does once the bot is built
            try:
                updates = [make_update(app.bot, n) for n in range(count)]
                start = time.perf_counter()
                for update in updates:
                    loop.run_until_complete(app.process_update(update))
                rates.append(count / (time.perf_counter() - start))
            finally:
                gc.unfreeze()
                loop.run_until_complete(app.shutdown())
    finally:
        loop.close()
    return statistics.median(rates)


def _ptb_floor(count: int, runs: int, message_update) -> float:
    """python-telegram-bot alone: a handler that sends one fixed answer with the same buttons.
    The bot can never be faster than this; its ratio to it is what the bot's own work costs."""
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup
    from telegram.constants import ParseMode
    from telegram.ext import Application, Defaults, MessageHandler, filters

    from bot.tg.testing import RecordingRequest

    markup = InlineKeyboardMarkup([[InlineKeyboardButton("What is the fund for?", callback_data="e:fund")]] * 3 + [[
        InlineKeyboardButton("👍", callback_data="f:+:fund"), InlineKeyboardButton("👎", callback_data="f:-:fund")]])
    text = ("Alibaba will invest a total of 100 billion yuan, roughly $15.49 billion, by 2025.\n\n"
            "<i>Source: Alibaba to Launch a Team to Promote China's 'Common Prosperity'</i>")

    async def reply(update, context):
        await update.effective_message.reply_text(text, reply_markup=markup)

    def make_app():
        app = (Application.builder().token("42:bench-token").request(RecordingRequest())
               .get_updates_request(RecordingRequest()).defaults(Defaults(parse_mode=ParseMode.HTML))
               .concurrent_updates(True).build())
        app.add_handler(MessageHandler(filters.TEXT, reply))
        return app

    return _median_rate(make_app, lambda bot, n: message_update(
        bot, "how much is alibaba investing", user={"id": 1000 + n, "is_bot": False, "first_name": "U"}), count, runs)


# -- the table ------------------------------------------------------------------------------

def table(shipped: dict, scaling: list[dict], cold: dict, bot: dict) -> str:
    o50, o99 = shipped["ours"]
    b50, b99 = shipped["baseline"]
    rows = [
        "| measure | PledgeBot | baseline | ratio (baseline / PledgeBot) |",
        "| --- | --- | --- | --- |",
        f"| answer() p50, shipped knowledge ({shipped['phrasings']} phrasings, {shipped['questions']} questions) "
        f"| {o50:.3f} ms | {b50:.3f} ms | {b50 / o50:.1f}x |",
        f"| answer() p99, shipped knowledge | {o99:.3f} ms | {b99:.3f} ms | {b99 / o99:.1f}x |",
        f"| load + index the shipped knowledge | {shipped['load_ms']:.1f} + {shipped['index_ms']:.1f} ms | | |",
    ]
    for r in scaling:
        o50, o99 = r["ours"]
        b50, b99 = r["baseline"]
        rows.append(f"| {r['size']:,} phrasings ({r['entries']:,} entries): p50 / p99 | {o50:.2f} / {o99:.2f} ms "
                    f"| {b50:.2f} / {b99:.2f} ms | {b50 / o50:.0f}x / {b99 / o99:.0f}x |")
        rows.append(f"| {r['size']:,} phrasings: index build, peak memory | {r['build_s']:.2f} s, {r['rss_mb']:.0f} MB "
                    f"| | same decisions as an exhaustive scan: {r['same_decisions']}/{r['dev_questions']} |")
    rows.append(f"| cold start: `{cold['command']} ask \"{COLD_QUESTION}\"` | {cold['ask_ms']:.0f} ms "
                f"| {cold['bare_ms']:.0f} ms (`python -c \"import rapidfuzz, yaml\"`) "
                f"| {cold['ask_ms'] / cold['bare_ms']:.2f}x the bare import |")
    floor = bot["floor"]
    for kind, rate in bot.items():
        if kind != "floor":
            rows.append(f"| bot: {kind} updates through process_update, one core | {rate:,.0f} /s "
                        f"| {floor:,.0f} /s (python-telegram-bot alone, a fixed reply) | {rate / floor:.2f}x the floor |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a few seconds: small sizes, few repeats")
    parser.add_argument("--scale-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=5, help=argparse.SUPPRESS)
    parser.add_argument("--baseline-runs", type=int, default=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scale_worker:
        print(json.dumps(scale_worker(args.scale_worker, args.runs, args.baseline_runs)))
        return 0
    if args.quick:
        shipped = bench_shipped(runs=2)
        scaling = bench_scaling([1_000], runs=1, baseline_runs=1)
        cold = bench_cold_start(runs=2)
        bot = bench_bot(count=100, runs=1)
    else:
        shipped = bench_shipped(runs=15)
        scaling = bench_scaling([1_000, 10_000, 100_000], runs=5, baseline_runs=3)
        cold = bench_cold_start(runs=15)
        bot = bench_bot(count=2_000, runs=3)
    print(table(shipped, scaling, cold, bot))
    return 0


if __name__ == "__main__":
    sys.exit(main())
