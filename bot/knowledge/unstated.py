"""An entry's `not_stated:` list: what people ask of it that the documents do not say.

    not_stated:
      - id: launch-date
        questions: [on which day were the ten actions announced]
        questions_zh: [十大行动是哪天宣布的]
        reply: The article gives no date for the announcement.
        reply_zh: 文章没有给出公布的具体日期。
"""

from __future__ import annotations

from bot.knowledge.fields import ID_PATTERN, check_keys, text, text_list
from bot.knowledge.model import KnownGap, Location, Phrasing
from bot.knowledge.reader import Reader
from bot.knowledge.yamlfile import LineList, LineMap, type_name

GAP_KEYS = {"id": True, "questions": True, "questions_zh": False, "reply": True, "reply_zh": False, "note": False}


def read_known_gaps(reader: Reader, file: str, block: LineMap, entry: str | None) -> tuple[KnownGap, ...]:
    if "not_stated" not in block or block.get("not_stated") is None:
        return ()
    items = block.get("not_stated")
    line = block.key_lines.get("not_stated", block.line)
    if not isinstance(items, LineList):
        reader.problem(file, line, entry, f"'not_stated' must be a list, but it is {type_name(items)}.",
                       "write one '- id: ...' per thing the documents do not say, with its questions and reply.")
        return ()
    gaps, seen = [], set()
    for item, item_line in zip(items, items.item_lines):
        gap = _read_gap(reader, file, item, item_line, entry)
        if gap is None:
            continue
        if gap.id in seen:
            reader.problem(file, item_line, entry, f"the known gap '{gap.id}' is listed twice.",
                           "give each gap of an entry its own id, or merge their questions.")
            continue
        seen.add(gap.id)
        gaps.append(gap)
    return tuple(gaps)


def _read_gap(reader: Reader, file: str, item, line: int, entry: str | None) -> KnownGap | None:
    if not isinstance(item, LineMap):
        reader.problem(file, line, entry, f"a known gap must be a set of keys, but it is {type_name(item)}.",
                       "write it as '- id: ...' with 'questions:' and 'reply:' indented under it.")
        return None
    complete = check_keys(reader, file, item, GAP_KEYS, entry, "a known gap")
    gap_id = item.get("id")
    questions = text_list(reader, file, item, "questions", entry)
    questions_zh = text_list(reader, file, item, "questions_zh", entry)
    reply = text(reader, file, item, "reply", entry)
    reply_zh = text(reader, file, item, "reply_zh", entry)
    if not isinstance(gap_id, str) or not ID_PATTERN.match(gap_id):
        if "id" in item:
            reader.problem(file, item.key_lines.get("id", line), entry,
                           f"a known gap's id must be lower-case letters, digits and '-', but it is {gap_id!r}.",
                           "use a short name such as launch-date.")
        return None
    if not complete or not questions or reply is None:
        return None
    return KnownGap(
        id=gap_id,
        questions=tuple(Phrasing(q, Location(file, q_line)) for q, q_line in questions),
        reply=reply,
        location=Location(file, line),
        questions_zh=tuple(Phrasing(q, Location(file, q_line)) for q, q_line in questions_zh),
        reply_zh=reply_zh,
    )
