"""What kind of fact a question asks for ("when", "how much", "who"), from its words."""

from __future__ import annotations

import re

from bot.language.frequency import zipf
from bot.language.kinds import FACT_KINDS
from bot.language.stopwords import STOPWORDS

# Question words that ask for a kind of fact (see knowledge.FACT_KINDS).
_ASKS = (
    # Instructions for the asker; the documents hold none.
    (("how", "do", "i"), "howto"),
    (("how", "can", "i"), "howto"),
    (("how", "should", "i"), "howto"),
    (("where", "can", "i"), "howto"),
    (("can", "i"), "howto"),
    (("how", "to", "apply"), "howto"),
    (("how", "do", "we"), "howto"),
    (("how", "can", "we"), "howto"),
    (("apply", "for"), "howto"),
    (("apply", "to"), "howto"),
    (("whats", "the", "process"), "howto"),
    (("what", "is", "the", "process"), "howto"),
    (("process", "to", "apply"), "howto"),
    (("sign", "up"), "howto"),
    # a span of time ("how many years between"), not a count of things ("how many shares")
    (("how", "many", "years"), "duration"),
    (("how", "many", "consecutive", "years"), "duration"),
    (("years", "between"), "duration"),  # "yrs between ZY becoming CEO and chairman?"
    (("gap", "between"), "duration"),
    (("how", "many", "months"), "duration"),
    (("how", "many"), "count"),
    (("how", "much"), "amount"),
    (("how", "big"), "amount"),
    (("how", "large"), "amount"),
    (("what", "amount"), "amount"),
    (("what", "percentage"), "amount"),
    (("what", "percent"), "amount"),
    (("what", "proportion"), "amount"),
    (("what", "share"), "amount"),
    (("what", "cut"), "amount"),  # "what cut of its revenue"
    (("what", "year"), "date"),
    (("which", "year"), "date"),
    (("which", "day"), "date"),
    (("what", "day"), "date"),
    (("which", "month"), "date"),
    (("what", "date"), "date"),
    (("how", "long"), "date"),
    (("when",), "date"),
    (("since",), "date"),
    (("date",), "date"),
    (("year",), "date"),
    (("deadline",), "date"),
    (("timeframe",), "date"),
    (("timetable",), "date"),
    # "who is it for" asks who benefits, not for a person the knowledge names
    (("for", "who"), "beneficiary"),
    (("for", "whom"), "beneficiary"),
    (("who", "is", "it", "for"), "beneficiary"),
    (("who", "benefits"), "beneficiary"),
    (("aimed", "at"), "beneficiary"),  # "who is cloud employment aimed at"
    (("targeted", "at"), "beneficiary"),
    (("meant", "for"), "beneficiary"),
    (("supposed", "to", "help"), "beneficiary"),  # "who is cloud employment supposed to help"
    (("meant", "to", "help"), "beneficiary"),
    (("meant", "to", "benefit"), "beneficiary"),
    (("supposed", "to", "benefit"), "beneficiary"),
    (("who",), "person"),
    (("which",), "which"),  # "which counties", "what crops exactly": names, not the topic
    (("exactly",), "which"),
    (("specifically",), "which"),
    (("specific",), "which"),
    (("names",), "which"),
    (("whom",), "person"),
    (("whose",), "person"),
    (("why",), "reason"),
    (("where",), "place"),
)
# Words that only say what kind of fact is wanted; they are not the topic.
KIND_WORDS = frozenset({
    "date", "dates", "year", "years", "day", "month", "since", "long",
    "percent", "percentage", "proportion", "share", "fraction", "portion", "slice", "chunk", "cut",
    "big", "large", "huge",  # "how big", "three big directions": size says what is asked, not the topic
})
ASKED_KINDS = {
    "count": frozenset({"count", "amount"}),
    "amount": frozenset({"amount", "share"}),  # "how much money": a count ("ten actions") is no amount
    "date": frozenset({"date", "year"}),
    "duration": frozenset({"duration", "date", "year"}),  # "how many years until the deadline": 2025 answers
    "person": frozenset({"person"}),
    "place": frozenset({"place"}),
    "name": frozenset({"name"}),
    "reason": frozenset(FACT_KINDS),  # any answer may give a reason
}

