"""Replies survive Telegram's 429s and outages; requests Telegram calls wrong are not repeated."""

import pytest

from bot.tg import errors
from bot.tg.testing import callback_update, message_update

QUESTION = "what is action 3"


@pytest.fixture
def patient(harness):
    """A bot that keeps retrying a reply for a minute, with short pauses between tries."""
    h = harness(send_retry_seconds=60.0)
    h.app.bot.rate_limiter.first_pause = 0.01
    return h


def texts_sent(h) -> list[str]:
    return [s["text"] for s in h.request.sent()]


def test_a_reply_waits_out_an_outage(patient):
    for _ in range(3):
        patient.request.fail("sendMessage", 500)
    patient.feed(message_update(patient.bot, QUESTION))
    sent = texts_sent(patient)
    assert len(sent) == 4 and all(t.startswith("Action 3") for t in sent)  # three failed, the fourth arrived
    assert patient.request.failures == []


def test_a_429_is_waited_out_by_the_rate_limiter(harness):
    h = harness(send_retry_seconds=0.0)  # no outage retries: the 429 is the rate limiter's (max_retries)
    h.request.fail("sendMessage", 429, retry_after=1)
    h.feed(message_update(h.bot, QUESTION))
    sent = texts_sent(h)
    assert len(sent) == 2 and all(t.startswith("Action 3") for t in sent)


def test_a_bad_request_is_not_repeated(patient):
    patient.request.fail("sendMessage", 400)
    patient.feed(message_update(patient.bot, QUESTION))
    sent = texts_sent(patient)
    assert sent[0].startswith("Action 3") and sent[1:] == [errors.ERROR_REPLY]  # told, not retried


def test_without_retry_time_an_outage_reply_is_given_up(harness):
    h = harness(send_retry_seconds=0.0)
    h.request.fail("sendMessage", 500)
    h.feed(message_update(h.bot, QUESTION))
    sent = texts_sent(h)
    assert sent[0].startswith("Action 3") and sent[1:] == [errors.ERROR_REPLY]


def test_answering_a_button_is_not_retried_through_an_outage(patient):
    patient.request.fail("answerCallbackQuery", 500)
    patient.feed(callback_update(patient.bot, "t:"))
    # The failed answer, then the error handler's: no retry, and the handler stopped there.
    assert [name for name, _ in patient.request.calls] == ["answerCallbackQuery", "answerCallbackQuery"]
    assert patient.request.calls[1][1]["text"] == errors.ERROR_REPLY
