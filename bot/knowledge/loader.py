"""Load a knowledge folder into a frozen `Knowledge`, collecting every problem.

Only this package sees raw YAML. Structural problems (bad YAML, unknown keys, wrong
types, duplicate ids, missing references) are collected here; `check` adds the checks
that need the loaded knowledge or the engine.

The package:
  loader.py     this: the order things are read in, the folder's total size, the version
  reader.py     the folder, the problems found, reading one file and checking its top level
  yamlfile.py   one file's YAML with line numbers; depth, anchors, aliases, tags refused
  files.py      bytes from disk within a size limit; file-system errors in words
  limits.py     every limit, and why its number
  fields.py     checks every kind shares: keys, text, lists of text, ids
  bounds.py     counts and lengths: entries, questions, answers, examples
  sources.py    sources.yaml and facts.yaml
  wordlists.py  synonyms.yaml and examples.yaml
  entries.py    entries/*.yaml and smalltalk.yaml
  answers.py    answers rendered from the facts, in English and Chinese
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.answers import PLACEHOLDER
from bot.knowledge.entries import EntryReader
from bot.knowledge.files import FileProblem, file_size, is_regular_file, yaml_files
from bot.knowledge.limits import MAX_TOTAL_BYTES, size
from bot.knowledge.model import Knowledge
from bot.knowledge.problems import KnowledgeError, Problem
from bot.knowledge.reader import FACTS_FILE, REQUIRED_FILES, SOURCES_FILE, Reader
from bot.knowledge.sources import read_facts, read_sources
from bot.knowledge.wordlists import read_examples, read_synonyms

__all__ = ["FACTS_FILE", "PLACEHOLDER", "SOURCES_FILE", "LoadResult", "load_knowledge", "read_knowledge"]


@dataclass(frozen=True)
class LoadResult:
    """What loading found: the knowledge (what could be loaded) and every problem."""

    knowledge: Knowledge | None
    problems: list[Problem]

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
    if not folder_readable(reader):
        return LoadResult(None, reader.problems)
    report_missing_files(reader)
    if not within_total_size(reader):
        return LoadResult(None, reader.problems)
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
        version=version(reader),
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


def folder_readable(reader: Reader) -> bool:
    listed = yaml_files(reader.directory)
    if isinstance(listed, FileProblem):
        reader.problem(str(reader.directory), 0, None, f"the knowledge folder {listed.message}", listed.fix)
        return False
    return True


def report_missing_files(reader: Reader) -> None:
    for name in REQUIRED_FILES:
        if not reader.exists(name):
            reader.broken_files.append(name)
            reader.problem(name, 0, None, "this file is missing.",
                           f"create {name}; knowledge/README.md shows its format.")


def within_total_size(reader: Reader) -> bool:
    """Whether the files add up to what the bot reads, checked before any is read."""
    total = sum(file_size(path) for path in reader.knowledge_files())
    if total <= MAX_TOTAL_BYTES:
        return True
    reader.problem(str(reader.directory), 0, None,
                   f"the knowledge files add up to {size(total)}; the bot reads at most {size(MAX_TOTAL_BYTES)}.",
                   "remove what is not knowledge (the shipped knowledge is about 0.1 MB in all).")
    return False


def version(reader: Reader) -> str:
    """A short hash of the name and bytes of every .yaml file in the folder and in entries/
    (eval.yaml too): any edit gives a new version. Files that cannot be read count by name.
    (CRC-32 rather than SHA-256: it only names versions, and zlib is cheap to import.)"""
    top = yaml_files(reader.directory)
    names = (top if isinstance(top, list) else []) + [reader.rel(p) for p in reader.entry_files()]
    digest = 0
    for name in sorted(names, key=lambda n: n.split("/")):
        digest = zlib.crc32(name.encode(), digest)
        digest = crc32_of_file(reader.directory / name, digest)
    return f"{digest:08x}"


def crc32_of_file(path: Path, digest: int) -> int:
    if not is_regular_file(path):  # a pipe or a device could block or never end
        return digest
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(1 << 20):
                digest = zlib.crc32(chunk, digest)
    except OSError:
        pass
    return digest
