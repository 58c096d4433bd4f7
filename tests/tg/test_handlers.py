import logging

from bot.answering.engine import Engine
from bot.knowledge.loader import load_knowledge
from bot.tg import callbacks, errors, questions
from bot.tg.testing import GROUP, BOT_USER, bot_message, buttons, callback_update, inline_update, message_update


def test_private_question_gets_answer_source_and_follow_up_buttons(harness):
    h = harness()
    h.feed(message_update(h.bot, "how much is alibaba investing?"))
    [sent] = h.request.sent()
    assert sent["parse_mode"] == "HTML"
    assert "100 billion yuan" in sent["text"]
    assert "<i>Source: Alibaba to Launch a Team" in sent["text"]
    rows = sent["reply_markup"]["inline_keyboard"]
    follow_ups = [row[0] for row in rows[:-1]]
    assert 1 <= len(follow_ups) <= 3
    assert all(b["callback_data"].startswith("e:") for b in follow_ups)
    assert [b["text"] for b in rows[-1]] == ["👍", "👎"]
    assert all(len(data.encode()) <= 64 for _, data in buttons(sent))
    assert "reply_parameters" not in sent  # no quoting in a private chat


def test_unknown_says_so_and_offers_examples_and_topics(harness):
    h = harness()
    h.feed(message_update(h.bot, "Who is the CEO of Baidu?"))
    [sent] = h.request.sent()
    assert "don't know" in sent["text"] and "/topics" in sent["text"]
    labels = [label for label, _ in buttons(sent)]
    assert labels[-1] == "Browse topics"
    assert len(labels) == 4


def test_clarify_buttons_answer_the_chosen_entry_in_place(harness):
    h = harness()
    h.feed(message_update(h.bot, "what does the foundation do for poor counties"))
    [sent] = h.request.sent()
    choices = buttons(sent)
    assert len(choices) >= 2 and all(data.startswith("c:") for _, data in choices)
    h.request.clear()
    question_message = bot_message(sent["text"], reply_markup=sent["reply_markup"])
    h.feed(callback_update(h.bot, choices[0][1], message=question_message))
    assert [name for name, _ in h.request.calls] == ["answerCallbackQuery", "editMessageText"]
    [edited] = h.request.sent("editMessageText")
    assert edited["message_id"] == question_message["message_id"]
    assert "<i>Source" in edited["text"]


def test_group_messages_are_ignored_unless_addressed(harness):
    h = harness()
    h.feed(message_update(h.bot, "how much is alibaba investing?", chat=GROUP))
    assert h.request.calls == []


def test_group_mention_and_reply_are_answered_with_a_quote(harness):
    h = harness()
    h.feed(message_update(h.bot, "@PledgeTestBot how much is alibaba investing?", chat=GROUP))
    [sent] = h.request.sent()
    assert "100 billion yuan" in sent["text"]
    assert sent["reply_parameters"]["message_id"]
    h.request.clear()
    h.feed(message_update(h.bot, "and who leads the team?", chat=GROUP, reply_to=bot_message(chat=GROUP)))
    [sent] = h.request.sent()
    assert "Zhang Yong" in sent["text"]


def test_ask_command_works_in_groups_and_explains_itself_when_empty(harness):
    h = harness()
    h.feed(message_update(h.bot, "/ask@PledgeTestBot what is the seventh action", chat=GROUP))
    [sent] = h.request.sent()
    assert "Action 7" in sent["text"]
    h.request.clear()
    h.feed(message_update(h.bot, "/ask", chat=GROUP))
    [sent] = h.request.sent()
    assert "Put your question after the command" in sent["text"]


def test_start_shows_examples_as_buttons_that_answer(harness, engine):
    h = harness()
    h.feed(message_update(h.bot, "/start"))
    [sent] = h.request.sent()
    assert "PledgeBot" in sent["text"]
    examples = buttons(sent)
    assert [label for label, _ in examples] == [e.question for e in engine.examples_in("en")]
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


