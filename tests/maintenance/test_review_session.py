"""The review session and its edits, without a terminal."""

import shutil

import pytest

from bot.maintenance import applying
from bot.maintenance.applying import KnowledgeEditor
from bot.maintenance.decisions import Cluster, Decision, DecisionsError, load_decisions
from bot.maintenance.review import ReviewSession
from bot.paths import shipped_knowledge_dir


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "knowledge"
    shutil.copytree(shipped_knowledge_dir(), copy)
    return copy


def snapshot(folder):
    return {p: p.read_bytes() for p in folder.rglob("*.yaml")}


def test_undo_puts_every_file_back_byte_for_byte_and_returns_to_the_cluster(folder):
    before = snapshot(folder)
    session = ReviewSession([Cluster(3, ("alibaba prosperity cash pile",)), Cluster(1, ("what does jack ma think",))],
                            KnowledgeEditor(folder))
    assert session.entry_choice(1) == "pledge-amount"
    assert session.decide(Decision("alibaba prosperity cash pile", "phrasing", "pledge-amount")).accepted
    assert session.current.question == "what does jack ma think" and snapshot(folder) != before
    assert session.undo().startswith("undone: 'alibaba prosperity cash pile' as a phrasing of pledge-amount")
    assert snapshot(folder) == before and session.current.question == "alibaba prosperity cash pile"
    assert session.undo() == "nothing to undo"
    assert "0 phrasing(s) added" in session.summary() and "1 undone, 2 not reviewed" in session.summary()


def test_a_question_already_in_the_eval_is_not_added_twice(folder):
    editor = KnowledgeEditor(folder)
    assert editor.apply(Decision("what does jack ma think", "decline")).accepted
    again = editor.apply(Decision("What does  Jack Ma think", "decline"))
    assert not again.accepted and "already a case in eval.yaml" in again.message


def test_a_decline_the_bot_would_answer_is_refused(folder):
    before = snapshot(folder)
    outcome = KnowledgeEditor(folder).apply(Decision("how much is alibaba investing in total", "decline"))
    assert not outcome.accepted
    assert "eval would fail:" in outcome.message and "expects decline, the bot gives pledge-amount" in outcome.message
    assert snapshot(folder) == before


def test_known_gaps_wait_for_the_not_stated_list(folder, monkeypatch):
    monkeypatch.setattr(applying, "gaps_supported", lambda: False)
    before = snapshot(folder)
    outcome = KnowledgeEditor(folder).apply(Decision("on which day", "gap", "ten-actions", None, "No date."))
    assert not outcome.accepted and "not_stated" in outcome.message and snapshot(folder) == before


@pytest.mark.parametrize("text, says", [
    ("decisions:\n  - {q: x, action: maybe}\n", "action must be one of phrasing, decline, gap, skip"),
    ("decisions:\n  - {q: x, action: phrasing}\n", "'phrasing' needs 'entry'"),
    ("decisions:\n  - {q: x, action: gap, entry: fund}\n", "'gap' needs 'gap'"),
    ("nothing: here\n", "has no 'decisions:' list"),
    ("decisions: [\n", "is not valid YAML"),
])
def test_a_bad_decisions_file_says_what_is_wrong(tmp_path, text, says):
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DecisionsError, match=says.replace("(", r"\(")):
        load_decisions(path)
