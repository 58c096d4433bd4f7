"""The engine against question sets: the shared dev sample and the team's regression file."""

import re
from pathlib import Path

import pytest

from tests.conftest import answer_text, said
import yaml

from bot.paths import shipped_knowledge_dir

DEV_CASES = yaml.safe_load((Path(__file__).parent / "data" / "dev.yaml").read_text(encoding="utf-8"))["cases"]
TEAM_CASES = yaml.safe_load((shipped_knowledge_dir() / "eval.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", DEV_CASES, ids=[c["q"] for c in DEV_CASES])
def test_dev_question(engine, case):
    reply = engine.answer(case["q"])
    if case.get("decline"):
        assert reply.status != "answered", f"answered {reply.entry}: {answer_text(engine, reply)}"
        return
    assert reply.status == "answered", f"{reply.status}: {reply.suggestions}"
    text = re.sub(r"(?<=\d),(?=\d)", "", said(engine, reply))
    for pattern in case["expect"]:
        assert re.search(pattern, text, re.IGNORECASE), f"{pattern!r} not in {text!r}"


@pytest.mark.parametrize("case", TEAM_CASES, ids=[c["q"] for c in TEAM_CASES])
def test_team_regression_question(engine, case):
    reply = engine.answer(case["q"])
    expected = case["expect"]
    if expected == "decline":
        assert reply.status != "answered", f"answered {reply.entry}"
    else:
        allowed = [expected] if isinstance(expected, str) else expected
        assert reply.status == "answered" and reply.entry in allowed, (reply.status, reply.entry)


def test_team_regression_file_is_large_and_varied():
    declines = [c for c in TEAM_CASES if c["expect"] == "decline"]
    assert len(TEAM_CASES) >= 150
    assert len(declines) >= 40