# "Which provinces", "what companies", 哪些高校: a question naming a class of named things asks for
# their names, a kind of fact an entry either states (Zhejiang, Haier...) or does not have.
NAMED_CLASSES = {
    "place": frozenset("""province provinces city cities county counties country countries region regions
        place places location locations town towns 省 省份 城市 市 县 国家 地区 城镇 村 村子 村庄""".split()),
    "name": frozenset("""company companies firm firms university universities college colleges institution
        institutions institute institutes organization organizations organisation organisations partner partners
        brand brands hospital hospitals outlet outlets publication publications newspaper newspapers ngo ngos
        school schools project projects course courses meeting meetings conference conferences event events
        公司 高校 大学 机构 组织 品牌 医院 媒体 项目 伙伴 学校 院校 课程 会议 大会""".split()),
    "person": frozenset("""member members executive executives people person staff
        成员 高管 人员""".split()),
}
_CLASS_OF = {word: kind for kind, words in NAMED_CLASSES.items() for word in words}
_WHICH_WORDS = frozenset({"which", "what"})
# How many words after "which" may stand before the class ("which specific counties", "what new brands").
_CLASS_REACH = 3


def counted_word(words: list[str]) -> str | None:
    """What "how many" counts, from the question's own words: of the words right after it (up
    to a function word), the first plural ("how many village medical stations": stations;
    "how many villages get homes": villages), else the last."""
    for i in range(len(words) - 1):
        if words[i] == "how" and words[i + 1] == "many":
            run = []
            for word in words[i + 2:i + 5]:
                if word in STOPWORDS:
                    break
                run.append(word)
            return next((w for w in run if len(w) > 3 and w.endswith("s") and not w.endswith("ss")),
                        run[-1] if run else None)
    return None


def asked_class(tokens: list[str]) -> str | None:
    """The kind of named thing a question asks the names of (place, name, person), if it names its class."""
    word = class_word(tokens)
    return _CLASS_OF[word] if word else None


def class_word(tokens: list[str]) -> str | None:
    """The class a question asks the names of, as it says it ("counties", 县), if it says one."""
    if _WHICH_WORDS.isdisjoint(tokens):
        return None
    for i, token in enumerate(tokens):
        if token in _WHICH_WORDS:
            for word in tokens[i + 1:i + 1 + _CLASS_REACH]:
                if word in _CLASS_OF:
                    return word
                # (a Chinese pair may start with its class: 县做 of 哪些县做规划; 市场 is a word, no 市)
                if len(word) == 2 and not word.isascii() and word[0] in _CLASS_OF and zipf(word, "zh") == 0:
                    return word[0]
    return None


# "Is it true it's 50 billion?", "by 2025 or 2030?", 是不是2000亿: the asker checks a figure they
# heard. A figure the documents never give is then the claim to correct, not a topic they lack.
_CHECK_OPENERS = frozenset("""is was are were did does do has have had will would could should can
    isnt wasnt didnt doesnt""".split())
_CHECK_WORDS = frozenset({"true", "or"})
_RIGHT = re.compile(r"\b(?:is that|is it|that's|thats|am i)\s+right\b|\bright\s*\?*\s*$")  # "..., right?"
# A sentence opening with one of these asks something, with or without a question mark.
_QUESTION_OPENERS = _CHECK_OPENERS | frozenset("""what whats how which who whom whose why when where
    tell list explain""".split())
_CHINESE_CHECK = ("吗", "嗎", "是不是", "对不对", "對不對", "还是", "還是", "真的", "系咪", "系唔系", "係咪", "係唔係", "是咪")


def checks_claim(words: list[str], folded: str) -> bool:
    """Whether the question checks something the asker heard (a yes/no or either/or question)."""
    return bool(words) and (words[0] in _CHECK_OPENERS or not _CHECK_WORDS.isdisjoint(words)) \
        or any(marker in folded for marker in _CHINESE_CHECK) or _RIGHT.search(folded) is not None


def opens_a_question(words) -> bool:
    """Whether a sentence's first word asks ("what does it pay, ...", "does the plan cover ...")."""
    return bool(words) and words[0] in _QUESTION_OPENERS


# First word -> (priority, the words) of each entry of _ASKS starting with it.
_ASKS_BY_FIRST: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
for _priority, (_words, _) in enumerate(_ASKS):
    _ASKS_BY_FIRST.setdefault(_words[0], []).append((_priority, _words))


