"""Round-trip edits of the hand-written knowledge YAML: comments, order, quoting and
folded text stay exactly as the maintainers wrote them; only the added lines differ.

Every function takes a file's text and returns the new text (nothing is written here).
A file is edited only when ruamel.yaml writes it back byte for byte unchanged with one
of the indentation styles the knowledge uses; otherwise `EditError` says so, rather than
reformatting someone's file.
"""

from __future__ import annotations

import io
import re

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

# (mapping, sequence, offset) indents: "  - item" under its key, and "- item" at the top.
_STYLES = ((2, 4, 2), (2, 2, 0))


_COMMON = {"what", "which", "when", "where", "were", "does", "that", "this", "with", "have", "from", "they",
           "there", "about", "will", "would", "many", "much", "tell"}


class EditError(Exception):
    """The edit cannot be made safely; the message says why, in one line."""


def _yaml(style: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap a long line
    yaml.allow_unicode = True
    mapping, sequence, offset = style
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: YAML, data) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def load(text: str, name: str = "the file"):
    """(yaml, data) for a file that round-trips unchanged; EditError otherwise."""
    for style in _STYLES:
        yaml = _yaml(style)
        try:
            data = yaml.load(text)
        except Exception as exc:  # noqa: BLE001 - ruamel raises many kinds; all mean "cannot edit"
            raise EditError(f"{name} cannot be read as YAML: {str(exc).splitlines()[0]}") from exc
        if _dump(yaml, data) == text:
            return yaml, data
    raise EditError(f"{name} would not keep its layout if edited by the tool; edit it by hand")


def round_trip(text: str, name: str = "the file") -> str:
    yaml, data = load(text, name)
    return _dump(yaml, data)


def _append(items: CommentedSeq, value) -> None:
    """Append, keeping a comment or blank line that followed the old last item after the new one."""
    last = len(items) - 1
    items.append(value)
    if last >= 0 and last in items.ca.items:
        items.ca.items[last + 1] = items.ca.items.pop(last)


def _entry(data, entry_id: str, name: str) -> CommentedMap:
    for entry in (data or {}).get("entries") or []:
        if isinstance(entry, CommentedMap) and entry.get("id") == entry_id:
            return entry
    raise EditError(f"{name} has no entry '{entry_id}'")


def _add_to_list(block: CommentedMap, key: str, value) -> None:
    items = block.get(key)
    if items is None:
        _add_key(block, key, CommentedSeq([value]))
    elif isinstance(items, CommentedSeq):
        _append(items, value)
    else:
        raise EditError(f"'{key}' is not a list")


def add_phrasing(text: str, entry_id: str, question: str, chinese: bool, name: str = "the file") -> str:
    """The question added to the end of the entry's `questions` (or `questions_zh`)."""
    yaml, data = load(text, name)
    _add_to_list(_entry(data, entry_id, name), "questions_zh" if chinese else "questions", question)
    return _dump(yaml, data)


def add_case(text: str, question: str, expect: str, name: str = "eval.yaml") -> str:
    """A `- {q: "...", expect: ...}` line at the end of the regression cases."""
    yaml, data = load(text, name)
    cases = data.get("cases") if isinstance(data, CommentedMap) else None
    if not isinstance(cases, CommentedSeq):
        raise EditError(f"{name} has no 'cases:' list")
    case = CommentedMap([("q", DoubleQuotedScalarString(question)), ("expect", expect)])
    case.fa.set_flow_style()
    _append(cases, case)
    return _dump(yaml, data)


def gaps_of(text: str, entry_id: str, name: str = "the file") -> list[str]:
    """The ids of the entry's known gaps (`not_stated`)."""
    _, data = load(text, name)
    return [gap.get("id") for gap in _entry(data, entry_id, name).get("not_stated") or []
            if isinstance(gap, CommentedMap)]


def new_gap_id(question: str, taken: list[str]) -> str:
    """A short id from the question's longer words, unique among `taken`."""
    words = [w for w in re.findall(r"[a-z0-9]+", question.lower()) if len(w) > 3 and w not in _COMMON][:3]
    base = "-".join(words) or "gap"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def add_gap_question(text: str, entry_id: str, gap_id: str, question: str, chinese: bool,
                     name: str = "the file") -> str:
    yaml, data = load(text, name)
    for gap in _entry(data, entry_id, name).get("not_stated") or []:
        if isinstance(gap, CommentedMap) and gap.get("id") == gap_id:
            _add_to_list(gap, "questions_zh" if chinese else "questions", question)
            return _dump(yaml, data)
    raise EditError(f"'{entry_id}' has no known gap '{gap_id}'")


def add_gap(text: str, entry_id: str, gap_id: str, question: str, chinese: bool, reply: str,
            name: str = "the file") -> str:
    """A new known gap of the entry, with the question and the maintainer's one-line reply."""
    yaml, data = load(text, name)
    entry = _entry(data, entry_id, name)
    questions = CommentedSeq([question])
    questions.fa.set_flow_style()
    gap = CommentedMap([("id", gap_id), ("questions_zh" if chinese else "questions", questions),
                        ("reply_zh" if chinese else "reply", reply)])
    _add_to_list(entry, "not_stated", gap)
    return _dump(yaml, data)


def _add_key(block: CommentedMap, key: str, value: CommentedSeq) -> None:
    """`key: value` (a block list) at the end of `block`, taking over the comment or blank
    line that followed the old last key, so it still comes after the block."""
    last_key = list(block)[-1] if block else None
    old = block.get(last_key) if last_key is not None else None
    token = None
    if isinstance(old, CommentedSeq) and not old.fa.flow_style() and len(old) - 1 in old.ca.items:
        token = old.ca.items.pop(len(old) - 1)[0]
    elif isinstance(old, CommentedMap) and not old.fa.flow_style() and old and list(old)[-1] in old.ca.items:
        token = old.ca.items.pop(list(old)[-1])[2]
    elif last_key in block.ca.items:
        token = block.ca.items.pop(last_key)[2]
    block[key] = value
    if token is not None:
        value.ca.items[len(value) - 1] = [token, None, None, None]
