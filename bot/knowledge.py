"""The knowledge as frozen, typed objects. Built by `loader`, read by everything else."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

# The kinds of fact, and which question words ask for each.
FACT_KINDS = ("amount", "date", "year", "count", "share", "person", "name", "place")


@dataclass(frozen=True)
class Location:
    file: str  # relative to the knowledge folder
    line: int


@dataclass(frozen=True)
class Source:
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


@dataclass(frozen=True)
class Fact:
    id: str
    value: str
    kind: str
    source: str
    location: Location


@dataclass(frozen=True)
class Phrasing:
    text: str
    location: Location


@dataclass(frozen=True)
class Entry:
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


@dataclass(frozen=True)
class SynonymGroup:
    words: tuple[str, ...]  # the first is the documents' word
    location: Location


@dataclass(frozen=True)
class Knowledge:
    directory: Path
    version: str  # short hash of every file's bytes
    sources: Mapping[str, Source]
    facts: Mapping[str, Fact]
    entries: tuple[Entry, ...]
    smalltalk: tuple[Entry, ...]
    synonyms: tuple[SynonymGroup, ...]
    examples: tuple[Phrasing, ...]
    topics: tuple[str, ...]

    def __post_init__(self) -> None:
        by_id = {e.id: e for e in self.entries + self.smalltalk}
        object.__setattr__(self, "_by_id", MappingProxyType(by_id))
        object.__setattr__(self, "sources", MappingProxyType(dict(self.sources)))
        object.__setattr__(self, "facts", MappingProxyType(dict(self.facts)))

    def entry(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)  # type: ignore[attr-defined]

    def entries_in(self, topic: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.topic == topic)