def test_stale_or_forged_buttons_get_a_polite_answer(harness, caplog):
    h = harness()
    for data in ("garbage", "e:no-such-entry", "t:99", "t:x", "c:", "x:1"):
        h.request.clear()
        h.feed(callback_update(h.bot, data))
        [(name, params)] = h.request.calls
        assert name == "answerCallbackQuery"
        assert params["text"] == callbacks.STALE_BUTTON
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_non_text_messages(harness):
    h = harness()
    h.feed(message_update(h.bot, None, sticker={"file_id": "s", "file_unique_id": "u", "width": 1, "height": 1,
                                                "is_animated": False, "is_video": False, "type": "regular"}))
    [sent] = h.request.sent()
    assert sent["text"] == questions.TEXT_ONLY
    h.request.clear()
    h.feed(message_update(h.bot, None, chat=GROUP, photo=[{"file_id": "p", "file_unique_id": "u", "width": 1,
                                                           "height": 1}]))
    assert h.request.calls == []


def test_answers_are_escaped_and_long_ones_split(harness, tiny_knowledge):
    folder = tiny_knowledge()
    facts = folder / "facts.yaml"
    facts.write_text(facts.read_text().replace(
        "100 billion yuan", '"<b>100</b> & <i>more</i> ' + "x" * 5000 + '"\n  zh: 很多', 1))
    h = harness(Engine(load_knowledge(folder)))
    h.feed(message_update(h.bot, "how much is invested"))
    sent = h.request.sent()
    texts = [s["text"] for s in sent]
    assert len(texts) >= 2
    assert all(len(t) <= 4096 for t in texts)
    assert texts[0].startswith("The total is &lt;b&gt;100&lt;/b&gt; &amp; &lt;i&gt;more&lt;/i&gt;")
    assert "".join(texts).count("x") == 5000
    assert texts[-1].endswith("</i>")  # the source line closes the answer
    assert all("reply_markup" not in s for s in sent[:-1]) and buttons(sent[-1])


def test_questions_over_the_limit_get_one_notice_then_silence(harness):
    h = harness(questions_per_minute=2)
    for _ in range(4):
        h.feed(message_update(h.bot, "what is action 3"))
    texts = [s["text"] for s in h.request.sent()]
    assert len(texts) == 3
    assert "faster than I can keep up" in texts[2]


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


def test_bot_user_is_the_fake_one(harness):
    assert harness().bot.username == BOT_USER["username"]


CHINESE_USER = {"id": 8, "is_bot": False, "first_name": "李", "language_code": "zh-hans"}
CHINESE_CHAT = {"id": 8, "type": "private", "first_name": "李"}


def test_a_chinese_conversation(harness):
    h = harness()
    h.feed(message_update(h.bot, "/start", user=CHINESE_USER, chat=CHINESE_CHAT))
    [welcome] = h.request.sent()
    assert welcome["text"].startswith("<b>你好！我是PledgeBot。</b>")
    assert [label for label, _ in buttons(welcome)][0] == "阿里巴巴为共同富裕投资多少钱？"

    h.request.clear()
    h.feed(message_update(h.bot, "阿里巴巴投资多少钱？", user=CHINESE_USER, chat=CHINESE_CHAT))
    [answer] = h.request.sent()
    assert "1000亿元" in answer["text"] and "<i>来源：" in answer["text"]
    assert all(any("\u4e00" <= c <= "\u9fff" for c in label) for label, data in buttons(answer) if data.startswith("e:"))

    h.request.clear()
    h.feed(message_update(h.bot, "医疗", user=CHINESE_USER, chat=CHINESE_CHAT))
    [choice] = h.request.sent()
    assert choice["text"] == "我不太确定你指的是哪一个，请点一个："
    shown = bot_message(choice["text"], chat=CHINESE_CHAT, reply_markup=choice["reply_markup"])
    h.request.clear()
    h.feed(callback_update(h.bot, buttons(choice)[0][1], message=shown, user=CHINESE_USER))
    [edited] = h.request.sent("editMessageText")
    assert "行动九" in edited["text"] and "来源：" in edited["text"]


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
