"""What a question can ask for: the kinds of fact the knowledge states, the attributes it
never states, and the words that ask about today.

An attribute ("how old", "salary", "has it been spent yet") is something the sources give of
nothing: a question asking one is declined with what the sources do say. Words are matched
on the question's own words (English) or characters (Chinese), before stopwords are dropped.
"""

from __future__ import annotations

import datetime
import re

from bot.language.stopwords import STOPWORDS
from bot.language.words import surface_tokens

FACT_KINDS = ("amount", "date", "year", "count", "duration", "share", "person", "name", "place")

# attribute -> (English word sequences, Chinese substrings) that ask for it
ATTRIBUTES: dict[str, tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]] = {
    "age": ((("how", "old"), ("age",), ("born",), ("birthday",), ("birth",)),
            ("年龄", "多大年纪", "几岁", "出生", "生日", "哪年生")),
    "salary": ((("salary",), ("salaries",), ("paid",), ("earn",), ("earns",), ("wage",), ("monthly", "pay"),
                ("annual", "pay"), ("his", "pay"), ("their", "pay"), ("pay", "of"),
                ("compensation",), ("net", "worth")),
               ("工资", "薪水", "年薪", "薪酬", "收入多少", "身价")),
    "status": ((("so", "far"), ("to", "date"), ("yet",), ("progress",), ("status",), ("achieved",),
                ("results",), ("outcome",), ("outcomes",), ("already",), ("how", "far"),
                ("hit", "the"), ("hit", "its"), ("met", "the", "target"), ("meet", "the", "target"), ("met", "its"),
                ("reached", "the", "target"), ("actually", "spent"), ("did", "they", "deliver"),
                ("manage", "to"), ("managed", "to")),
               ("进展", "进度", "成效", "效果如何", "完成了吗", "投完了吗", "花完", "到目前为止", "迄今", "已经投",
                "到现在", "已经花", "花出去", "花了多少", "投了多少", "建了多少", "建成了", "完成了多少", "覆盖到了",
                "投完没", "投了哪些", "效果咋样", "效果怎么样", "已经建成", "建成几", "达成目标", "实现目标", "兑现",
                "投完了没", "花完了没", "完成了没", "完成情况", "建好", "已经建", "建咗", "已经拨付", "已拨付", "拨付了多少", "拨了多少", "发放了多少",
                "已经发放", "到位了多少", "用掉了多少", "落实情况", "执行情况", "完成得怎么样", "完成得咋样",
                "做得怎么样", "搞得怎么样", "完成咗", "投咗几多", "做咗几多", "用咗几多", "花咗几多")),  # (Cantonese 咗: done)
    # How much has been given or spent in all: the sources give shares and pledges, no totals paid out.
    "total": ((("given", "in", "total"), ("spent", "in", "total"), ("donated", "in", "total"),
               ("given", "in", "all"), ("spent", "in", "all"), ("donated", "in", "all")),
              ("一共捐了", "总共捐了", "一共花了", "总共花了", "累计捐了", "累计花了", "一共捐咗", "总共捐咗")),
    "headcount": ((("employees",), ("staff",), ("headcount",), ("people", "work")),
                  ("员工", "多少人", "几个人", "成员有")),
    "finances": ((("alibaba", "worth"), ("company", "worth"), ("group", "worth"), ("it", "worth"), ("valuation",), ("market", "cap"), ("market", "value"), ("share", "price"),
                  ("profit",), ("profits",), ("valued",), ("operating", "income"), ("revenue",), ("revenues",),
                  ("turnover",)),
                 ("市值", "估值", "股价", "营收", "营业额", "利润", "营业收入是多少")),
    "succession": ((("predecessor",), ("successor",), ("replace",), ("replaced",), ("succeed",), ("succeeded",),
                    ("ceo", "before"), ("chairman", "before"), ("before", "him"), ("after", "him"), ("previous",),
                    ("former",), ("next", "ceo"), ("step", "down"), ("stepped", "down"), ("steps", "down"),
                    ("resign",), ("resigned",), ("retire",), ("retired",), ("ceo", "after"), ("chairman", "after"), ("before", "zhang"),
                    ("after", "zhang"), ("over", "from"), ("after", "he", "left"), ("who", "replaced"),
                    ("stop", "being"), ("stopped", "being"), ("quit",), ("quitted",)),
                   ("接班", "继任", "前任", "下一任", "之前的ceo", "之前阿里的ceo", "之前的阿里ceo", "之前的首席执行官", "之后的ceo", "取代", "卸任", "辞职", "离任", "退休")),
    # A sum per year: no source splits the pledge or the fund by year (the foundation's share of
    # income is yearly: its entry's questions ask so, and so it answers).
    "yearly": ((("each", "year"), ("per", "year"), ("every", "year"), ("a", "year"), ("annually",), ("yearly",),
                ("year", "by", "year"),
                ("per", "annum")),
               ("每年", "每一年", "年均")),
    # What anyone did before joining Alibaba, or when they joined: the sources start in 2015.
    # ("when did he join": see asked_attribute)
    "earlier": ((("before", "joining"), ("before", "he", "joined"), ("before", "alibaba")),
                ("加入阿里之前", "加入阿里巴巴之前", "哪年加入", "哪一年加入", "几时加入", "什么时候加入", "时候加入",
                 "哪年进阿里", "进阿里之前", "以前在哪", "之前在哪家", "之前在哪里工作")),
    "origin": ((("where", "is", "he", "from"), ("where", "was", "he", "from"), ("hometown",), ("home", "town"),
                ("grew", "up"), ("nationality",)),
               ("哪里人", "籍贯", "出生地", "哪儿人")),
    "education": ((("university",), ("college",), ("degree",), ("studied",), ("graduate",), ("graduated",),
                   ("did", "he", "study"), ("alma", "mater")),
                  ("大学", "学历", "毕业于", "读书", "学校毕业", "哪里毕业", "毕业的")),
}
# Titles: a role the knowledge never mentions ("president", "CFO") is a name the bot cannot
# answer for, however common the word, never a filler to skip.
ROLE_TITLES = frozenset("""
president vice chairman chairwoman chair founder cofounder co-founder ceo cfo cto coo cmo cio cso
chief director directors manager secretary treasurer spokesman spokeswoman spokesperson
head boss owner partner executive executives officer minister governor mayor premier
""".split())
# A full name as people write one: "Jack Ma", "Pony Ma" (a capitalised run).
PERSON_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")


