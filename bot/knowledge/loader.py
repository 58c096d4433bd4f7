"""Load a knowledge folder into a frozen `Knowledge`, collecting every problem.

Only this package sees raw YAML. Structural problems (bad YAML, unknown keys, wrong
types, duplicate ids, missing references) are collected here; `check` adds the checks
that need the loaded knowledge or the engine.

The package, by file kind:
  reader.py     the folder, the problems found, reading one file (through yamlfile.py)
  fields.py     checks every kind shares: keys, text, lists of text, ids
  sources.py    sources.yaml and facts.yaml
  wordlists.py  synonyms.yaml and examples.yaml
  entries.py    entries/*.yaml and smalltalk.yaml, answers rendered from the facts
"""

from __future__ import annotations

import zlib
from pathlib import Path

from bot.knowledge.entries import PLACEHOLDER, EntryReader
from bot.knowledge.model import Knowledge
from bot.knowledge.problems import KnowledgeError, Problem
from bot.knowledge.reader import FACTS_FILE, REQUIRED_FILES, SOURCES_FILE, Reader
from bot.knowledge.sources import read_facts, read_sources
from bot.knowledge.wordlists import read_examples, read_synonyms

__all__ = ["FACTS_FILE", "PLACEHOLDER", "SOURCES_FILE", "LoadResult", "load_knowledge", "read_knowledge"]


class LoadResult:
    """What loading found: the knowledge (what could be loaded) and every problem."""

    def __init__(self, knowledge: Knowledge | None, problems: list[Problem]):
        self.knowledge = knowledge
        self.problems = problems

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def load_knowledge(directory: Path) -> Knowledge:
    """Load and return the knowledge, or raise `KnowledgeError` listing every error."""
    result = read_knowledge(directory)
    if result.errors or result.knowledge is None:
        raise KnowledgeError(result.errors or result.problems)
    return result.knowledge


def read_knowledge(directory: Path) -> LoadResult:
    """Load what can be loaded and report every problem; never raises for bad content."""
    reader = Reader(Path(directory))
    if not reader.directory.is_dir():
        reader.problem(str(reader.directory), 0, None, "the knowledge folder does not exist.",
                       "pass --knowledge DIR or set PLEDGEBOT_KNOWLEDGE to a folder with the knowledge files.")
        return LoadResult(None, reader.problems)
    report_missing_files(reader)
    sources = read_sources(reader)
    facts, declared_facts = read_facts(reader, sources)
    synonyms = read_synonyms(reader)
    entry_reader = EntryReader(reader, set(sources), facts, declared_facts)
    entries, topics, topics_zh = entry_reader.read_entries()
    smalltalk = entry_reader.read_smalltalk()
    examples = read_examples(reader)
    entry_reader.check_related()
    knowledge = Knowledge(
        directory=reader.directory,
        version=version(reader.directory),
        sources=sources,
        facts=facts,
        entries=tuple(entries),
        smalltalk=tuple(smalltalk),
        synonyms=tuple(synonyms),
        examples=tuple(examples),
        topics=tuple(topics),
        topics_zh=tuple(topics_zh),
    )
    return LoadResult(knowledge, reader.problems)


def report_missing_files(reader: Reader) -> None:
    for name in REQUIRED_FILES:
        if not (reader.directory / name).is_file():
            reader.broken_files.append(name)
            reader.problem(name, 0, None, "this file is missing.",
                           f"create {name}; knowledge/README.md shows its format.")


def version(directory: Path) -> str:
    """A short hash of every file's name and bytes: any edit gives a new version.
    (CRC-32 rather than SHA-256: it only names versions, and zlib is cheap to import.)"""
    digest = 0
    for path in sorted(directory.rglob("*.yaml")):
        digest = zlib.crc32(path.relative_to(directory).as_posix().encode(), digest)
        digest = zlib.crc32(path.read_bytes(), digest)
    return f"{digest:08x}"
