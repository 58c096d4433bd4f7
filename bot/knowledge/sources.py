"""sources.yaml and facts.yaml: the documents, and the figures, dates and names taken from them."""

from __future__ import annotations

from bot.knowledge.fields import check_id, check_keys, did_you_mean, text
from bot.knowledge.model import FACT_KINDS, Fact, Location, Source
from bot.knowledge.reader import FACTS_FILE, SOURCES_FILE, Reader
from bot.knowledge.yamlfile import LineMap, type_name
from bot.language.figures import chinese_value

SOURCE_KEYS = {"title": True, "publisher": False, "date": False, "file": False, "note": False}
FACT_KEYS = {"value": True, "zh": False, "kind": True, "source": True, "note": False, "counts": False}


def _blocks(reader: Reader, file: str, what: str, fix: str, declared: set[str] | None = None):
    """(id, line, block) for each top-level key of `file` with a valid id and a set of keys under it;
    every other key is reported. `declared` collects every valid id, even of a dropped block."""
    data = reader.top_mapping(file)
    seen: dict[str, str] = {}
    for key, block in (data or {}).items():
        line = data.key_lines[key]
        block_id = check_id(reader, file, line, key, what, seen)
        if block_id is None:
            continue
        if declared is not None:
            declared.add(block_id)
        if not isinstance(block, LineMap):
            reader.problem(file, line, block_id, f"{what} must be a set of keys, but it is {type_name(block)}.", fix)
            continue
        yield block_id, line, block


def read_sources(reader: Reader) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for source_id, line, block in _blocks(reader, SOURCES_FILE, "source",
                                          "give it at least 'title:' on the next line, indented."):
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
    facts: dict[str, Fact] = {}
    declared: set[str] = set()
    for fact_id, line, block in _blocks(reader, FACTS_FILE, "fact",
                                        "give it 'value:', 'kind:' and 'source:' on the next lines, indented.",
                                        declared):
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
    counts = text(reader, FACTS_FILE, block, "counts", fact_id)
    return Fact(fact_id, value, kind, source, Location(FACTS_FILE, line), value_zh, counts)


def derived_chinese(value: str, kind: str) -> str | None:
    """The value written the Chinese way, or None when no rule applies. A count no rule can
    write ('nan', 400 digits) raises in the rules; `check` then asks for a zh: line."""
    try:
        return chinese_value(value, kind)
    except (ValueError, OverflowError):
        return None
