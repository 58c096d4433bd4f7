"""Shared fixtures: a clean environment, the shipped engine, and tiny knowledge folders
written to tmp_path."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from bot.answering.engine import Engine
from bot.knowledge.loader import load_knowledge
from bot.paths import shipped_knowledge_dir

# The variables the bot reads its settings from (bot/paths.py, bot/maintenance/store.py,
# bot/tg/settings.py). A developer's shell may export them; no test may see them.
SETTINGS_PREFIXES = ("PLEDGEBOT_", "TELEGRAM_")


@pytest.fixture(autouse=True)
def _no_settings_from_the_environment(monkeypatch, tmp_path):
    """Every test starts without PLEDGEBOT_* and TELEGRAM_* variables (and so do the processes it
    starts), so a developer's PLEDGEBOT_KNOWLEDGE or bot token never changes a result. Tests
    that need one set it with monkeypatch. The engine cache goes to the test's own folder,
    never the developer's ~/.cache."""
    for name in list(os.environ):
        if name.startswith(SETTINGS_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


TINY = {
    "sources.yaml": """
        doc:
          title: A document
          publisher: Someone
          date: 1 May 2021
    """,
    "facts.yaml": """
        total:
          value: 100 billion yuan
          kind: amount
          source: doc
        year:
          value: "2025"
          kind: year
          source: doc
    """,
    "synonyms.yaml": """
        - [invest, investment, spend]
    """,
    "smalltalk.yaml": """
        - id: hello
          questions: [hi, hello]
          questions_zh: [你好]
          answer: Hello there.
          answer_zh: 你好。
    """,
    "examples.yaml": """
        - how much is invested
    """,
    "entries/main.yaml": """
        topic: Money
        entries:
          - id: amount
            questions:
              - how much is invested
              - total investment
              - size of the investment
              - investment amount
            questions_zh: [投资多少, 投资总额, 投资规模, 投资金额]
            answer: The total is {total}.
            answer_zh: 总额是{total}。
            sources: [doc]
            related: [deadline]
          - id: deadline
            questions:
              - by when is it invested
              - investment deadline
              - what year is the deadline
              - target year for the investment
            questions_zh: [什么时候投完, 投资期限, 哪一年是期限, 投资的目标年份]
            answer: It is invested by {year}.
            answer_zh: 在{year}前投完。
            sources: [doc]
    """,
}


def write_knowledge(root: Path, **overrides: str | None) -> Path:
    """Write the tiny knowledge to `root`, replacing (or, with None, leaving out) files.

    Keys name files with '__' for '/' (entries__main_yaml -> entries/main.yaml)."""
    files = dict(TINY)
    for key, text in overrides.items():
        name = key.replace("__", "/").replace("_yaml", ".yaml")
        files[name] = text
    for name, text in files.items():
        if text is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def tiny_knowledge(tmp_path: Path):
    """A function that writes a tiny knowledge folder, with files replaced as asked."""

    def make(**overrides: str | None) -> Path:
        return write_knowledge(tmp_path / "knowledge", **overrides)

    return make


@pytest.fixture(scope="session")
def shipped_knowledge():
    return load_knowledge(shipped_knowledge_dir())


@pytest.fixture(scope="session")
def engine(shipped_knowledge) -> Engine:
    return Engine(shipped_knowledge)


def said(engine: Engine, reply) -> str:
    """What the terminal shows for a reply: the plain renderer's text."""
    from bot.render.plain import render_plain

    return render_plain(reply, engine.knowledge)


def answer_text(engine: Engine, reply) -> str | None:
    """The knowledge's answer in a reply (None unless answered)."""
    from bot.render.compose import compose

    return compose(reply, engine.knowledge).answer
