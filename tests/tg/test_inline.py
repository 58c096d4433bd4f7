"""Inline mode."""

from bot.tg.testing import inline_update


def test_inline_mode_lists_answers_and_popular_questions(harness, engine):
    h = harness()
    h.feed(inline_update(h.bot, "how much is alibaba investing"))
    [(name, params)] = h.request.calls
    assert name == "answerInlineQuery"
    first = params["results"][0]
    assert first["type"] == "article" and first["id"] == "pledge-amount"
    assert "100 billion yuan" in first["description"]
    assert first["input_message_content"]["parse_mode"] == "HTML"
    h.request.clear()
    h.feed(inline_update(h.bot, ""))
    [(_, params)] = h.request.calls
    assert [r["id"] for r in params["results"]] == [e.entry for e in engine.examples_in("en")]
    h.request.clear()
    h.feed(inline_update(h.bot, "who is the ceo of baidu"))
    [(_, params)] = h.request.calls
    assert params["results"] == [] and params["button"]["start_parameter"] == "inline"
