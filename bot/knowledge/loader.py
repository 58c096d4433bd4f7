"""Load a knowledge folder into a frozen `Knowledge`, collecting every problem.

This is the only module that sees raw YAML. Structural problems (bad YAML,
unknown keys, wrong types, duplicate ids, missing references) are collected
here; `check` adds the checks that need the loaded knowledge or the engine.
"""

from __future__ import annotations

import difflib
import re
import zlib
from pathlib import Path

from bot.language.chinese import CJK
from bot.language.figures import chinese_value
from bot.knowledge.model import FACT_KINDS, Entry, Fact, Knowledge, Location, Phrasing, Source, SynonymGroup
from bot.knowledge.problems import KnowledgeError, Problem
from bot.knowledge.yamlfile import LineList, LineMap, read_yaml

SOURCES_FILE = "sources.yaml"
FACTS_FILE = "facts.yaml"
ENTRIES_DIR = "entries"
SMALLTALK_FILE = "smalltalk.yaml"
SYNONYMS_FILE = "synonyms.yaml"
EXAMPLES_FILE = "examples.yaml"
REQUIRED_FILES = (SOURCES_FILE, FACTS_FILE, SYNONYMS_FILE, SMALLTALK_FILE, EXAMPLES_FILE)

SOURCE_KEYS = {"title": True, "publisher": False, "date": False, "file": False, "note": False}
FACT_KEYS = {"value": True, "zh": False, "kind": True, "source": True, "note": False}
ENTRY_KEYS = {"id": True, "title": False, "title_zh": False, "questions": True, "questions_zh": False, "answer": True,
              "answer_zh": False, "sources": True, "related": False, "note": False}
MAX_ID_LENGTH = 40  # ids travel in Telegram button data, which holds 64 bytes
SMALLTALK_KEYS = {"id": True, "questions": True, "questions_zh": False, "answer": True, "answer_zh": False,
                  "note": False}
