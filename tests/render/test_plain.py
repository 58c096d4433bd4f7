import json

from bot.answering.reply import Reply
from bot.render.plain import render_plain, reply_json


def test_json_contract_keeps_every_documented_key(engine):
    reply = engine.answer("how much is alibaba investing")
    data = reply_json(reply, engine.knowledge)
    assert {"question", "status", "answer", "entry", "score", "sources", "suggestions", "reply", "lang"} <= set(data)
    assert data["status"] == "answered" and data["entry"] == "pledge-amount"
    assert "100 billion yuan" in data["answer"] and data["reply"].startswith(data["answer"])
    assert data["sources"] == [{"id": "ten-actions-article", "title": engine.knowledge.sources["ten-actions-article"].title}]
    assert [s["entry"] for s in data["suggestions"]] == list(engine.knowledge.entry("pledge-amount").related)
    json.dumps(data)


def test_answer_then_its_source(shipped_knowledge):
    text = render_plain(Reply("q", "answered", entries=("pledge-amount",)), shipped_knowledge)
    answer, source = text.split("\n\n")
    assert answer == shipped_knowledge.entry("pledge-amount").answer
    assert source == "Source: Alibaba to Launch a Team to Promote China's 'Common Prosperity'"


def test_two_entries_answer_in_order_with_both_sources(shipped_knowledge):
    text = render_plain(Reply("q", "answered", entries=("fund", "foundation-upgrade")), shipped_knowledge)
    assert text.index(shipped_knowledge.entry("fund").answer) < text.index(
        shipped_knowledge.entry("foundation-upgrade").answer)
    assert text.splitlines()[-1].startswith("Sources: ") and "Tech In China, 5 September 2021" in text


def test_clarify_lists_the_choices_and_asks_again(shipped_knowledge):
    text = render_plain(Reply("q", "clarify", suggestions=("fund", "team")), shipped_knowledge)
    assert text.splitlines() == ["I'm not sure which of these you mean:",
                                 "1. What is the common prosperity development fund?",
                                 "2. Who leads the common prosperity team?", "Ask again with the one you want."]


def test_unknown_says_so_and_offers_examples_in_chinese_too(shipped_knowledge):
    text = render_plain(Reply("q", "unknown", suggestions=("team",), reason="off_topic"), shipped_knowledge)
    assert text.startswith("Sorry, I don't know.") and text.endswith("You could ask:\n- Who leads the common prosperity team?")
    zh = render_plain(Reply("问", "unknown", lang="zh", suggestions=("team",), reason="off_topic"), shipped_knowledge)
    assert zh.startswith("抱歉，我不知道。") and "你可以问：" in zh
    empty = render_plain(Reply("", "unknown", reason="empty"), shipped_knowledge)
    assert empty.startswith("Please type a question")


def test_not_stated_says_what_is_missing_then_what_the_sources_do_say(shipped_knowledge):
    reply = Reply("which day", "unknown", nearest="ten-actions", reason="not_stated", missing="date")
    lines = render_plain(reply, shipped_knowledge).split("\n")
    assert lines[0] == "My sources don't give the exact date."
    assert lines[1] == "What they do say:"
    assert shipped_knowledge.entry("ten-actions").answer in lines
    zh = render_plain(reply._replace(lang="zh"), shipped_knowledge)
    assert zh.startswith("我的资料没有提到具体日期。")


def test_a_question_about_now_is_answered_as_of_the_sources(shipped_knowledge):
    reply = Reply("is he still ceo", "answered", entries=("zhang-yong",), about_now=True)
    text = render_plain(reply, shipped_knowledge)
    assert text.startswith("My sources date from 2021 and don't cover later changes. As of then:")
    assert shipped_knowledge.entry("zhang-yong").answer in text
    assert render_plain(reply._replace(lang="zh"), shipped_knowledge).startswith("我的资料截至2021年，不涵盖此后的变化。")