_ASK_FIRST_WORDS = frozenset(_ASKS_BY_FIRST)


# "children who get ill": after a word that names people, "who" starts a description, not a question.
_RELATIVE_AFTER = frozenset("""children kids people those workers families anyone someone person persons
    groups residents villagers riders drivers users sellers businesses companies firms 人
    him her friend friends cousin cousins brother sister mother father mom mum dad son daughter uncle aunt
    grandma grandpa grandmother grandfather wife husband neighbour neighbor colleague colleagues""".split())


# "Which action is about jobs", "falls under which direction": which part of the plan holds
# the topic, a question the topic's own entry answers, not the names of things it lacks.
_PARTS_OF_PLAN = frozenset("""action actions direction directions pillar pillars point points item items
    number heading category""".split())  # (not "part": "which villages are part of it" asks names)
_PART_REACH = 4  # "which of the ten actions"


def _asks_part(tokens: list[str], i: int) -> bool:
    return not _PARTS_OF_PLAN.isdisjoint(tokens[i + 1:i + 1 + _PART_REACH])


# "What position did he hold when he was named head?": 'when' opens a clause of a question
# that asks something else (a wh-word came first), not a date.
_WH = frozenset({"what", "whats", "which", "who", "how"})
_CLAUSE_SUBJECTS = frozenset({"he", "she", "they", "it", "its", "the", "this", "that", "i", "we", "you", "alibaba"})


def asked_kind(tokens: list[str]) -> str | None:
    """The kind of the first entry of _ASKS (in its order) that appears anywhere in `tokens`."""
    if _ASK_FIRST_WORDS.isdisjoint(tokens):
        return None
    best = len(_ASKS)
    for i, token in enumerate(tokens):
        for priority, words in _ASKS_BY_FIRST.get(token, ()):
            if priority < best and tuple(tokens[i:i + len(words)]) == words \
                    and not (words == ("who",) and i and tokens[i - 1] in _RELATIVE_AFTER) \
                    and not (words == ("when",) and tokens[i + 1:i + 2] and (tokens[i + 1].endswith("ing") or (
                        i and tokens[0] in _WH and tokens[i + 1] in _CLAUSE_SUBJECTS))) \
                    and not (words == ("which",) and _asks_part(tokens, i)) \
                    and not (words == ("apply", "to") and "how" not in tokens[:i]) \
                    and not (words[-1] == "help" and "who" not in tokens[:i]):  # (does it apply to towns)
                best = priority
    return _ASKS[best][1] if best < len(_ASKS) else None


# "Does the plan do anything for farmers", "is there something about jobs", 有没有跟农业相关的:
# whether a whole (the plan) holds a part about a topic.
_MEMBERSHIP = re.compile(
    r"\b(?:say|says|said|do|does|did|doing|include|includes|included|have|has|had|cover|covers|mention|mentions|"
    r"offer|offers|got|is there|are there|was there)\s+(?:anything|something|any(?:thing)?\s+\w+|a part|a bit|stuff)\b"
    r"|^\W*(?:any|anything|something)\s+(?:in|on|about|for)\b"  # "anything in the ten actions about gadgets?"
    r"|有没有|有冇|有无|是否有|有否|有没|有(?:被)?提到|有(?:被)?提及", re.IGNORECASE)


def asks_membership(text: str) -> bool:
    """Whether the question asks if a whole has a part about something."""
    return _MEMBERSHIP.search(text) is not None


_YEAR = re.compile(r"(?:19|20)\d\d")
_DEADLINE_WORDS = frozenset({"until", "till", "by", "before"})


def checked_figures(words: list[str], content, asks: str | None, known_words) -> list[str]:
    """The figures a checking question heard that the knowledge never states ("is it 200
    billion?"): the answer's own figure corrects them. Not a year ("did they give more in
    2023" asks about a time the sources do not reach), unless it is a deadline checked ("is the
    deadline 2030?", "has it until 2030 to spend it?")."""
    deadline = asks == "date" or "deadlin" in content
    return [t for t in content if t.isdigit() and t not in known_words and (
        not _YEAR.fullmatch(t) or deadline
        or any(w == t and i and words[i - 1] in _DEADLINE_WORDS for i, w in enumerate(words)))]
