"""Checks shared by every kind of file: known keys, text, lists of text, ids.

Each takes the reader to report into, returns what it could read (or None) and
reports why not, so one bad value never hides the next.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from bot.knowledge.yamlfile import LineList, LineMap, type_name

if TYPE_CHECKING:
    from bot.knowledge.reader import Reader

MAX_ID_LENGTH = 40  # ids travel in Telegram button data, which holds 64 bytes
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_keys(reader: Reader, file: str, mapping: LineMap, allowed: dict[str, bool], entry: str | None,
               what: str) -> bool:
    """Report unknown keys and missing required ones; True when none is missing."""
    ok = True
    for key in mapping:
        if key not in allowed:
            reader.problem(file, mapping.key_lines.get(key, mapping.line), entry,
                           f"unknown key '{key}' in {what}.",
                           f"use only {', '.join(allowed)}{did_you_mean(key, allowed)}.")
    for key, required in allowed.items():
        if required and key not in mapping:
            reader.problem(file, mapping.line, entry, f"{what} has no '{key}'.", f"add '{key}:' to it.")
            ok = False
    return ok


def text(reader: Reader, file: str, mapping: LineMap, key: str, entry: str | None) -> str | None:
    """The value of `key` as non-empty text, or None after reporting why not."""
    value = mapping.get(key)
    line = mapping.key_lines.get(key, mapping.line)
    if value is None and key not in mapping:
        return None
    if not isinstance(value, str):
        shown = f'"{value}"' if isinstance(value, (int, float)) and not isinstance(value, bool) else '"..."'
        reader.problem(file, line, entry, f"'{key}' must be text, but it is {type_name(value)}.",
                       f"put the value in quotes, like {key}: {shown}.")
        return None
    if not value.strip():
        reader.problem(file, line, entry, f"'{key}' is empty.", f"write the {key}, or remove the line.")
        return None
    return value.strip()


def text_list(reader: Reader, file: str, mapping: LineMap, key: str, entry: str | None) -> list[tuple[str, int]]:
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
        reader.problem(file, line, entry, f"'{key}' must be a list, but it is {type_name(value)}.",
                       f"write it as a list: one '- item' per line under '{key}:'.")
        return []
    items = []
    for item, item_line in zip(value, lines):
        if isinstance(item, str) and item.strip():
            items.append((item.strip(), item_line))
        else:
            shown = f'"{item}"' if isinstance(item, (int, float, bool)) else '"..."'
            reader.problem(file, item_line, entry,
                           f"an item of '{key}' must be text, but it is {type_name(item)}.",
                           f"put it in quotes, like - {shown}.")
    return items


def check_id(reader: Reader, file: str, line: int, value, what: str, seen: dict[str, str]) -> str | None:
    """The id if it is valid and new (recorded in `seen`), or None after reporting why not."""
    if isinstance(value, str) and len(value) > MAX_ID_LENGTH:
        reader.problem(file, line, None, f"{what} id {value!r} is longer than {MAX_ID_LENGTH} characters.",
                       "shorten it; ids are sent inside Telegram buttons.")
        return None
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        reader.problem(file, line, None, f"{what} id {value!r} is not a valid id.",
                       "use lowercase letters, digits, '-' and '_' only, like pledge-amount.")
        return None
    if value in seen:
        reader.problem(file, line, value, f"id '{value}' is already used at {seen[value]}.",
                       "give this one a different id.")
        return None
    seen[value] = f"{file}:{line}"
    return value
