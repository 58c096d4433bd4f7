"""Answers with every {fact} filled in, in English and written the Chinese way."""

from __future__ import annotations

import re

from bot.knowledge.fields import did_you_mean
from bot.knowledge.model import Fact
from bot.knowledge.reader import FACTS_FILE, Reader
from bot.language.chinese import CJK

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class AnswerRenderer:
    """Fills answers from the facts; reports each {name} that is no fact, unless the fact
    (or facts.yaml) is broken and already reported."""

    def __init__(self, reader: Reader, declared_facts: set[str]):
        self.reader = reader
        self.declared_facts = declared_facts  # including facts dropped for their own problems

    def render(self, file: str, line: int, entry: str | None, template: str,
               facts: dict[str, Fact], lang: str = "en") -> tuple[str | None, list[str]]:
        """Fill each {fact_id} with its value (in `lang`); report facts that do not exist."""
        used: list[str] = []
        missing = False
        for name in PLACEHOLDER.findall(template):
            if name in facts:
                if name not in used:
                    used.append(name)
            elif name in self.declared_facts or FACTS_FILE in self.reader.broken_files:
                missing = True  # the fact (or its whole file) is broken and reported there
            else:
                missing = True
                self.reader.problem(file, line, entry, f"the answer uses {{{name}}}, which is not a fact.",
                                    f"use an id from facts.yaml{did_you_mean(name, facts)}, or add the fact there.")
        if missing:
            return None, used
        if lang == "zh":
            return self.render_chinese(file, line, entry, template, facts, used), used
        filled = PLACEHOLDER.sub(lambda m: facts[m.group(1)].value, template)
        return " ".join(filled.split()), used

    def render_chinese(self, file: str, line: int, entry: str | None, template: str,
                       facts: dict[str, Fact], used: list[str]) -> str | None:
        unwritten = [f for f in used if not facts[f].value_zh]
        for fact_id in unwritten:
            self.reader.problem(file, line, entry,
                                f"the Chinese answer uses {{{fact_id}}}, which has no Chinese value.",
                                f"add zh: to {fact_id} in facts.yaml.")
        if unwritten:
            return None
        filled = PLACEHOLDER.sub(lambda m: facts[m.group(1)].value_zh, template)
        return join_chinese_lines(filled)


_SPACE_BY_CHINESE = re.compile(f"(?<=[{CJK}，。、：；！？（）“”])\\s+|\\s+(?=[{CJK}，。、：；！？（）“”])")


def join_chinese_lines(text: str) -> str:
    """Chinese is written without spaces, but YAML's folded lines put them back: drop those
    next to Chinese characters, keep the ones between English words."""
    return _SPACE_BY_CHINESE.sub("", " ".join(text.split()))
