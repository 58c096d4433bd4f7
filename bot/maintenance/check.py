"""`pledgebot check`: everything wrong with a knowledge folder, one check per function.

Each check takes what it needs and returns a list of `Problem`s; `check_knowledge`
runs them all and never stops at the first. Structural problems come from the
loader; the checks here need the loaded knowledge or the engine itself.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.language.chinese import has_chinese
from bot.answering.engine import Engine
from bot.knowledge.model import Knowledge
from bot.knowledge.loader import FACTS_FILE, PLACEHOLDER, SOURCES_FILE, LoadResult, read_knowledge
from bot.knowledge.problems import Problem
from bot.language.numerals import CHINESE_NUMERAL_CHARS, MONTH_ABBREVIATIONS, MONTH_NAMES
from bot.maintenance.check_answers import check_answers

MIN_PHRASINGS = 4
# Telegram allows 4,096 characters; an answer should be a short paragraph.
MAX_ANSWER_CHARS = 700


DEFERRED_NOTE = ("The deeper checks (how the bot answers each question, examples, unused facts) "
                 "run once these errors are fixed.")


def check_knowledge(directory: Path) -> list[Problem]:
    """Every problem in the folder, errors and warnings, sorted by file and line."""
    return check_loaded(read_knowledge(directory))


def check_loaded(result: LoadResult) -> list[Problem]:
    """Every problem of knowledge already read: the loader's and the checks' below."""
    problems = list(result.problems)
    knowledge = result.knowledge
    if knowledge is not None:
        problems += check_entry_sources_cover_facts(knowledge)
        problems += check_related_not_self(knowledge)
        problems += check_phrasing_count(knowledge)
        problems += check_answer_length(knowledge)
        problems += check_answer_figures(knowledge)
        problems += check_chinese_answer_figures(knowledge)
        problems += check_both_languages(knowledge)
        # Entries dropped for their own errors would make used facts look unused and
        # their questions look unanswered: the deeper checks wait until those are fixed.
        if not result.errors:
            problems += check_unused_facts(knowledge)
            problems += check_unused_sources(knowledge)
        if knowledge.entries and not result.errors:
            problems += check_answers(knowledge, Engine(knowledge))
    return sorted(set(problems))


def check_entry_sources_cover_facts(knowledge: Knowledge) -> list[Problem]:
    problems = []
    for entry in knowledge.entries:
        for fact_id in entry.facts:
            source = knowledge.facts[fact_id].source
            if source not in entry.sources:
                problems.append(Problem(
                    entry.location.file, entry.location.line, entry.id,
                    f"the answer states {{{fact_id}}} from '{source}', which is not in the entry's sources.",
                    f"add {source} to its sources.",
                ))
    return problems


def check_related_not_self(knowledge: Knowledge) -> list[Problem]:
    return [
        Problem(e.location.file, e.location.line, e.id, "the entry lists itself as related.",
                "remove its own id from 'related'.")
        for e in knowledge.entries if e.id in e.related
    ]


def check_phrasing_count(knowledge: Knowledge) -> list[Problem]:
    return [
        Problem(e.location.file, e.location.line, e.id,
                f"the entry has {len(e.questions)} question(s); people ask in more ways than that.",
                f"add phrasings until it has at least {MIN_PHRASINGS}: a keyword query, a full "
                "question, a casual one.", "warning")
        for e in knowledge.entries if len(e.questions) < MIN_PHRASINGS
    ]


def check_answer_length(knowledge: Knowledge) -> list[Problem]:
    return [
        Problem(e.location.file, e.location.line, e.id,
                f"the answer is {len(e.answer)} characters long; a chat answer should be short.",
                f"cut it to at most {MAX_ANSWER_CHARS} characters, or split it into two entries.", "warning")
        for e in knowledge.entries if len(e.answer) > MAX_ANSWER_CHARS
    ]


# Figures and dates an answer may not state in its own words: they belong in facts.yaml.
_MONTHS = "|".join(MONTH_NAMES + MONTH_ABBREVIATIONS)
_UNITS = r"(?:\s*(?:billion|million|thousand|bn|%|percent|per cent|yuan|rmb|dollars|usd|villages|years))*"
_FIGURE = re.compile(
    rf"\$?\d[\d,.]*{_UNITS}"  # 100 billion yuan, $15.49, 2025, 3,000 villages
    rf"|\b(?:{_MONTHS})\b(?:\s+\d{{1,2}}\b)?(?:,?\s+\d{{4}})?"  # May 2015, September 4
    rf"|\b(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
    rf"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|thousandths?)\b{_UNITS}",
    re.IGNORECASE,
)
# Item numbers such as "Action 3" or "(10)" are labels, not figures.
_LABEL = re.compile(r"^\d{1,2}$")


def check_answer_figures(knowledge: Knowledge) -> list[Problem]:
    """An answer states figures and dates through {facts}, so each lives in one place."""
    problems = []
    values = {fact.id: fact.value for fact in knowledge.facts.values()}
    for entry in knowledge.entries:
        text = PLACEHOLDER.sub(" ", entry.answer_template)
        for match in _FIGURE.finditer(text):
            figure = match.group(0).strip().rstrip(".,")
            if _LABEL.match(figure):
                continue
            same = [f for f, v in values.items() if figure.lower() in v.lower()]
            if same:
                message = f"the answer states '{figure}' itself instead of using the fact {{{same[0]}}}."
                fix = f"write {{{same[0]}}} so the answer changes with the fact."
            else:
                message = (f"the answer states '{figure}', which is not one of the facts and may "
                           "contradict them.")
                fix = _figure_fix(figure, values)
            problems.append(Problem(entry.location.file, entry.location.line, entry.id, message, fix))
    return problems


# A figure written the Chinese way: digits, or Chinese numerals with a unit (亿, 万, 元, 年, ...).
_ZH_FIGURE = re.compile(
    r"[0-9]+(?:[.,][0-9]+)*\s*(?:亿|万|千)?\s*(?:美元|元|年|月|日|个|%|％)?"
    rf"|[{CHINESE_NUMERAL_CHARS}]+\s*(?:亿|万)\s*(?:美元|元)?"
    rf"|[{CHINESE_NUMERAL_CHARS}]+\s*(?:年|月|日|个村庄)"
    rf"|千分之[{CHINESE_NUMERAL_CHARS}0-9]+"
)


def check_chinese_answer_figures(knowledge: Knowledge) -> list[Problem]:
    """A Chinese answer states figures through {facts} too, written the Chinese way from them."""
    problems = []
    values = {fact.id: fact.value_zh for fact in knowledge.facts.values() if fact.value_zh}
    for entry in knowledge.entries:
        if not entry.answer_zh:
            continue
        template = entry.answer_zh_template or ""
        for match in _ZH_FIGURE.finditer(PLACEHOLDER.sub(" ", template)):
            figure = match.group(0).strip()
            if _LABEL.match(figure) or not figure:
                continue
            same = [f for f, v in values.items() if figure in v]
            if same:
                message = f"the Chinese answer states '{figure}' itself instead of using the fact {{{same[0]}}}."
                fix = f"write {{{same[0]}}}; its Chinese form comes from the fact's value."
            else:
                message = f"the Chinese answer states '{figure}', which differs from the facts."
                fix = "use the fact in {braces}, or add the figure to facts.yaml with its source."
            problems.append(Problem(entry.location.file, entry.location.line, entry.id, message, fix))
    return problems


def check_both_languages(knowledge: Knowledge) -> list[Problem]:
    """Every entry, small-talk reply and fact exists in English and in Chinese."""
    problems = []
    for entry in knowledge.entries + knowledge.smalltalk:
        missing = [name for name, value in (("questions_zh", entry.questions_zh), ("answer_zh", entry.answer_zh))
                   if not value]
        if missing:
            problems.append(Problem(entry.location.file, entry.location.line, entry.id,
                                    f"the entry has no Chinese version ({', '.join(missing)} missing).",
                                    "add questions_zh (how people ask in Chinese) and answer_zh."))
    for fact in knowledge.facts.values():
        if not fact.value_zh:
            problems.append(Problem(FACTS_FILE, fact.location.line, fact.id,
                                    "the fact has no Chinese value, and none can be derived from its value.",
                                    "add zh: with the Chinese text (names and places need one)."))
    return problems


def _figure_fix(figure: str, values: dict[str, str]) -> str:
    words = set(re.findall(r"[a-z]+", figure.lower()))
    alike = [f for f, v in values.items() if words and words & set(re.findall(r"[a-z]+", v.lower()))]
    hint = f" (did you mean {{{alike[0]}}}: {values[alike[0]]}?)" if alike else ""
    return f"use a fact from facts.yaml{hint}, or add this figure there with its source."


def check_unused_facts(knowledge: Knowledge) -> list[Problem]:
    used = {f for e in knowledge.entries for f in e.facts}
    return [
        Problem(FACTS_FILE, fact.location.line, fact.id, "no answer uses this fact.",
                f"state it in an answer as {{{fact.id}}}, or remove it.", "warning")
        for fact in knowledge.facts.values() if fact.id not in used
    ]


def check_unused_sources(knowledge: Knowledge) -> list[Problem]:
    used = {s for e in knowledge.entries for s in e.sources} | {f.source for f in knowledge.facts.values()}
    return [
        Problem(SOURCES_FILE, source.location.line, source.id, "no fact or entry cites this source.",
                "cite it from a fact or an entry, or remove it.", "warning")
        for source in knowledge.sources.values() if source.id not in used
    ]
