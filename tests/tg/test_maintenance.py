import shutil
import sqlite3

import pytest

from bot.answering.engine import Engine
from bot.knowledge.loader import load_knowledge
from bot.paths import shipped_knowledge_dir
from bot.tg import admin
from bot.tg.testing import GROUP, PRIVATE, USER, message_update

ADMIN = USER["id"]
STRANGER = {"id": 99, "is_bot": False, "first_name": "Bo"}


@pytest.fixture
def live(harness, tmp_path):
    """A running application over a copy of the knowledge that the test may edit."""
    folder = tmp_path / "knowledge"
    shutil.copytree(shipped_knowledge_dir(), folder)
    h = harness(Engine(load_knowledge(folder)), admin_ids=frozenset({ADMIN}), reload_seconds=1)
    h.start()
    return h, folder


def ask(h, question: str) -> str:
    h.request.clear()
    h.feed(message_update(h.bot, question))
    return h.request.sent()[0]["text"]


def wait_for_admin_message(h, text: str) -> str:
    for _ in range(40):
        for sent in h.request.sent():
            if sent["chat_id"] == ADMIN and text in sent["text"]:
                return sent["text"]
        h.wait(0.25)
    raise AssertionError(f"admins were not told {text!r}")


def test_edits_are_served_live_and_broken_edits_are_refused(live):
    h, folder = live
    assert "20 billion yuan" in ask(h, "how big is the fund")
    old_version = h.app.bot_data.engine.knowledge.version

    facts = folder / "facts.yaml"
    facts.write_text(facts.read_text().replace("value: 20 billion yuan", "value: 25 billion yuan"))
    h.request.clear()
    told = wait_for_admin_message(h, "Knowledge reloaded")
    assert "25 billion yuan" in ask(h, "how big is the fund")
    assert old_version not in told

    facts.write_text(facts.read_text().replace("value: 25 billion yuan", "value: yes"))
    h.request.clear()
    told = wait_for_admin_message(h, "The knowledge edit has 1 problem(s)")
    assert "facts.yaml:" in told and "must be text" in told
    assert "25 billion yuan" in ask(h, "how big is the fund")  # the last good version still serves
    h.request.clear()
    h.wait(2.5)
    assert h.request.sent() == []  # told once, not at every look


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


def test_unanswered_questions_are_stored_without_who_asked(harness):
    h = harness(admin_ids=frozenset({ADMIN}))
    asker = {"id": 918273645, "is_bot": False, "first_name": "Zorblax", "last_name": "Quimby", "username": "zq_reader"}
    chat = {"id": 918273645, "type": "private", "first_name": "Zorblax"}
    group = {"id": -100555444333, "type": "supergroup", "title": "Secret Readers Club"}
    for question in ("who is the cfo of alibaba", "Who is Alibaba's CFO?"):
        h.feed(message_update(h.bot, question, user=asker, chat=chat))
    h.feed(message_update(h.bot, "@PledgeTestBot what does the foundation do for poor counties", user=asker,
                          chat=group))
    h.feed(message_update(h.bot, "how much is alibaba investing", user=asker, chat=chat))  # answered: not stored
    store = h.app.bot_data.store
    rows = store.unanswered()
    assert [(r.question, r.status) for r in rows] == [
        ("who is the cfo of alibaba", "unknown"), ("Who is Alibaba's CFO?", "unknown"),
        ("what does the foundation do for poor counties", "clarify")]
    with sqlite3.connect(store.path) as connection:
        dump = "\n".join(connection.iterdump())
    for identifying in ("918273645", "Zorblax", "Quimby", "zq_reader", "100555444333", "Secret Readers"):
        assert identifying not in dump
    h.request.clear()
    h.feed(message_update(h.bot, "/gaps"))
    gaps = h.request.sent()[0]["text"]
    assert "2× <i>" in gaps and "CFO" in gaps.upper()


def test_feedback_buttons_record_once_and_disappear(harness):
    h = harness()
    h.feed(message_update(h.bot, "what is action 3"))
    [sent] = h.request.sent()
    thumbs_up = sent["reply_markup"]["inline_keyboard"][-1][0]["callback_data"]
    assert thumbs_up == "f:+:action-3"
    from bot.tg.testing import bot_message, callback_update

    [(_, sent_id)] = list(h.app.bot_data.answered_questions)  # the message the bot sent
    shown = bot_message(sent["text"], reply_markup=sent["reply_markup"], message_id=sent_id)
    h.request.clear()
    h.feed(callback_update(h.bot, thumbs_up, message=shown))
    answered = dict(h.request.calls)
    assert answered["answerCallbackQuery"]["text"] == "Thanks for the feedback!"
    kept = answered["editMessageReplyMarkup"]["reply_markup"]["inline_keyboard"]
    assert all(not b["callback_data"].startswith("f:") for row in kept for b in row)
    h.request.clear()
    h.feed(callback_update(h.bot, thumbs_up, message=shown))
    assert dict(h.request.calls)["answerCallbackQuery"]["text"] == "You already rated this answer. Thanks!"
    store = h.app.bot_data.store
    assert store.feedback_by_entry() == {"action-3": (1, 0)}
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("SELECT entry, question, vote FROM feedback").fetchall() == [
            ("action-3", "what is action 3", 1)]


def test_forged_feedback_is_refused(harness):
    from bot.tg.testing import callback_update

    h = harness()
    for data in ("f:+:no-such-entry", "f:?:action-3", "f:+", "f:+:action-3:extra"):
        h.request.clear()
        h.feed(callback_update(h.bot, data))
        assert dict(h.request.calls)["answerCallbackQuery"]["text"].startswith("This button is out of date")
    assert h.app.bot_data.store.feedback_by_entry() == {}


def test_the_scheduled_clean_up_forgets_idle_askers(harness):
    h = harness()
    h.feed(message_update(h.bot, "who leads the programme"))
    limiter = h.app.bot_data.limiter
    assert limiter.users_tracked() == 1
    limiter.window = 0.0  # as if the minute had passed
    [job] = h.app.job_queue.get_jobs_by_name("forget-idle-askers")
    h.loop.run_until_complete(job.run(h.app))
    assert limiter.users_tracked() == 0