def person_named(text: str, known_words: frozenset[str]) -> tuple[str, ...]:
    """The words of the one full name the text gives that the knowledge does not know
    ("Jack Ma"), or () if it gives none, or more than one."""
    people = []
    for run in PERSON_NAME.findall(text):
        words = [w for w in surface_tokens(run) if w not in STOPWORDS]
        if len(words) >= 2 and not any(w in known_words or w in ROLE_TITLES for w in words):
            people.append(tuple(words))
    return people[0] if len(people) == 1 else ()


def checked_person(text: str, known_words: frozenset[str], foreign: list[str], names: set[str],
                   unknown_terms: list[str]) -> tuple[str, ...]:
    """The one person a checking question names in a role ("Is Jack Ma heading the team?"; in
    Chinese, with no capitals, the one term the knowledge does not know: 组长是马云吗), or ()."""
    if unknown_terms:
        return (unknown_terms[0],) if len(unknown_terms) == 1 and not {w for w in foreign if w in names} else ()
    person = person_named(text, known_words)
    return person if person and {w for w in foreign if w in names} <= set(person) else ()


# Words that ask about today, years after the sources were written.
NOW_WORDS: tuple[tuple[tuple[str, ...], ...], tuple[str, ...]] = (
    (("now",), ("currently",), ("current",), ("still",), ("today",), ("nowadays",), ("these", "days"), ("rn",),
     ("at", "present"), ("presently",), ("anymore",), ("latest",)),
    ("现在", "目前", "如今", "当前", "现任", "仍然", "依然", "还在", "至今", "今天",
     "而家", "仲系", "仲喺"),  # Cantonese: now, still is, still at (folded to simplified: 仲係 -> 仲系)
)


