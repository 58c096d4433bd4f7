"""Every word the bot says itself (not the knowledge), in English and Chinese: one table.

Both renderers read it: `bot.render.plain` (terminal, JSON) and `bot.tg.render` (Telegram).
Values marked (html) carry Telegram's HTML tags and are used only there; every other value is
plain text, escaped by the HTML renderer like any other text.
"""

from __future__ import annotations

STRINGS = {
    "en": {
        "welcome": ("<b>Hi! I'm PledgeBot.</b>\nI answer questions about Alibaba's 2021 common prosperity pledges: "
                    "the 100 billion yuan Ten Actions, the 20 billion yuan fund, Zhang Yong's team and the Alibaba "
                    "Foundation's new strategy. Every answer names its source, and when my sources don't say, I tell "
                    "you.\n\nAsk in your own words, or tap an example:"),
        "help": ("<b>How to use me</b>\nType a question in your own words, e.g. <i>how much is Alibaba investing?</i> "
                 "or <i>what is the 7th action?</i>\n\n/actions: the ten actions\n/topics: browse everything I know\n"
                 "/sources: my two documents\n/ask <i>question</i>: ask anywhere, also in groups\n"
                 "/lang: English or Chinese\n/about: about this bot\n\nIn a group, mention me or reply to me. In any "
                 "chat, type <code>@{bot} question</code> to share an answer."),
        "actions": "<b>The ten actions</b>\nTap one for the details:",
        "topics": "<b>Topics</b>\nPick one to see what I can tell you.",
        "topic": "<b>{topic}</b>\nTap a question:",
        "all_topics": "« All topics",
        "sources_heading": "<b>My sources</b>\nEvery answer comes from these documents:",
        "about": ("<b>PledgeBot {version}</b>\nAnswers questions about Alibaba's common prosperity pledges from a "
                  "curated, cited knowledge base ({entries} entries, version {knowledge}). It says so when it "
                  "doesn't know, rather than guess."),
        "ask_usage": "Put your question after the command, e.g. <code>/ask who leads the team?</code>",
        "text_only": "I answer text questions about Alibaba's common prosperity pledges. Type your question.",
        "rate_notice": ("You're asking faster than I can keep up. I'll answer again in a minute; questions sent "
                        "until then are skipped."),
        "error": "Sorry, something went wrong on my side. Please try again in a moment.",
        "stale": "This button is out of date. Ask me again, or browse with /topics.",
        "thanks": "Thanks for the feedback!",
        "rated": "You already rated this answer. Thanks!",
        "browse": "Browse topics",
        # replies to questions
        "sorry": "Sorry, I don't know. My sources don't cover that.",
        "type_a_question": "Please type a question about Alibaba's common prosperity pledges.",
        "scope": ("I know about the 100 billion yuan Ten Actions, the 20 billion yuan fund, Zhang Yong's team and "
                  "the Alibaba Foundation."),
        "try_these": "You could ask:",
        "try_or_browse": "Try one of these, or browse with /topics.",
        "clarify_one": "I'm not sure I understood. Did you mean this?",
        "clarify_many": "I'm not sure which of these you mean:",
        "ask_again": "Ask again with the one you want.",
        "tap_one": "Tap the one you want.",
        "source": "Source: {sources}",
        "sources": "Sources: {sources}",
        "source_separator": "; ",
        "not_stated": "My sources don't give {what}.",
        "what_they_say": "What they do say:",
        "as_of": "My sources date from {year} and don't cover later changes. As of then:",
        "missing_date": "the exact date",
        "missing_amount": "that amount",
        "missing_count": "that number",
        "missing_duration": "how long that was",
        "missing_person": "who that is",
        "missing_place": "those exact places",
        "missing_name": "their names",
        "missing_list": "that list",
        "missing_status": "how far it has got since",
        "missing_reason": "that reason",
        "missing_detail": "that detail",
        "missing_age": "anyone's age",
        "missing_salary": "anyone's pay",
        "missing_headcount": "a headcount",
        "missing_finances": "figures such as revenue, profit or share price",
        "missing_succession": "who came before or after anyone",
        "missing_education": "anyone's education",
        "missing_origin": "where anyone comes from",
        "missing_earlier": "anyone's career before the roles they name",
        "missing_yearly": "a breakdown by year",
        "missing_total": "how much has been given or spent in all",
        "missing_which": "the names",
        "inline_none": "No answer in my sources. Open the bot",
        "lang_pick": "Which language should I answer in?",
        "lang_set": "I'll answer in English.",
        "lang_auto": "I'll answer in the language of each question.",
    },
    "zh": {
        "welcome": ("<b>你好！我是PledgeBot。</b>\n我回答关于阿里巴巴2021年共同富裕承诺的问题：1000亿元的“十大行动”、"
                    "200亿元的共同富裕发展基金、张勇领导的工作组，以及阿里巴巴公益基金会的新战略。每个回答都注明出处；"
                    "资料里没有的内容，我会直接告诉你。\n\n直接提问，或点一个例子："),
        "help": ("<b>使用方法</b>\n直接输入问题，例如<i>阿里巴巴投资多少钱？</i>或<i>第七项行动是什么？</i>\n\n"
                 "/actions：十大行动\n/topics：按主题浏览\n/sources：我的两份资料\n/ask <i>问题</i>：在任何地方提问，"
                 "群组里也可以\n/lang：英文或中文\n/about：关于本机器人\n\n在群组里，请@我或回复我的消息。在任何聊天中，"
                 "输入 <code>@{bot} 问题</code> 即可分享回答。"),
        "actions": "<b>十大行动</b>\n点一项查看详情：",
        "topics": "<b>主题</b>\n选一个主题，看看我能回答什么。",
        "topic": "<b>{topic}</b>\n点一个问题：",
        "all_topics": "« 全部主题",
        "sources_heading": "<b>我的资料来源</b>\n每个回答都来自以下文章：",
        "about": ("<b>PledgeBot {version}</b>\n根据经过整理、注明出处的知识库回答关于阿里巴巴共同富裕承诺的问题"
                  "（{entries}个条目，版本{knowledge}）。不知道的时候，它会直说，而不是猜。"),
        "ask_usage": "请在命令后写上问题，例如 <code>/ask 谁领导工作组？</code>",
        "text_only": "我只回答关于阿里巴巴共同富裕承诺的文字问题。请输入你的问题。",
        "rate_notice": "你提问太快了，我跟不上。一分钟后我会继续回答；在此之前发送的问题将被跳过。",
        "error": "抱歉，我这边出了点问题。请稍后再试。",
        "stale": "这个按钮已经过期。请重新提问，或用 /topics 浏览。",
        "thanks": "谢谢你的反馈！",
        "rated": "你已经评价过这个回答了，谢谢！",
        "browse": "浏览主题",
        # replies to questions
        "sorry": "抱歉，我不知道。我的资料里没有这方面的内容。",
        "type_a_question": "请输入一个关于阿里巴巴共同富裕承诺的问题。",
        "scope": "我了解1000亿元的“十大行动”、200亿元的共同富裕发展基金、张勇领导的工作组以及阿里巴巴公益基金会。",
        "try_these": "你可以问：",
        "try_or_browse": "试试下面的问题，或用 /topics 浏览。",
        "clarify_one": "我不太确定是否理解了你的问题。你是想问这个吗？",
        "clarify_many": "我不太确定你指的是哪一个：",
        "ask_again": "请换个问法，问你想知道的那一个。",
        "tap_one": "请点你想问的那一个。",
        "source": "来源：{sources}",
        "sources": "来源：{sources}",
        "source_separator": "；",
        "not_stated": "我的资料没有提到{what}。",
        "what_they_say": "资料里说的是：",
        "as_of": "我的资料截至{year}年，不涵盖此后的变化。当时的情况是：",
        "missing_date": "具体日期",
        "missing_amount": "这个金额",
        "missing_count": "这个数字",
        "missing_duration": "这段时间有多长",
        "missing_person": "具体是谁",
        "missing_place": "具体地点",
        "missing_name": "具体名称",
        "missing_list": "具体名单",
        "missing_status": "此后的进展",
        "missing_reason": "这个原因",
        "missing_detail": "这个细节",
        "missing_age": "年龄",
        "missing_salary": "薪酬",
        "missing_headcount": "人数",
        "missing_finances": "营收、利润或股价等数字",
        "missing_succession": "前任或继任者",
        "missing_education": "教育背景",
        "missing_origin": "籍贯或出身地",
        "missing_earlier": "此前的履历",
        "missing_yearly": "每年的具体数额",
        "missing_total": "累计捐出或花掉的总额",
        "missing_which": "具体名单",
        "inline_none": "我的资料里没有答案，打开机器人",
        "lang_pick": "你希望我用哪种语言回答？",
        "lang_set": "我会用中文回答。",
        "lang_auto": "我会用每个问题的语言回答。",
    },
}
COMMAND_DESCRIPTIONS = {
    "en": {"start": "Welcome and example questions", "help": "How to ask", "actions": "The ten actions",
           "topics": "Browse everything I know", "sources": "The documents my answers come from",
           "ask": "Ask a question (works in groups too)", "lang": "Answer in English or Chinese",
           "about": "About this bot"},
    "zh": {"start": "欢迎和示例问题", "help": "如何提问", "actions": "十大行动", "topics": "按主题浏览",
           "sources": "回答的资料来源", "ask": "提问（群组里也可用）", "lang": "用英文或中文回答", "about": "关于本机器人"},
}




def text(lang: str, key: str, **values) -> str:
    template = STRINGS.get(lang, STRINGS["en"])[key]
    return template.format(**values) if values else template
