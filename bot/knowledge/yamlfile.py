"""Read YAML keeping line numbers, so every problem can point at `file:line`.

Only the loader uses this module; everything past it sees frozen objects.
"""

from __future__ import annotations

from typing import NamedTuple
from pathlib import Path

import yaml


class LineMap(dict):
    """A YAML mapping that remembers its own line and each key's line (1-based)."""

    line: int
    key_lines: dict
    duplicate_keys: list  # (key, first line, repeated line)


class LineList(list):
    """A YAML sequence that remembers its own line and each item's line (1-based)."""

    line: int
    item_lines: list


# libyaml's parser when PyYAML has it (much faster), the pure-Python one otherwise;
# either way the constructors below keep line numbers and spot duplicate keys.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    def construct_mapping(self, node, deep=False):  # noqa: D401 - PyYAML hook
        result = LineMap()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        result.duplicate_keys = []
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                key = str(key)
            line = key_node.start_mark.line + 1
            if key in result.key_lines:
                # PyYAML silently keeps the last value; remember it so `check` can say so.
                result.duplicate_keys.append((key, result.key_lines[key], line))
            result.key_lines[key] = line
            result[key] = self.construct_object(value_node, deep=True)
        return result

    def construct_sequence(self, node, deep=False):
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence
)


class YamlError(NamedTuple):
    """A file that is not valid YAML: where and what the parser said."""

    line: int
    message: str


class YamlDocument(NamedTuple):
    data: object = None
    error: YamlError | None = None
    tab_lines: tuple[int, ...] = ()


def read_yaml(path: Path) -> YamlDocument:
    """Parse one file; never raises for bad content, reports it instead."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return YamlDocument(error=YamlError(1, f"is not UTF-8 text ({exc.reason})."))
    tab_lines = tuple(n for n, line in enumerate(text.splitlines(), 1) if "\t" in line)
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        return YamlDocument(error=YamlError(line, f"is not valid YAML: {problem}."), tab_lines=tab_lines)
    return YamlDocument(data=data, tab_lines=tab_lines)