class _Table:
    """A table's English sequences indexed by their first word, so a question is checked only
    for sequences that start with one of its words (this runs for every phrasing at build time)."""

    def __init__(self, table):
        english, self.chinese = table
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for sequence in english:
            self.by_first.setdefault(sequence[0], []).append(sequence)
        self.order = {sequence: n for n, sequence in enumerate(english)}

    def find(self, words: list[str], text: str) -> tuple[str, ...]:
        """The table's first sequence (in its order) found in the question, or its first Chinese term."""
        found = None
        if self.by_first.keys().isdisjoint(words):  # the common case, checked in C
            words = ()
        for i, word in enumerate(words):
            for sequence in self.by_first.get(word, ()):
                if tuple(words[i:i + len(sequence)]) == sequence and (
                        found is None or self.order[sequence] < self.order[found]):
                    found = sequence
        if found:
            return found
        if text.isascii():
            return ()
        return next(((term,) for term in self.chinese if term in text), ())


# "What share of its revenue goes to the foundation" asks the share, which the sources give, not
# the revenue, which they do not ("what was its revenue, so what does 0.3% come to").
_SHARE_OF = re.compile(r"千分之|百分之|比例|%|‰|percent|thousandth|share of|proportion|营收的|收入的|利润的|"
                       r"抽成|提成|多少营收|占营收|营收里抽|营收一部分|营收中抽|营业收入几多比例|how much of|cut of|tied to|based on|"
                       r"pegged to|out of|"
                       r"\bfrom (?:its |the |alibaba'?s )?(?:annual )?(?:operating )?(?:revenue|income|profits?)\b|"
                       r"\bof (?:its |the |alibaba'?s )?(?:annual )?(?:operating )?(?:revenue|income|profits?)\b")
_FIGURE_OF = re.compile(r"(?<![占佔])(?:营收|营业额|收入|利润)(?:是|有)?多少(?!比例)|(?:how much|what) (?:is|was) (?:its|alibaba'?s|the) "
                        r"(?:annual )?(?:operating )?(?:revenue|income)"
                        r"|千分之\S{1,2}[^？?，,]{0,8}多少钱")  # 千分之三每年是多少钱: the money the share comes to
_ATTRIBUTE_TABLES = {attribute: _Table(table) for attribute, table in ATTRIBUTES.items()}
# "Has it been spent?", "have they built them": asking what has happened since, not what was planned.
_PERFECT = frozenset({"has", "have", "had", "hasnt", "havent", "hadnt"})
_DONE = frozenset({"spent", "invested", "built", "completed", "finished", "achieved", "delivered", "disbursed",
                   "reached", "hit", "met", "used", "opened", "created", "set"})
_PLANNED = frozenset({"to", "must", "should", "will", "would"})
# Asked when someone joined: the sources name roles from 2015 on, never when anyone joined.
_WHEN_JOINED = frozenset({"when", "year"})
_JOINED = frozenset({"join", "joined"})
_FIRST_WORDS = frozenset(w for table in _ATTRIBUTE_TABLES.values() for w in table.by_first) | _PERFECT | _WHEN_JOINED
_NOW_TABLE = _Table(NOW_WORDS)


def asked_attribute(words: list[str], text: str) -> tuple[str | None, tuple[str, ...]]:
    """(the attribute a question asks for, the words that ask it), or (None, ()):
    `words` are the question's folded words, `text` its folded, simplified text."""
    if _FIRST_WORDS.isdisjoint(words) and text.isascii():  # most questions and phrasings: nothing to find
        return None, ()
    for attribute, table in _ATTRIBUTE_TABLES.items():
        found = table.find(words, text)
        if found and not (attribute == "finances" and _SHARE_OF.search(text) and not _FIGURE_OF.search(text)):
            return attribute, found
    for i, word in enumerate(words):
        joined = [w for w in words[i + 1:i + 6] if w in _JOINED] if word in _WHEN_JOINED else []
        if joined:  # "when did zhang yong join", "what year did he join weibo's board"
            return "earlier", (word, joined[0])
        if word in _PERFECT and _PLANNED.isdisjoint(words[max(0, i - 3):i]):  # "has alibaba actually spent"; not
            # "is supposed to have invested by 2025" or "must it have spent by when", which ask the plan
            done = [w for w in words[i + 1:i + 6] if w in _DONE]
            if done:
                return "status", (word, done[0])
    return None, ()


def asks_about_now(words: list[str], text: str) -> bool:
    return bool(_NOW_TABLE.find(words, text))


def this_year() -> str:
    """The current year, as a question writes it ("what is happening in 2026")."""
    return str(datetime.date.today().year)
