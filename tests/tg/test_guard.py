"""The per-user question limit."""

from bot.tg.testing import message_update


def test_questions_over_the_limit_get_one_notice_then_silence(harness):
    h = harness(questions_per_minute=2)
    for _ in range(4):
        h.feed(message_update(h.bot, "what is action 3"))
    texts = [s["text"] for s in h.request.sent()]
    assert len(texts) == 3
    assert "faster than I can keep up" in texts[2]
