"""Browsing: /start, /actions, /topics, /help, /sources, /about, /lang and their buttons."""

from bot.tg.testing import CHINESE_CHAT, CHINESE_USER, bot_message, buttons, callback_update, message_update


def test_start_shows_examples_as_buttons_that_answer(harness, engine):
    h = harness()
    h.feed(message_update(h.bot, "/start"))
    [sent] = h.request.sent()
    assert "PledgeBot" in sent["text"]
    examples = buttons(sent)
    assert [label for label, _ in examples] == [e.text for e in engine.examples_in("en")]
    h.request.clear()
    h.feed(callback_update(h.bot, examples[0][1]))
    assert [name for name, _ in h.request.calls] == ["answerCallbackQuery", "sendMessage"]


def test_actions_lists_ten_buttons(harness):
    h = harness()
    h.feed(message_update(h.bot, "/actions"))
    [sent] = h.request.sent()
    assert [data for _, data in buttons(sent)] == [f"e:action-{n}" for n in range(1, 11)]


def test_topics_browse_by_editing_the_message(harness, engine):
    h = harness()
    h.feed(message_update(h.bot, "/topics"))
    [sent] = h.request.sent()
    topics = buttons(sent)
    assert [label for label, _ in topics] == list(engine.knowledge.topics)
    h.request.clear()
    h.feed(callback_update(h.bot, topics[0][1], message=bot_message(sent["text"])))
    [edited] = h.request.sent("editMessageText")
    entries = buttons(edited)
    assert entries[-1] == ("« All topics", "t:")
    assert all(data.startswith("e:") for _, data in entries[:-1])


def test_help_sources_and_about(harness):
    h = harness()
    for command, expected in [("/help", "/topics"), ("/sources", "Tech In China, 5 September 2021"),
                              ("/about", "entries, version")]:
        h.request.clear()
        h.feed(message_update(h.bot, command))
        [sent] = h.request.sent()
        assert expected in sent["text"], command


def test_lang_fixes_the_reply_language(harness):
    h = harness()
    h.feed(message_update(h.bot, "/lang en", user=CHINESE_USER, chat=CHINESE_CHAT))
    assert h.request.sent()[0]["text"] == "I'll answer in English."
    h.request.clear()
    h.feed(message_update(h.bot, "第三项行动是什么", user=CHINESE_USER, chat=CHINESE_CHAT))
    assert h.request.sent()[0]["text"].startswith("Action 3:")

    h.request.clear()
    h.feed(message_update(h.bot, "/lang", user=CHINESE_USER, chat=CHINESE_CHAT))
    [picker] = h.request.sent()
    assert [data for _, data in buttons(picker)] == ["l:en", "l:zh", "l:auto"]
    h.request.clear()
    h.feed(callback_update(h.bot, "l:zh", message=bot_message(picker["text"], chat=CHINESE_CHAT),
                           user=CHINESE_USER))
    assert h.request.sent("editMessageText")[0]["text"] == "我会用中文回答。"
    h.request.clear()
    h.feed(message_update(h.bot, "what is action 3", user=CHINESE_USER, chat=CHINESE_CHAT))
    assert h.request.sent()[0]["text"].startswith("行动三")

    h.request.clear()
    h.feed(message_update(h.bot, "/lang auto", user=CHINESE_USER, chat=CHINESE_CHAT))
    h.request.clear()
    h.feed(message_update(h.bot, "what is action 3", user=CHINESE_USER, chat=CHINESE_CHAT))
    assert h.request.sent()[0]["text"].startswith("Action 3:")  # follows the question again


def test_an_english_client_gets_english_commands(harness):
    h = harness()
    h.feed(message_update(h.bot, "/topics"))
    assert h.request.sent()[0]["text"].startswith("<b>Topics</b>")
    h.request.clear()
    h.feed(message_update(h.bot, "/topics", user=CHINESE_USER, chat=CHINESE_CHAT))
    topics = h.request.sent()[0]
    assert topics["text"].startswith("<b>主题</b>") and buttons(topics)[0][0] == "十大行动"
