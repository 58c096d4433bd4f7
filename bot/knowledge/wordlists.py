"""synonyms.yaml and examples.yaml: lists of words and of questions, no entries."""

from __future__ import annotations

from bot.knowledge.bounds import check_example_count
from bot.knowledge.fields import check_keys, text_list
from bot.knowledge.model import Location, Phrasing, SynonymGroup
from bot.knowledge.limits import MAX_EXAMPLES
from bot.knowledge.reader import EXAMPLES_FILE, SYNONYMS_FILE, Reader
from bot.knowledge.yamlfile import LineList, LineMap, type_name

SYNONYM_KEYS = {"words": True, "note": False}


def read_synonyms(reader: Reader) -> list[SynonymGroup]:
    data = reader.top_list(SYNONYMS_FILE)
    groups: list[SynonymGroup] = []
    owner: dict[str, int] = {}  # each word (lowercased) and the line of its group
    for item, line in zip(data or [], (data.item_lines if data else [])):
        words = synonym_words(reader, item, line)
        if words is None:
            continue
        if len(words) < 2:
            reader.problem(SYNONYMS_FILE, line, None, "a synonym group needs at least two words.",
                           "add the words people type instead, or remove the line.")
            continue
        kept = words_not_in_other_groups(reader, words, line, owner)
        if len(kept) >= 2:
            groups.append(SynonymGroup(tuple(kept), Location(SYNONYMS_FILE, line)))
    return groups


def synonym_words(reader: Reader, item, line: int) -> list[tuple[str, int]] | None:
    """The words of one group, written as [a, b] or as words: [a, b]; None if it is neither."""
    if isinstance(item, LineMap):
        check_keys(reader, SYNONYMS_FILE, item, SYNONYM_KEYS, None, "a synonym group")
        return text_list(reader, SYNONYMS_FILE, item, "words", None)
    if isinstance(item, LineList):
        return text_list(reader, SYNONYMS_FILE, words_mapping(item, line), "words", None)
    reader.problem(SYNONYMS_FILE, line, None, f"a synonym group must be a list of words, but it is {type_name(item)}.",
                   "write it as [word, other word, ...].")
    return None


def words_not_in_other_groups(reader: Reader, words: list[tuple[str, int]], line: int,
                              owner: dict[str, int]) -> list[str]:
    kept = []
    for word, _ in words:
        lowered = word.lower()
        if lowered in owner:
            reader.problem(SYNONYMS_FILE, line, None,
                           f"'{word}' is already in the group on line {owner[lowered]}.",
                           "keep each word in one group only.")
            continue
        owner[lowered] = line
        kept.append(word)
    return kept


def read_examples(reader: Reader) -> list[Phrasing]:
    data = reader.top_list(EXAMPLES_FILE)
    if data is None:
        return []
    if not check_example_count(reader, EXAMPLES_FILE, data.item_lines):
        del data[MAX_EXAMPLES:], data.item_lines[MAX_EXAMPLES:]
    items = text_list(reader, EXAMPLES_FILE, words_mapping(data, data.line), "words", None)
    return [Phrasing(text, Location(EXAMPLES_FILE, line)) for text, line in items]


def words_mapping(items: LineList, line: int) -> LineMap:
    """Wrap a bare list as {'words': list} so list readers can share `text_list`."""
    wrapper = LineMap(words=items)
    wrapper.line = line
    wrapper.key_lines = {"words": line}
    wrapper.duplicate_keys = []
    return wrapper
