"""The error handler."""

import logging

from bot.tg import errors
from bot.tg.testing import message_update


def test_a_failing_handler_is_logged_and_the_user_told(harness, caplog):
    h = harness()

    def broken(question, lang=None):
        raise RuntimeError("engine exploded")

    h.app.bot_data.engine.answer = broken
    try:
        with caplog.at_level(logging.ERROR):
            h.feed(message_update(h.bot, "how much is alibaba investing?"))
    finally:
        del h.app.bot_data.engine.answer
    [sent] = h.request.sent()
    assert sent["text"] == errors.ERROR_REPLY
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "engine exploded" in str(record.exc_info[1])
