"""Resident memory of `pledgebot run` while it serves: the real process, against the fake Bot
API of the tests on 127.0.0.1, asked every probe and corpus question (both languages).

    python bench/serve_memory.py [--questions 1500]

Prints the process's resident memory (VmRSS) and its peak (VmHWM) at start and after the
questions are answered. Linux only (reads /proc). No network beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.tg.fake_api import FakeBotApi  # noqa: E402
from tests.tg.test_app import PRIVATE, TOKEN, message, start_bot  # noqa: E402


def questions(limit: int) -> list[str]:
    found = []
    for path in sorted((ROOT / "bench" / "probes").glob("*.yaml")):
        if path.stem.endswith("-labels"):
            continue
        found += [case["q"] for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
    return found[:limit]


def memory(pid: int) -> str:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return f"resident {fields['VmRSS'].strip()}, peak {fields['VmHWM'].strip()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1500)
    asked = questions(parser.parse_args().questions)
    api = FakeBotApi(TOKEN).start()
    process = start_bot(api, Path(tempfile.mkdtemp()) / "bot.log")
    try:
        api.wait_until(lambda: len(api.sent("setMyCommands")) == 2 or None, what="the command menus")
        time.sleep(1)
        print(f"at start: {memory(process.pid)}")
        for i, text in enumerate(asked):
            user = 1000 + i  # one user each: no per-user rate limit in the way
            api.push("message", message(api, text, chat={**PRIVATE, "id": user},
                                        **{"from": {"id": user, "is_bot": False, "first_name": "U"}}))
            if i % 50 == 49:
                time.sleep(0.5)
        replies = lambda: [m for m in api.sent() if m.get("chat_id", 0) >= 1000]  # noqa: E731 (the users asked)
        api.wait_until(lambda: len(replies()) >= len(asked) or None, timeout=600, what="every reply")
        time.sleep(1)
        print(f"after {len(asked)} questions: {memory(process.pid)}")
    finally:
        process.terminate()
        process.wait(10)
        api.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
