"""Questions: private, in groups, /ask, and what answers offer back (choices, 👍/👎)."""

import sqlite3

import pytest

from bot.answering.engine import Engine
from bot.knowledge.loader import load_knowledge
from bot.tg import questions
from bot.tg.testing import (CHINESE_CHAT, CHINESE_USER, GROUP, USER, bot_message, buttons, callback_update,
                            message_update)

ADMIN = USER["id"]


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
    assert choice["text"] == "我不太确定你指的是哪一个：\n\n请点你想问的那一个。"
    shown = bot_message(choice["text"], chat=CHINESE_CHAT, reply_markup=choice["reply_markup"])
    h.request.clear()
    h.feed(callback_update(h.bot, buttons(choice)[0][1], message=shown, user=CHINESE_USER))
    [edited] = h.request.sent("editMessageText")
    assert "行动九" in edited["text"] and "来源：" in edited["text"]


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
    gaps = "\n".join(s["text"] for s in h.request.sent())
    assert "2× <i>" in gaps and "CFO" in gaps.upper()


def test_feedback_buttons_record_once_and_disappear(harness):
    h = harness()
    h.feed(message_update(h.bot, "what is action 3"))
    [sent] = h.request.sent()
    thumbs_up = sent["reply_markup"]["inline_keyboard"][-1][0]["callback_data"]
    assert thumbs_up == "f:+:action-3"
    from bot.tg.testing import bot_message, callback_update

    [sent_id] = h.request.sent_ids()  # the message the bot sent
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


def test_a_detail_the_sources_lack_is_declined_with_what_they_do_say_and_a_button(harness):
    h = harness()
    h.feed(message_update(h.bot, "which counties exactly will the commissioners go to?"))
    [sent] = h.request.sent()
    entry = h.app.bot_data.engine.knowledge.entry("foundation-commissioners")
    assert sent["text"].startswith("The article names no counties")  # the maintainers' line for this gap
    assert "What they do say:" in sent["text"] and entry.answer.split(" ")[1] in sent["text"]
    assert "<i>Source:" in sent["text"]
    assert buttons(sent) == [(buttons(sent)[0][0], "e:foundation-commissioners")]  # the entry, to read on


@pytest.mark.parametrize("english_q, chinese_q, english_start, chinese_start, nearest, topic", [
    ("what is zhang yong's salary?", "张勇的工资是多少？", "My sources don't give anyone's pay.", "我的资料没有提到薪酬。",
     "zhang-yong", ("Zhang Yong", "张勇")),
    ("which hospitals are in the cloud medical community?", "云上医共体跟哪些医院合作？",  # names of a class
     "My sources don't give their names.", "我的资料没有提到具体名称。", "foundation-medical", ("medical", "医共体")),
])
def test_a_missing_detail_says_what_is_missing_in_both_languages_with_the_nearest_entry(
        harness, english_q, chinese_q, english_start, chinese_start, nearest, topic):
    h = harness()
    h.feed(message_update(h.bot, english_q))
    h.feed(message_update(h.bot, chinese_q, user=CHINESE_USER, chat=CHINESE_CHAT))
    english, chinese = h.request.sent()
    assert english["text"].startswith(english_start) and "What they do say:" in english["text"]
    assert chinese["text"].startswith(chinese_start)
    assert topic[0] in english["text"] and topic[1] in chinese["text"]  # what the sources do say about it
    assert [data for _, data in buttons(english)] == [f"e:{nearest}"]


def test_a_question_about_now_is_answered_as_of_the_sources_in_both_languages(harness):
    h = harness()
    h.feed(message_update(h.bot, "who is the current ceo of alibaba?"))
    h.feed(message_update(h.bot, "阿里巴巴现在的首席执行官是谁？", user=CHINESE_USER, chat=CHINESE_CHAT))
    english, chinese = h.request.sent()
    assert english["text"].startswith("My sources date from 2021 and don't cover later changes. As of then:")
    assert "At the time of the pledge, Zhang Yong was" in english["text"]
    assert chinese["text"].startswith("我的资料截至2021年，不涵盖此后的变化。") and "时任" in chinese["text"]
