"""entries/*.yaml and smalltalk.yaml: the questions and the answers, with every {fact} filled in."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.answers import AnswerRenderer
from bot.knowledge.bounds import Budget, check_answer_length, check_question_count, check_question_lengths
from bot.knowledge.fields import check_id, check_keys, did_you_mean, text, text_list
from bot.knowledge.model import Entry, Fact, Location, Phrasing
from bot.knowledge.reader import ENTRIES_DIR, SMALLTALK_FILE, Reader
from bot.knowledge.unstated import read_known_gaps
from bot.knowledge.yamlfile import LineList, LineMap, type_name

ENTRY_KEYS = {"id": True, "title": False, "title_zh": False, "questions": True, "questions_zh": False, "answer": True,
              "answer_zh": False, "sources": True, "related": False, "not_stated": False, "note": False}
SMALLTALK_KEYS = {"id": True, "questions": True, "questions_zh": False, "answer": True, "answer_zh": False,
                  "note": False}
TOPIC_FILE_KEYS = {"topic": True, "topic_zh": False, "entries": True}


class EntryReader:
    """Reads entries and small talk against the facts and sources already read; ids are shared
    by both, and `related` ids are checked once every entry is known."""

    def __init__(self, reader: Reader, source_ids: set[str], facts: dict[str, Fact], declared_facts: set[str]):
        self.reader = reader
        self.source_ids = source_ids
        self.facts = facts
        self.answers = AnswerRenderer(reader, declared_facts)
        self.ids: dict[str, str] = {}  # entry id -> file:line where it is defined
        self.pending_related: list[tuple[str, int, str, str]] = []  # file, line, entry, related id
        self.budget = Budget(reader)

    def read_entries(self) -> tuple[list[Entry], list[str], list[str | None]]:
        """The entries, and each file's topic in English and (if given) Chinese."""
        reader = self.reader
        entries: list[Entry] = []
        topics: list[str] = []
        topics_zh: list[str | None] = []
        paths = reader.entry_files()
        if not paths:
            reader.problem(ENTRIES_DIR, 0, None, "there are no entry files.",
                           f"add at least one .yaml file of entries to {ENTRIES_DIR}/.")
        for path in paths:
            name = reader.rel(path)
            found = self.read_topic_file(path, name)
            if found is None:
                continue
            topic, topic_zh, items = found
            topics.append(topic)
            topics_zh.append(topic_zh)
            for block, line in zip(items, items.item_lines):
                if not self.budget.take_entry(name, line):
                    break
                entry = self.read_entry(name, line, block, topic, self.facts, ENTRY_KEYS)
                if entry is not None:
                    entries.append(entry)
        return entries, topics, topics_zh

    def read_topic_file(self, path: Path, name: str) -> tuple[str, str | None, LineList] | None:
        """One entries file's topic, Chinese topic and list of entries, or None if it has none."""
        reader = self.reader
        data = reader.load_file(path)
        if data is None:
            return None
        if not isinstance(data, LineMap):
            reader.problem(name, 1, None, f"this file must have 'topic:' and 'entries:', but it is {type_name(data)}.",
                           "start it with 'topic: ...' and then 'entries:' followed by the entries.")
            return None
        check_keys(reader, name, data, TOPIC_FILE_KEYS, None, "an entries file")
        topic = text(reader, name, data, "topic", None) or path.stem
        topic_zh = text(reader, name, data, "topic_zh", None)
        items = data.get("entries")
        if not isinstance(items, LineList):
            if "entries" in data:
                reader.problem(name, data.key_lines["entries"], None,
                               f"'entries' must be a list, but it is {type_name(items)}.",
                               "put each entry under 'entries:' starting with '- id: ...'.")
            return None
        return topic, topic_zh, items

    def read_smalltalk(self) -> list[Entry]:
        data = self.reader.top_list(SMALLTALK_FILE)
        replies = []
        for block, line in zip(data or [], (data.item_lines if data else [])):
            if not self.budget.take_entry(SMALLTALK_FILE, line):
                break
            entry = self.read_entry(SMALLTALK_FILE, line, block, "small talk", {}, SMALLTALK_KEYS)
            if entry is not None:
                replies.append(entry)
        return replies

    def read_entry(self, file: str, line: int, block, topic: str, facts: dict[str, Fact],
                   keys: dict[str, bool]) -> Entry | None:
        reader = self.reader
        if not isinstance(block, LineMap):
            reader.problem(file, line, None, f"an entry must be a set of keys, but it is {type_name(block)}.",
                           "start the entry with '- id: ...' and indent its other keys under it.")
            return None
        raw_id = block.get("id")
        entry_id = (check_id(reader, file, block.key_lines.get("id", line), raw_id, "entry", self.ids)
                    if "id" in block else None)
        label = entry_id or (raw_id if isinstance(raw_id, str) else None)
        complete = check_keys(reader, file, block, keys, label, "an entry")
        questions = text_list(reader, file, block, "questions", label)
        answer = text(reader, file, block, "answer", label)
        source_items = text_list(reader, file, block, "sources", label)
        related_items = text_list(reader, file, block, "related", label)
        self.check_sources_exist(file, source_items, label)
        if label is not None:
            self.pending_related += [(file, r_line, label, r) for r, r_line in related_items]
        if "sources" in block and not source_items and label is not None:
            reader.problem(file, block.key_lines["sources"], label, "the entry names no source.",
                           "list the id of each document (sources.yaml) its answer comes from under 'sources:'.")
        sources = [s for s, _ in source_items]
        related = [r for r, _ in related_items]
        if "questions" in block and not questions:
            reader.problem(file, block.key_lines["questions"], label, "the entry has no questions.",
                           "add the ways people ask for this answer, one '- ...' per line.")
        questions_zh = text_list(reader, file, block, "questions_zh", label)
        answer_zh = text(reader, file, block, "answer_zh", label)
        rendered, used = (None, [])
        if answer is not None:
            rendered, used = self.answers.render(file, block.key_lines["answer"], label, answer, facts)
        rendered_zh = None
        if answer_zh is not None:
            rendered_zh, _ = self.answers.render(file, block.key_lines["answer_zh"], label, answer_zh, facts, lang="zh")
        bounded = self.within_bounds(file, line, block, label, questions, questions_zh, rendered, rendered_zh)
        known_gaps = read_known_gaps(reader, file, block, label)
        if entry_id is None or not complete or not questions or rendered is None or not bounded \
                or not (sources or keys is SMALLTALK_KEYS):
            return None
        return Entry(
            id=entry_id,
            title=text(reader, file, block, "title", label),
            topic=topic,
            questions=tuple(Phrasing(q, Location(file, q_line)) for q, q_line in questions),
            answer_template=answer,
            answer=rendered,
            facts=tuple(used),
            fact_kinds=frozenset(facts[f].kind for f in used),
            sources=tuple(sources),
            related=tuple(related),
            location=Location(file, line),
            smalltalk=keys is SMALLTALK_KEYS,
            questions_zh=tuple(Phrasing(q, Location(file, q_line)) for q, q_line in questions_zh),
            answer_zh=rendered_zh,
            answer_zh_template=answer_zh,
            title_zh=text(reader, file, block, "title_zh", label),
            not_stated=known_gaps,
        )

    def within_bounds(self, file: str, line: int, block: LineMap, label: str | None,
                      questions: list[tuple[str, int]], questions_zh: list[tuple[str, int]],
                      answer: str | None, answer_zh: str | None) -> bool:
        """Whether the entry's questions and answers stay within `limits` (each reported if not)."""
        reader, lines = self.reader, block.key_lines
        within = [
            check_question_count(reader, file, lines.get("questions", line), label, "questions", len(questions)),
            check_question_count(reader, file, lines.get("questions_zh", line), label, "questions_zh",
                                 len(questions_zh)),
            check_question_lengths(reader, file, label, questions + questions_zh),
            check_answer_length(reader, file, lines.get("answer", line), label, answer),
            check_answer_length(reader, file, lines.get("answer_zh", line), label, answer_zh),
        ]
        return all(within) and self.budget.take_questions(file, line, label, len(questions) + len(questions_zh))

    def check_sources_exist(self, file: str, items: list[tuple[str, int]], label: str | None) -> None:
        for source, source_line in items:
            if source not in self.source_ids:
                self.reader.problem(file, source_line, label, f"source '{source}' does not exist.",
                                    f"use an id from sources.yaml{did_you_mean(source, self.source_ids)}.")

    def check_related(self) -> None:
        if not self.budget.complete:
            return  # the entries not read may be the ones named
        for file, line, entry, other in self.pending_related:
            if other not in self.ids:
                self.reader.problem(file, line, entry, f"related entry '{other}' does not exist.",
                                    f"use the id of another entry{did_you_mean(other, self.ids)}.")
