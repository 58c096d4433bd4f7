"""The knowledge as frozen, typed objects. Built by `loader`, read by everything else."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Mapping, NamedTuple

from bot.language.kinds import FACT_KINDS  # noqa: F401 - the loader checks facts against it


class Location(NamedTuple):
    file: str  # relative to the knowledge folder
    line: int


class Source(NamedTuple):
    id: str
    title: str
    publisher: str | None
    date: str | None
    file: str | None
    location: Location

    def citation(self) -> str:
        """Title, then publisher and date where the document gives them."""
        extra = ", ".join(part for part in (self.publisher, self.date) if part)
        return f"{self.title} ({extra})" if extra else self.title


class Fact(NamedTuple):
    id: str
    value: str
    kind: str
    source: str
    location: Location
    value_zh: str | None = None  # the `zh:` text, or the figure written the Chinese way
    counts: str | None = None  # what a count counts ("actions"), if its value does not say


class Phrasing(NamedTuple):
    text: str
    location: Location


class KnownGap(NamedTuple):
    """Something people ask about an entry that the documents do not say, written down by the
    maintainers (`not_stated:`) with the one-line reply the bot gives instead of guessing."""

    id: str
    questions: tuple[Phrasing, ...]
    reply: str
    location: Location
    questions_zh: tuple[Phrasing, ...] = ()
    reply_zh: str | None = None

    def reply_in(self, lang: str) -> str:
        return self.reply_zh if lang == "zh" and self.reply_zh else self.reply


class Entry(NamedTuple):
    id: str
    topic: str
    questions: tuple[Phrasing, ...]
    answer_template: str
    answer: str  # with every {fact} filled in
    facts: tuple[str, ...]  # ids of the facts the answer states, in order
    fact_kinds: frozenset[str]
    sources: tuple[str, ...]
    related: tuple[str, ...]
    location: Location
    smalltalk: bool = False
    title: str | None = None  # a short label for buttons; the first question otherwise
    questions_zh: tuple[Phrasing, ...] = ()
    answer_zh: str | None = None  # with every {fact} filled in, the Chinese way
    answer_zh_template: str | None = None
    title_zh: str | None = None
    not_stated: tuple[KnownGap, ...] = ()  # what people ask of it that the documents do not say

    def answer_in(self, lang: str) -> str:
        return self.answer_zh if lang == "zh" and self.answer_zh else self.answer


class SynonymGroup(NamedTuple):
    words: tuple[str, ...]  # the first is the documents' word
    location: Location


class Knowledge:
    """Everything loaded from one knowledge folder. Read-only once built."""

    __slots__ = ("directory", "version", "sources", "facts", "entries", "smalltalk", "synonyms", "examples",
                 "topics", "topics_zh", "_by_id")

    def __init__(self, directory: Path, version: str, sources: Mapping[str, Source], facts: Mapping[str, Fact],
                 entries: tuple[Entry, ...], smalltalk: tuple[Entry, ...], synonyms: tuple[SynonymGroup, ...],
                 examples: tuple[Phrasing, ...], topics: tuple[str, ...], topics_zh: tuple[str | None, ...] = ()):
        values = {
            "directory": directory, "version": version,
            "sources": MappingProxyType(dict(sources)), "facts": MappingProxyType(dict(facts)),
            "entries": tuple(entries), "smalltalk": tuple(smalltalk), "synonyms": tuple(synonyms),
            "examples": tuple(examples), "topics": tuple(topics),
            "topics_zh": tuple(topics_zh) or tuple(None for _ in topics),
            "_by_id": MappingProxyType({e.id: e for e in tuple(entries) + tuple(smalltalk)}),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name, value):
        raise AttributeError(f"Knowledge is read-only (tried to set {name!r})")

    def __reduce__(self):
        """Pickled as its constructor's arguments (a read-only mapping view cannot be pickled)."""
        return (Knowledge, (self.directory, self.version, dict(self.sources), dict(self.facts), self.entries,
                            self.smalltalk, self.synonyms, self.examples, self.topics, self.topics_zh))

    def entry(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def entries_in(self, topic: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.topic == topic)
