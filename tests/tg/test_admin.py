"""The maintainers' commands, for admins only."""

import pytest
from telegram.ext import filters

from bot.tg import admin
from bot.tg.testing import GROUP, PRIVATE, USER, message_update

ADMIN = USER["id"]
STRANGER = {"id": 99, "is_bot": False, "first_name": "Bo"}
STRANGER_CHAT = {**PRIVATE, "id": 99, "first_name": "Bo"}


def test_reload_and_status_are_for_admins_only(live):
    h, _ = live
    h.request.clear()
    h.feed(message_update(h.bot, "/status", user=STRANGER, chat={**PRIVATE, "id": 99}))
    assert h.request.sent()[0]["text"] == admin.NOT_ADMIN
    h.request.clear()
    h.feed(message_update(h.bot, "/status"))
    status = h.request.sent()[0]["text"]
    version = h.app.bot_data.engine.knowledge.version
    assert f"Knowledge version {version}" in status and "entries" in status
    assert "Loaded 20" in status and "Up 0h 0m" in status and "Unanswered: 0 in the last 7 days" in status
    h.request.clear()
    h.feed(message_update(h.bot, "/reload", chat=GROUP))
    texts = [s["text"] for s in h.request.sent()]
    assert any(t.startswith("✅ Knowledge reloaded") for t in texts)


@pytest.mark.parametrize("command", ["/reload", "/status", "/gaps", "/status@PledgeTestBot"])
def test_a_stranger_gets_a_polite_no_and_nothing_else(harness, command):
    h = harness(admin_ids=frozenset({ADMIN}))
    engine = h.app.bot_data.engine
    h.feed(message_update(h.bot, command, user=STRANGER, chat=STRANGER_CHAT))
    assert [(name, params["chat_id"], params["text"]) for name, params in h.request.calls] == [
        ("sendMessage", STRANGER_CHAT["id"], admin.NOT_ADMIN)]  # no status, no gaps, admins not told
    assert h.app.bot_data.engine is engine  # nothing reloaded


def test_with_no_admins_configured_nobody_is_one(harness):
    h = harness()
    h.feed(message_update(h.bot, "/status"))
    assert [s["text"] for s in h.request.sent()] == [admin.NOT_ADMIN]


def test_the_gate_is_the_admins_filter(harness):
    h = harness(admin_ids=frozenset({ADMIN}))
    admins = h.app.bot_data.admins
    assert isinstance(admins, filters.User) and admins.user_ids == frozenset({ADMIN})
    admins.add_user_ids(STRANGER["id"])  # the one place that says who is an admin
    h.feed(message_update(h.bot, "/status", user=STRANGER, chat=STRANGER_CHAT))
    assert h.request.sent()[0]["text"].startswith("<b>Status</b>")


def test_status_tells_admins_when_questions_cannot_be_stored(harness, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the database folder should be")
    h = harness(admin_ids=frozenset({ADMIN}), db_path=blocked / "bot.sqlite3")
    store = h.app.bot_data.store
    h.feed(message_update(h.bot, "tell me about the weather on mars"))  # unanswered: to be recorded
    h.wait_until(store.health, timeout=10, what="the store to report that it cannot write")
    h.request.clear()
    h.feed(message_update(h.bot, "/status"))
    status = h.request.sent()[0]["text"]
    assert "⚠️" in status and "not-a-folder" in status
    blocked.unlink()  # the folder can be made again: the question waiting in memory is written
    assert store.flush(timeout=40) and store.count_unanswered() == 1
