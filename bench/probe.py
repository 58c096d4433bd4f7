"""Grade the bot on a blind probe batch (questions written by someone who saw only the seeds).

    python bench/probe.py bench/probes/batch-A1.yaml [more batches] [--show]

A batch is a dev.yaml-style file whose cases also carry `cat` (answer, notstated, oos) and
`lang` (en, zh). An `answer` case is right when the bot answers and every `expect` pattern
matches the reply; declined or asked back, it is missed; answered without the patterns, it is
counted wrong (read those by hand: a lenient pattern can still miss a right answer). A
`notstated` or `oos` case is right when the bot does not answer from an entry.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.answering.engine import Engine  # noqa: E402
from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.paths import shipped_knowledge_dir  # noqa: E402
from bot.render.plain import render_plain  # noqa: E402



def grade(engine: Engine, case: dict) -> tuple[str, str]:
    """(outcome, reply text): outcome is right, missed or wrong."""
    reply = engine.answer(case["q"])
    text = render_plain(reply, engine.knowledge)
    answered = reply.status == "answered"
    if case.get("decline"):
        return ("wrong" if answered else "right"), text
    if not answered:
        return "missed", text
    flat = re.sub(r"(?<=\d),(?=\d)", "", text)
    ok = all(re.search(p, flat, re.IGNORECASE) for p in case["expect"])
    return ("right" if ok else "wrong"), text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batches", nargs="+", type=Path)
    parser.add_argument("--show", action="store_true", help="print every case that was not right")
    args = parser.parse_args()
    engine = Engine(load_knowledge(shipped_knowledge_dir()))
    print("| batch | answerable EN | answerable ZH | declines right | wrong answers |")
    print("|---|---|---|---|---|")
    for path in args.batches:
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        tally: Counter = Counter()
        misses = []
        for case in cases:
            outcome, text = grade(engine, case)
            group = f"answer-{case.get('lang', 'en')}" if not case.get("decline") else "decline"
            tally[group, outcome] += 1
            if outcome != "right":
                misses.append((outcome, case, text))

        def share(group: str) -> str:
            total = sum(n for (g, _), n in tally.items() if g == group)
            right = tally[group, "right"]
            return f"{right}/{total} ({100 * right / total:.0f}%)" if total else "-"

        wrong = sum(n for (_, o), n in tally.items() if o == "wrong")
        print(f"| {path.stem} | {share('answer-en')} | {share('answer-zh')} | {share('decline')} | {wrong} |")
        if args.show:
            for outcome, case, text in misses:
                first = text.splitlines()[0] if text else ""
                print(f"    {outcome:6} [{case.get('cat')}/{case.get('lang')}] {case['q']!r}\n           -> {first[:150]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
