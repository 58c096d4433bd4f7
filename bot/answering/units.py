"""One language's share of the engine: its reader, index, small talk and examples.

Each unit is built whole and then published; nothing shared is changed while building, so
questions in one language never wait for, or see half of, another language's unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from threading import Lock

from bot.answering.matcher import MatchIndex
from bot.knowledge.model import Entry, Knowledge
from bot.language.chinese import has_chinese
from bot.language.normalize import Normalizer

LANGUAGES = ("en", "zh")


def language_of(text: str) -> str:
    """The language a question is read in: Chinese if it has Chinese characters."""
    return "zh" if has_chinese(text) else "en"


@dataclass(frozen=True)
class Example:
    entry: str  # the entry that answers it
    text: str  # the example question, as the maintainers wrote it


@dataclass(frozen=True)
class LanguageUnit:
    lang: str
    normalizer: Normalizer
    index: MatchIndex
    smalltalk: tuple[tuple[Entry, str], ...]  # (entry, a phrasing's normalised text)
    smalltalk_words: frozenset[str]
    examples: tuple[Example, ...]  # the example questions written in this language


def build_unit(knowledge: Knowledge, lang: str, english: LanguageUnit | None = None) -> LanguageUnit:
    """English first; Chinese builds on English's reader (a copy of it that also reads Chinese)."""
    index = MatchIndex(knowledge) if lang == "en" else MatchIndex(knowledge, english.normalizer, lang="zh")
    normalizer = index.normalizer
    phrasings = [(entry, q) for entry in knowledge.smalltalk
                 for q in (entry.questions if lang == "en" else entry.questions_zh)]
    analyses = [(entry, normalizer.analyse(q.text, correct_typos=False)) for entry, q in phrasings]
    examples = []
    for example in knowledge.examples:
        if language_of(example.text) == lang:
            # Pruned like a question's ranking (an example names its entry clearly): scoring every
            # entry sharing a word took seconds at 100,000 phrasings.
            ranked = [c for c in index.rank(normalizer.analyse(example.text), limit=3, min_coverage=0.5, floor=0.3,
                                            margin=0.3) if c.entry.id in index.entry_ids]
            if ranked:
                examples.append(Example(ranked[0].entry.id, example.text))
    return LanguageUnit(
        lang, normalizer, index,
        smalltalk=tuple((entry, " ".join(a.tokens)) for entry, a in analyses),
        smalltalk_words=frozenset(t for _, a in analyses for t in a.content),
        examples=tuple(examples),
    )


class LanguageUnits:
    """The units of one knowledge version, built on first need; shareable between engines."""

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self._built: dict[str, LanguageUnit] = {"en": build_unit(knowledge, "en")}
        self._building = Lock()  # guards building only: reading a built unit takes no lock

    def __getstate__(self):
        return {"knowledge": self.knowledge, "_built": self._built}  # a lock is not state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._building = Lock()

    def get(self, lang: str) -> LanguageUnit:
        unit = self._built.get(lang)
        if unit is None:
            with self._building:
                unit = self._built.get(lang)
                if unit is None:
                    unit = build_unit(self.knowledge, lang, self._built["en"])
                    self._built = {**self._built, lang: unit}  # published whole
        return unit

    def built(self, lang: str) -> bool:
        return lang in self._built
