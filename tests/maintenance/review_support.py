"""Shared by the review tests: a knowledge checkout in git and a database of what people asked."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from bot.maintenance.store import QuestionStore
from bot.paths import shipped_knowledge_dir

# What people asked, most asked first: a phrasing for pledge-amount, an off-topic question
# the bot must keep declining, and one more question to add and take back.
ASKED = {"alibaba prosperity cash pile": 3, "what does jack ma think": 2, "how is the money split between actions": 1}


def checkout(tmp_path: Path) -> Path:
    """A copy of the shipped knowledge, committed in a fresh git repository."""
    folder = tmp_path / "repo" / "knowledge"
    shutil.copytree(shipped_knowledge_dir(), folder)
    git = ["git", "-C", str(folder.parent), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git[:3] + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "knowledge"], check=True)
    return folder


def database(path: Path, asked: dict[str, int] = ASKED) -> Path:
    store = QuestionStore(path)
    for question, count in asked.items():
        for _ in range(count):
            store.record_unanswered(question, "unknown", None, 0.0)
    assert store.close()
    return path


def diff(folder: Path) -> str:
    return subprocess.run(["git", "-C", str(folder), "diff", "-U0", "--no-color", "--", "."],
                          capture_output=True, text=True, check=True).stdout


def added_lines(folder: Path) -> dict[str, list[str]]:
    """file -> the lines the working tree adds; asserts none were removed or changed."""
    changes: dict[str, list[str]] = {}
    current = None
    for line in diff(folder).splitlines():
        if line.startswith("+++ "):
            current = line.split(" b/", 1)[-1].removeprefix("knowledge/")
        elif line.startswith("-") and not line.startswith("--- "):
            raise AssertionError(f"a line was removed or changed: {line}")
        elif line.startswith("+") and current:
            changes.setdefault(current, []).append(line[1:])
    return changes
