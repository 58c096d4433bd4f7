"""sources.yaml and facts.yaml: the documents, and the figures, dates and names taken from them."""

from __future__ import annotations

from bot.knowledge.fields import check_id, check_keys, did_you_mean, text
from bot.knowledge.model import FACT_KINDS, Fact, Location, Source
from bot.knowledge.reader import FACTS_FILE, SOURCES_FILE, Reader
from bot.knowledge.yamlfile import LineMap, type_name
from bot.language.figures import chinese_value

SOURCE_KEYS = {"title": True, "publisher": False, "date": False, "file": False, "note": False}
FACT_KEYS = {"value": True, "zh": False, "kind": True, "source": True, "note": False}


def read_sources(reader: Reader) -> dict[str, Source]:
    data = reader.top_mapping(SOURCES_FILE)
    sources: dict[str, Source] = {}
    seen: dict[str, str] = {}
    for key, block in (data or {}).items():
        line = data.key_lines[key]
        source_id = check_id(reader, SOURCES_FILE, line, key, "source", seen)
        if source_id is None:
            continue
        if not isinstance(block, LineMap):
            reader.problem(SOURCES_FILE, line, source_id, f"source must be a set of keys, but it is {type_name(block)}.",
                           "give it at least 'title:' on the next line, indented.")
            continue
        check_keys(reader, SOURCES_FILE, block, SOURCE_KEYS, source_id, "a source")
        title = text(reader, SOURCES_FILE, block, "title", source_id)
        if title is None:
            continue
        sources[source_id] = Source(
            id=source_id, title=title,
            publisher=text(reader, SOURCES_FILE, block, "publisher", source_id),
            date=text(reader, SOURCES_FILE, block, "date", source_id),
            file=text(reader, SOURCES_FILE, block, "file", source_id),
            location=Location(SOURCES_FILE, line),
        )
    return sources


def read_facts(reader: Reader, sources: dict[str, Source]) -> tuple[dict[str, Fact], set[str]]:
    """The facts that are complete, and the id of every fact declared (even one dropped for its
    own problems, so an answer using it is not reported a second time)."""
    data = reader.top_mapping(FACTS_FILE)
    facts: dict[str, Fact] = {}
    declared: set[str] = set()
    seen: dict[str, str] = {}
    for key, block in (data or {}).items():
        line = data.key_lines[key]
        fact_id = check_id(reader, FACTS_FILE, line, key, "fact", seen)
        if fact_id is None:
            continue
        declared.add(fact_id)
        if not isinstance(block, LineMap):
            reader.problem(FACTS_FILE, line, fact_id, f"fact must be a set of keys, but it is {type_name(block)}.",
                           "give it 'value:', 'kind:' and 'source:' on the next lines, indented.")
            continue
        fact = read_fact(reader, fact_id, line, block, sources)
        if fact is not None:
            facts[fact_id] = fact
    return facts, declared


def read_fact(reader: Reader, fact_id: str, line: int, block, sources: dict[str, Source]) -> Fact | None:
    check_keys(reader, FACTS_FILE, block, FACT_KEYS, fact_id, "a fact")
    value = text(reader, FACTS_FILE, block, "value", fact_id)
    kind = text(reader, FACTS_FILE, block, "kind", fact_id)
    source = text(reader, FACTS_FILE, block, "source", fact_id)
    if kind is not None and kind not in FACT_KINDS:
        reader.problem(FACTS_FILE, block.key_lines["kind"], fact_id, f"unknown kind '{kind}'.",
                       f"use one of {', '.join(FACT_KINDS)}{did_you_mean(kind, FACT_KINDS)}.")
        kind = None
    if source is not None and source not in sources:
        reader.problem(FACTS_FILE, block.key_lines["source"], fact_id, f"source '{source}' does not exist.",
                       f"use an id from sources.yaml{did_you_mean(source, sources)}.")
    if value is None or kind is None or source is None:
        return None
    value_zh = text(reader, FACTS_FILE, block, "zh", fact_id) or derived_chinese(value, kind)
    return Fact(fact_id, value, kind, source, Location(FACTS_FILE, line), value_zh)


def derived_chinese(value: str, kind: str) -> str | None:
    """The value written the Chinese way, or None when no rule applies. A count no rule can
    write ('nan', 400 digits) raises in the rules; `check` then asks for a zh: line."""
    try:
        return chinese_value(value, kind)
    except (ValueError, OverflowError):
        return None