TOPIC_FILE_KEYS = {"topic": True, "topic_zh": False, "entries": True}
SYNONYM_KEYS = {"words": True, "note": False}

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


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
    reader = _Reader(Path(directory))
    return reader.read()


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off/true/false as a yes-or-no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    return type(value).__name__


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Reader:
    def __init__(self, directory: Path):
        self.directory = directory
        self.problems: list[Problem] = []
        self.declared_facts: set[str] = set()  # including facts dropped for their own problems
        self.source_ids: set[str] = set()
        self.pending_related: list[tuple[str, int, str, str]] = []  # file, line, entry, related id
        self.broken_files: list[str] = []

    # -- reporting -------------------------------------------------------
    def problem(self, file: str, line: int, entry: str | None, message: str, fix: str,
                severity: str = "error") -> None:
        self.problems.append(Problem(file, line, entry, message, fix, severity))  # type: ignore[arg-type]

    def rel(self, path: Path) -> str:
        return path.relative_to(self.directory).as_posix()

    # -- generic shape checks ------------------------------------------
    def load_file(self, path: Path):
        document = read_yaml(path)
        name = self.rel(path)
        for line in document.tab_lines:
            self.problem(name, line, None, "contains a tab character.",
                         "replace it with spaces; YAML does not allow tabs for indentation.",
                         severity="error" if document.error else "warning")
        if document.error:
            self.broken_files.append(name)
            self.problem(name, document.error.line, None, f"this file {document.error.message}",
                         "compare the line with the examples in knowledge/README.md "
                         "(indentation, a ':' after each key, quotes around text with ':' or '#').")
            return None
        self.report_duplicate_keys(name, document.data)
        return document.data

    def report_duplicate_keys(self, file: str, data, entry: str | None = None) -> None:
        if isinstance(data, LineMap):
            owner = data.get("id") if isinstance(data.get("id"), str) else entry
            for key, first, again in data.duplicate_keys:
                self.problem(file, again, owner,
                             f"key '{key}' appears twice (lines {first} and {again}); only the last one would be used.",
                             "keep one of them, or merge their contents.")
            for value in data.values():
                self.report_duplicate_keys(file, value, owner)
        elif isinstance(data, list):
            for value in data:
                self.report_duplicate_keys(file, value, entry)

    def check_keys(self, file: str, mapping: LineMap, allowed: dict[str, bool], entry: str | None,
                   what: str) -> bool:
        ok = True
        for key in mapping:
            if key not in allowed:
                self.problem(file, mapping.key_lines.get(key, mapping.line), entry,
                             f"unknown key '{key}' in {what}.",
                             f"use only {', '.join(allowed)}{_did_you_mean(key, allowed)}.")
        for key, required in allowed.items():
            if required and key not in mapping:
                self.problem(file, mapping.line, entry, f"{what} has no '{key}'.", f"add '{key}:' to it.")
                ok = False
        return ok

    def text(self, file: str, mapping: LineMap, key: str, entry: str | None) -> str | None:
        """The value of `key` as non-empty text, or None after reporting why not."""
        value = mapping.get(key)
        line = mapping.key_lines.get(key, mapping.line)
        if value is None and key not in mapping:
            return None
        if not isinstance(value, str):
            shown = f'"{value}"' if isinstance(value, (int, float)) and not isinstance(value, bool) else '"..."'
            self.problem(file, line, entry, f"'{key}' must be text, but it is {_type_name(value)}.",
                         f"put the value in quotes, like {key}: {shown}.")
            return None
        if not value.strip():
            self.problem(file, line, entry, f"'{key}' is empty.", f"write the {key}, or remove the line.")
            return None
        return value.strip()

    def text_list(self, file: str, mapping: LineMap, key: str, entry: str | None) -> list[tuple[str, int]]:
        """The value of `key` as a list of (text, line); reports wrong types item by item."""
        value = mapping.get(key)
        line = mapping.key_lines.get(key, mapping.line)
        if key not in mapping or value is None:
            return []
        if isinstance(value, str):
            value, lines = [value], [line]
        elif isinstance(value, LineList):
            lines = value.item_lines
        else:
            self.problem(file, line, entry, f"'{key}' must be a list, but it is {_type_name(value)}.",
                         f"write it as a list: one '- item' per line under '{key}:'.")
            return []
        items = []
        for item, item_line in zip(value, lines):
            if isinstance(item, str) and item.strip():
                items.append((item.strip(), item_line))
            else:
                shown = f'"{item}"' if isinstance(item, (int, float, bool)) else '"..."'
                self.problem(file, item_line, entry,
                             f"an item of '{key}' must be text, but it is {_type_name(item)}.",
                             f"put it in quotes, like - {shown}.")
        return items

    def check_id(self, file: str, line: int, value, what: str, seen: dict[str, str]) -> str | None:
        if isinstance(value, str) and len(value) > MAX_ID_LENGTH:
            self.problem(file, line, None, f"{what} id {value!r} is longer than {MAX_ID_LENGTH} characters.",
                         "shorten it; ids are sent inside Telegram buttons.")
            return None
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.problem(file, line, None, f"{what} id {value!r} is not a valid id.",
                         "use lowercase letters, digits, '-' and '_' only, like pledge-amount.")
            return None
        if value in seen:
            self.problem(file, line, value, f"id '{value}' is already used at {seen[value]}.",
                         "give this one a different id.")
            return None
        seen[value] = f"{file}:{line}"
        return value

    # -- files -----------------------------------------------------------
    def read(self) -> LoadResult:
        if not self.directory.is_dir():
            self.problem(str(self.directory), 0, None, "the knowledge folder does not exist.",
                         "pass --knowledge DIR or set PLEDGEBOT_KNOWLEDGE to a folder with the knowledge files.")
            return LoadResult(None, self.problems)
        for name in REQUIRED_FILES:
            if not (self.directory / name).is_file():
                self.broken_files.append(name)
                self.problem(name, 0, None, "this file is missing.",
                             f"create {name}; knowledge/README.md shows its format.")
        sources = self.read_sources()
        self.source_ids = set(sources)
        facts = self.read_facts(sources)
        synonyms = self.read_synonyms()
        ids: dict[str, str] = {}
        entries, topics, topics_zh = self.read_entries(facts, ids)
        smalltalk = self.read_smalltalk(ids)
        examples = self.read_examples()
        self.check_related(ids)
        knowledge = Knowledge(
            directory=self.directory,
            version=self.version(),
            sources=sources,
            facts=facts,
            entries=tuple(entries),
            smalltalk=tuple(smalltalk),
            synonyms=tuple(synonyms),
            examples=tuple(examples),
            topics=tuple(topics),
            topics_zh=tuple(topics_zh),
        )
        return LoadResult(knowledge, self.problems)

    def version(self) -> str:
        """A short hash of every file's name and bytes: any edit gives a new version.
        (CRC-32 rather than SHA-256: it only names versions, and zlib is cheap to import.)"""
        digest = 0
        for path in sorted(self.directory.rglob("*.yaml")):
            digest = zlib.crc32(self.rel(path).encode(), digest)
            digest = zlib.crc32(path.read_bytes(), digest)
        return f"{digest:08x}"

    def top_mapping(self, name: str) -> LineMap | None:
        return self.top_level(name, LineMap, "a set of 'id:' blocks",
                              "start each block with its id followed by ':' at the start of a line.")

    def top_list(self, name: str) -> LineList | None:
        return self.top_level(name, LineList, "a list", "start each item with '- ' at the start of a line.")

    def top_level(self, name: str, shape: type, described: str, fix: str):
        """The file's content if it exists, parses and has the expected shape."""
        path = self.directory / name
        if not path.is_file():
            return None
        data = self.load_file(path)
        if data is None:
            return None
        if not isinstance(data, shape):
            self.problem(name, 1, None, f"this file must be {described}, but it is {_type_name(data)}.", fix)
            return None
        return data

    def read_sources(self) -> dict[str, Source]:
        data = self.top_mapping(SOURCES_FILE)
        sources: dict[str, Source] = {}
        seen: dict[str, str] = {}
        for key, block in (data or {}).items():
            line = data.key_lines[key]
            source_id = self.check_id(SOURCES_FILE, line, key, "source", seen)
            if source_id is None:
                continue
            if not isinstance(block, LineMap):
                self.problem(SOURCES_FILE, line, source_id, f"source must be a set of keys, but it is {_type_name(block)}.",
                             "give it at least 'title:' on the next line, indented.")
                continue
            self.check_keys(SOURCES_FILE, block, SOURCE_KEYS, source_id, "a source")
            title = self.text(SOURCES_FILE, block, "title", source_id)
            if title is None:
                continue
            sources[source_id] = Source(
                id=source_id, title=title,
                publisher=self.text(SOURCES_FILE, block, "publisher", source_id),
                date=self.text(SOURCES_FILE, block, "date", source_id),
                file=self.text(SOURCES_FILE, block, "file", source_id),
                location=Location(SOURCES_FILE, line),
            )
        return sources

    def read_facts(self, sources: dict[str, Source]) -> dict[str, Fact]:
        data = self.top_mapping(FACTS_FILE)
        facts: dict[str, Fact] = {}
        seen: dict[str, str] = {}
        for key, block in (data or {}).items():
            line = data.key_lines[key]
            fact_id = self.check_id(FACTS_FILE, line, key, "fact", seen)
            if fact_id is None:
                continue
            self.declared_facts.add(fact_id)
            if not isinstance(block, LineMap):
                self.problem(FACTS_FILE, line, fact_id, f"fact must be a set of keys, but it is {_type_name(block)}.",
                             "give it 'value:', 'kind:' and 'source:' on the next lines, indented.")
                continue
            self.check_keys(FACTS_FILE, block, FACT_KEYS, fact_id, "a fact")
            value = self.text(FACTS_FILE, block, "value", fact_id)
            kind = self.text(FACTS_FILE, block, "kind", fact_id)
            source = self.text(FACTS_FILE, block, "source", fact_id)
            if kind is not None and kind not in FACT_KINDS:
                self.problem(FACTS_FILE, block.key_lines["kind"], fact_id, f"unknown kind '{kind}'.",
                             f"use one of {', '.join(FACT_KINDS)}{_did_you_mean(kind, FACT_KINDS)}.")
                kind = None
            if source is not None and source not in sources:
                self.problem(FACTS_FILE, block.key_lines["source"], fact_id, f"source '{source}' does not exist.",
                             f"use an id from sources.yaml{_did_you_mean(source, sources)}.")
            if value is None or kind is None or source is None:
                continue
            value_zh = self.text(FACTS_FILE, block, "zh", fact_id) or chinese_value(value, kind)
            facts[fact_id] = Fact(fact_id, value, kind, source, Location(FACTS_FILE, line), value_zh)
        return facts

    def read_synonyms(self) -> list[SynonymGroup]:
        data = self.top_list(SYNONYMS_FILE)
        groups: list[SynonymGroup] = []
        owner: dict[str, int] = {}
        for item, line in zip(data or [], (data.item_lines if data else [])):
            if isinstance(item, LineMap):
                self.check_keys(SYNONYMS_FILE, item, SYNONYM_KEYS, None, "a synonym group")
                words = self.text_list(SYNONYMS_FILE, item, "words", None)
            elif isinstance(item, LineList):
                words = self.text_list(SYNONYMS_FILE, LineMap_of(item, line), "words", None)
            else:
                self.problem(SYNONYMS_FILE, line, None, f"a synonym group must be a list of words, but it is {_type_name(item)}.",
                             "write it as [word, other word, ...].")
                continue
            if len(words) < 2:
                self.problem(SYNONYMS_FILE, line, None, "a synonym group needs at least two words.",
                             "add the words people type instead, or remove the line.")
                continue
            kept = []
            for word, _ in words:
                lowered = word.lower()
                if lowered in owner:
                    self.problem(SYNONYMS_FILE, line, None,
                                 f"'{word}' is already in the group on line {owner[lowered]}.",
                                 "keep each word in one group only.")
                    continue
                owner[lowered] = line
                kept.append(word)
            if len(kept) >= 2:
                groups.append(SynonymGroup(tuple(kept), Location(SYNONYMS_FILE, line)))
        return groups

    def read_examples(self) -> list[Phrasing]:
        data = self.top_list(EXAMPLES_FILE)
        if data is None:
            return []
        items = self.text_list(EXAMPLES_FILE, LineMap_of(data, data.line), "words", None)
        return [Phrasing(text, Location(EXAMPLES_FILE, line)) for text, line in items]

    def read_entries(self, facts: dict[str, Fact], ids: dict[str, str]
                     ) -> tuple[list[Entry], list[str], list[str | None]]:
        """The entries, and each file's topic in English and (if given) Chinese."""
        folder = self.directory / ENTRIES_DIR
        entries: list[Entry] = []
        topics: list[str] = []
        topics_zh: list[str | None] = []
        paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        if not paths:
            self.problem(ENTRIES_DIR, 0, None, "there are no entry files.",
                         f"add at least one .yaml file of entries to {ENTRIES_DIR}/.")
        for path in paths:
            name = self.rel(path)
            data = self.load_file(path)
            if data is None:
                continue
            if not isinstance(data, LineMap):
                self.problem(name, 1, None, f"this file must have 'topic:' and 'entries:', but it is {_type_name(data)}.",
                             "start it with 'topic: ...' and then 'entries:' followed by the entries.")
                continue
            self.check_keys(name, data, TOPIC_FILE_KEYS, None, "an entries file")
            topic = self.text(name, data, "topic", None) or path.stem
            topic_zh = self.text(name, data, "topic_zh", None)
            items = data.get("entries")
            if not isinstance(items, LineList):
                if "entries" in data:
                    self.problem(name, data.key_lines["entries"], None,
                                 f"'entries' must be a list, but it is {_type_name(items)}.",
                                 "put each entry under 'entries:' starting with '- id: ...'.")
                continue
            topics.append(topic)
            topics_zh.append(topic_zh)
            for block, line in zip(items, items.item_lines):
                entry = self.read_entry(name, line, block, topic, facts, ids, ENTRY_KEYS)
                if entry is not None:
                    entries.append(entry)
        return entries, topics, topics_zh

    def read_smalltalk(self, ids: dict[str, str]) -> list[Entry]:
        data = self.top_list(SMALLTALK_FILE)
        replies = []
        for block, line in zip(data or [], (data.item_lines if data else [])):
            entry = self.read_entry(SMALLTALK_FILE, line, block, "small talk", {}, ids, SMALLTALK_KEYS)
            if entry is not None:
                replies.append(entry)
        return replies

    def read_entry(self, file: str, line: int, block, topic: str, facts: dict[str, Fact],
                   ids: dict[str, str], keys: dict[str, bool]) -> Entry | None:
        if not isinstance(block, LineMap):
            self.problem(file, line, None, f"an entry must be a set of keys, but it is {_type_name(block)}.",
                         "start the entry with '- id: ...' and indent its other keys under it.")
            return None
        raw_id = block.get("id")
        entry_id = self.check_id(file, block.key_lines.get("id", line), raw_id, "entry", ids) if "id" in block else None
        label = entry_id or (raw_id if isinstance(raw_id, str) else None)
        complete = self.check_keys(file, block, keys, label, "an entry")
        questions = self.text_list(file, block, "questions", label)
        answer = self.text(file, block, "answer", label)
        source_items = self.text_list(file, block, "sources", label)
        related_items = self.text_list(file, block, "related", label)
        for source, source_line in source_items:
            if source not in self.source_ids:
                self.problem(file, source_line, label, f"source '{source}' does not exist.",
                             f"use an id from sources.yaml{_did_you_mean(source, self.source_ids)}.")
        if label is not None:
            self.pending_related += [(file, r_line, label, r) for r, r_line in related_items]
        sources = [s for s, _ in source_items]
        related = [r for r, _ in related_items]
        if "questions" in block and not questions:
            self.problem(file, block.key_lines["questions"], label, "the entry has no questions.",
                         "add the ways people ask for this answer, one '- ...' per line.")
        questions_zh = self.text_list(file, block, "questions_zh", label)
        answer_zh = self.text(file, block, "answer_zh", label)
        rendered, used = (None, [])
        if answer is not None:
            rendered, used = self.render(file, block.key_lines["answer"], label, answer, facts)
        rendered_zh = None
        if answer_zh is not None:
            rendered_zh, _ = self.render(file, block.key_lines["answer_zh"], label, answer_zh, facts, lang="zh")
        if entry_id is None or not complete or not questions or rendered is None:
            return None
        return Entry(
            id=entry_id,
            title=self.text(file, block, "title", label),
            topic=topic,
            questions=tuple(Phrasing(text, Location(file, q_line)) for text, q_line in questions),
            answer_template=answer,
            answer=rendered,
            facts=tuple(used),
            fact_kinds=frozenset(facts[f].kind for f in used),
            sources=tuple(sources),
            related=tuple(related),
            location=Location(file, line),
            smalltalk=keys is SMALLTALK_KEYS,
            questions_zh=tuple(Phrasing(text, Location(file, q_line)) for text, q_line in questions_zh),
            answer_zh=rendered_zh,
            answer_zh_template=answer_zh,
            title_zh=self.text(file, block, "title_zh", label),
        )

    def render(self, file: str, line: int, entry: str | None, template: str,
               facts: dict[str, Fact], lang: str = "en") -> tuple[str | None, list[str]]:
        """Fill each {fact_id} with its value (in `lang`); report facts that do not exist."""
        used: list[str] = []
        missing = False
        for name in PLACEHOLDER.findall(template):
            if name in facts:
                if name not in used:
                    used.append(name)
            elif name in self.declared_facts or FACTS_FILE in self.broken_files:
                missing = True  # the fact (or its whole file) is broken and reported there
            else:
                missing = True
                self.problem(file, line, entry, f"the answer uses {{{name}}}, which is not a fact.",
                             f"use an id from facts.yaml{_did_you_mean(name, facts)}, or add the fact there.")
        if missing:
            return None, used
        if lang == "zh":
            unwritten = [f for f in used if not facts[f].value_zh]
            for fact_id in unwritten:
                self.problem(file, line, entry, f"the Chinese answer uses {{{fact_id}}}, which has no Chinese value.",
                             f"add zh: to {fact_id} in facts.yaml.")
            if unwritten:
                return None, used
            text = PLACEHOLDER.sub(lambda m: facts[m.group(1)].value_zh, template)
            return _join_chinese_lines(text), used
        text = PLACEHOLDER.sub(lambda m: facts[m.group(1)].value, template)
        return " ".join(text.split()), used

    def check_related(self, ids: dict[str, str]) -> None:
        for file, line, entry, other in self.pending_related:
            if other not in ids:
                self.problem(file, line, entry, f"related entry '{other}' does not exist.",
                             f"use the id of another entry{_did_you_mean(other, ids)}.")


_SPACE_BY_CHINESE = re.compile(f"(?<=[{CJK}，。、：；！？（）“”])\\s+|\\s+(?=[{CJK}，。、：；！？（）“”])")


def _join_chinese_lines(text: str) -> str:
    """Chinese is written without spaces, but YAML's folded lines put them back: drop those
    next to Chinese characters, keep the ones between English words."""
    return _SPACE_BY_CHINESE.sub("", " ".join(text.split()))


def LineMap_of(items: LineList, line: int) -> LineMap:  # noqa: N802 - tiny adapter
    """Wrap a bare list as {'words': list} so list readers can share `text_list`."""
    wrapper = LineMap(words=items)
    wrapper.line = line
    wrapper.key_lines = {"words": line}
    wrapper.duplicate_keys = []
    return wrapper
