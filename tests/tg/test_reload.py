"""Live reload under edits that used to wedge or crash it: each is refused, the last good
knowledge keeps answering, the admins hear once, and a later good edit is picked up."""

from __future__ import annotations

import os
import shutil
import threading

import pytest

from bot.answering.engine import Engine
from bot.knowledge.loader import load_knowledge
from bot.paths import shipped_knowledge_dir
from bot.tg import reload
from bot.tg.testing import USER, message_update

ADMIN = USER["id"]
FUND = "how big is the fund"
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def ask(h, question: str) -> str:
    h.request.clear()
    h.feed(message_update(h.bot, question))
    return h.request.sent()[0]["text"]


def admin_messages(h) -> list[str]:
    return [s["text"] for s in h.request.sent() if s["chat_id"] == ADMIN]


def wait_for_admin_message(h, text: str, timeout: float = 20.0) -> str:
    def told() -> str | None:
        return next((t for t in admin_messages(h) if text in t), None)

    return h.wait_until(told, timeout=timeout, what=f"admins to be told {text!r}")


def set_fund(folder, old: str, new: str) -> None:
    facts = folder / "facts.yaml"
    facts.write_text(facts.read_text().replace(f"value: {old} billion yuan", f"value: {new} billion yuan"))


@pytest.fixture
def live_fast(harness, tmp_path):
    """A running bot over an editable copy of the knowledge, looking every 0.2 s and giving
    a reload 2 s (twenty times what loading the knowledge takes)."""
    folder = tmp_path / "knowledge"
    shutil.copytree(shipped_knowledge_dir(), folder)
    h = harness(Engine(load_knowledge(folder)), admin_ids=frozenset({ADMIN}), reload_seconds=0.2,
                reload_time_limit=2.0)
    h.start()
    return h, folder


def break_with_alias_bomb(folder):
    (folder / "entries" / "bomb.yaml").write_text(ALIAS_BOMB)


def break_with_deep_nesting(folder):
    (folder / "entries" / "deep.yaml").write_text("entries: " + "[" * 5000 + "]" * 5000 + "\n")


def break_by_removing_the_folder(folder):
    shutil.rmtree(folder)


def restore(folder):
    for name in ("bomb.yaml", "deep.yaml"):
        (folder / "entries" / name).unlink(missing_ok=True)
    if not folder.exists():
        shutil.copytree(shipped_knowledge_dir(), folder)


@pytest.mark.parametrize("break_it, problem", [
    (break_with_alias_bomb, "bomb.yaml"),
    (break_with_deep_nesting, "deep.yaml"),
    (break_by_removing_the_folder, "the knowledge folder does not exist"),
], ids=["alias-bomb", "deep-nesting", "removed-folder"])
def test_a_bad_edit_is_refused_told_once_and_a_later_good_edit_is_served(live_fast, break_it, problem):
    h, folder = live_fast
    assert "20 billion yuan" in ask(h, FUND)
    h.request.clear()
    break_it(folder)
    told = wait_for_admin_message(h, "problem(s)")
    assert problem in told and "Still serving version" in told
    assert "20 billion yuan" in ask(h, FUND)  # the last good knowledge still answers
    assert_not_told_again(h)
    h.feed(message_update(h.bot, "/status"))
    assert "⚠️ The latest knowledge edit was rejected" in h.request.sent()[0]["text"]

    restore(folder)
    set_fund(folder, "20", "25")
    wait_for_admin_message(h, "Knowledge reloaded")
    assert "25 billion yuan" in ask(h, FUND)
    h.feed(message_update(h.bot, "/status"))
    assert "rejected" not in h.request.sent()[0]["text"]


def assert_not_told_again(h) -> None:
    """The watcher looks at the unchanged, rejected folder twice more: nobody is told again."""
    h.request.clear()
    [watcher] = h.app.job_queue.get_jobs_by_name("watch-knowledge")
    for _ in range(2):
        h.loop.run_until_complete(watcher.run(h.app))
    assert admin_messages(h) == []


def test_undoing_a_refused_edit_clears_the_warning(live_fast):
    h, folder = live_fast
    break_with_alias_bomb(folder)
    wait_for_admin_message(h, "problem(s)")
    restore(folder)
    wait_for_admin_message(h, "back to version")
    h.request.clear()
    h.feed(message_update(h.bot, "/status"))
    assert "rejected" not in h.request.sent()[0]["text"]
    assert "20 billion yuan" in ask(h, FUND)


def test_an_edit_that_keeps_size_and_modification_time_is_seen(live_fast):
    h, folder = live_fast
    facts = folder / "facts.yaml"
    before = facts.stat()
    set_fund(folder, "20", "29")  # same length
    os.utime(facts, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (facts.stat().st_size, facts.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    wait_for_admin_message(h, "Knowledge reloaded")
    assert "29 billion yuan" in ask(h, FUND)


def test_a_load_that_raises_is_a_refused_edit_not_a_traceback_per_tick(live_fast, monkeypatch):
    h, folder = live_fast
    real_load = reload._load
    calls = []

    def load_that_raises_once(directory):
        calls.append(directory)
        if len(calls) == 1:
            raise RecursionError("maximum recursion depth exceeded")
        return real_load(directory)

    monkeypatch.setattr(reload, "_load", load_that_raises_once)
    (folder / "facts.yaml").write_text((folder / "facts.yaml").read_text() + "\n# touched\n")
    told = wait_for_admin_message(h, "problem(s)")
    assert "loading failed: RecursionError" in told
    assert "20 billion yuan" in ask(h, FUND)
    assert_not_told_again(h)
    set_fund(folder, "20", "25")
    wait_for_admin_message(h, "Knowledge reloaded")
    assert "25 billion yuan" in ask(h, FUND)


def test_a_load_that_hangs_is_abandoned_and_the_watcher_keeps_watching(live_fast, monkeypatch, caplog):
    h, folder = live_fast
    real_load = reload._load
    stuck, release = threading.Event(), threading.Event()

    def load_that_hangs_once(directory):
        if not stuck.is_set():
            stuck.set()
            release.wait(60)  # the worker thread is left here; the bot must not wait for it
            return None, ["released"]
        return real_load(directory)

    monkeypatch.setattr(reload, "_load", load_that_hangs_once)
    try:
        (folder / "facts.yaml").write_text((folder / "facts.yaml").read_text() + "\n# touched\n")
        h.wait_until(stuck.is_set, what="the load to start")
        assert "20 billion yuan" in ask(h, FUND)  # answered while the load is stuck
        told = wait_for_admin_message(h, "problem(s)")
        assert "took longer than 2 s and was abandoned" in told
        assert not [r for r in caplog.records if r.name.startswith("apscheduler") and r.levelno >= 30]
        assert_not_told_again(h)
        set_fund(folder, "20", "25")
        wait_for_admin_message(h, "Knowledge reloaded")
        assert "25 billion yuan" in ask(h, FUND)
    finally:
        release.set()
