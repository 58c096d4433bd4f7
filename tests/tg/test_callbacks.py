"""Button presses reach the handler for their kind of data; anything else is stale."""

import logging

from bot.tg import callbacks
from bot.tg.testing import callback_update


def test_stale_or_forged_buttons_get_a_polite_answer(harness, caplog):
    h = harness()
    for data in ("garbage", "e:no-such-entry", "t:99", "t:x", "c:", "x:1"):
        h.request.clear()
        h.feed(callback_update(h.bot, data))
        [(name, params)] = h.request.calls
        assert name == "answerCallbackQuery"
        assert params["text"] == callbacks.STALE_BUTTON
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
