"""Button presses reach the handler for their kind of data; anything else is stale."""

import logging

import pytest

from bot.tg import callbacks
from bot.tg.testing import bot_message, buttons, callback_update, message_update


def test_stale_or_forged_buttons_get_a_polite_answer(harness, caplog):
    h = harness()
    for data in ("garbage", "e:no-such-entry", "t:99", "t:x", "c:", "x:1"):
        h.request.clear()
        h.feed(callback_update(h.bot, data))
        [(name, params)] = h.request.calls
        assert name == "answerCallbackQuery"
        assert params["text"] == callbacks.STALE_BUTTON
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def pressed(h, data: str, text: str = "an earlier answer") -> tuple[list[str], dict]:
    """The Bot API methods a button press led to, and the parameters of each (last wins)."""
    h.request.clear()
    h.feed(callback_update(h.bot, data, message=bot_message(text)))
    return [name for name, _ in h.request.calls], dict(h.request.calls)


def test_each_kind_of_button_reaches_its_own_handler(harness, engine):
    h = harness()
    methods, sent = pressed(h, "e:action-3")  # an entry's answer, as a new message
    assert methods == ["answerCallbackQuery", "sendMessage"] and sent["sendMessage"]["text"].startswith("Action 3")
    methods, sent = pressed(h, "c:action-3")  # a 'did you mean' choice: the message becomes the answer
    assert methods == ["answerCallbackQuery", "editMessageText"]
    assert sent["editMessageText"]["text"].startswith("Action 3")
    methods, sent = pressed(h, "t:")  # all topics
    assert methods == ["answerCallbackQuery", "editMessageText"]
    assert [b["text"] for row in sent["editMessageText"]["reply_markup"]["inline_keyboard"] for b in row] == list(
        engine.knowledge.topics)
    methods, sent = pressed(h, "t:0")  # one topic
    assert sent["editMessageText"]["text"].startswith(f"<b>{engine.knowledge.topics[0]}</b>")
    methods, sent = pressed(h, "l:zh")
    assert sent["editMessageText"]["text"] == "我会用中文回答。"
    methods, sent = pressed(h, "f:-:action-3", text="Action 3: …")
    assert sent["answerCallbackQuery"]["text"] == "谢谢你的反馈！"  # /lang zh, just above, holds
    assert h.app.bot_data.store.feedback_by_entry() == {"action-3": (0, 1)}


def test_every_button_the_bot_draws_is_taken_by_its_pattern(harness):
    h = harness()
    for command in ("/start", "/actions", "/topics", "/lang", "what is action 3", "what does the foundation do for "
                                                                                  "poor counties"):
        h.request.clear()
        h.feed(message_update(h.bot, command))
        for _, data in buttons(h.request.sent()[-1]):
            assert any(p.match(data) for p in (callbacks.ANSWER_DATA, callbacks.CHOOSE_DATA, callbacks.TOPIC_DATA,
                                               callbacks.LANGUAGE_DATA, callbacks.FEEDBACK_DATA)), data


@pytest.mark.parametrize("data", ["t:²", "t:٣", "t:" + "9" * 5000, "t:-1", "t:12345", "l:fr", "e:", "f:+:",
                                  "f:*:action-3", "e:" + "x" * 5000, ""])
def test_forged_data_is_answered_politely_without_an_error(harness, caplog, data):
    h = harness()
    h.feed(callback_update(h.bot, data))
    [(name, params)] = h.request.calls
    assert name == "answerCallbackQuery"
    assert params["text"] == callbacks.STALE_BUTTON
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
