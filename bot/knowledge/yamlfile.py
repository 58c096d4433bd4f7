"""Read YAML keeping line numbers, so every problem can point at `file:line`.

Bounded: the bytes are read within a size limit (`files`), and the parser's event stream is
checked for nesting depth, anchors, aliases, tags and overlong numbers before any object is
built, so no file can make reading slow, huge or crash. Only the loader uses this module;
everything past it sees frozen objects.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import yaml

from bot.knowledge.files import FileProblem, read_bytes
from bot.knowledge.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NUMBER_CHARS

SYNTAX_FIX = ("compare the line with the examples in knowledge/README.md "
              "(indentation, a ':' after each key, quotes around text with ':' or '#').")


class LineMap(dict):
    """A YAML mapping that remembers its own line and each key's line (1-based)."""

    line: int
    key_lines: dict
    duplicate_keys: list  # (key, first line, repeated line)


class LineList(list):
    """A YAML sequence that remembers its own line and each item's line (1-based)."""

    line: int
    item_lines: list


def type_name(value: object) -> str:
    """A value as a problem message names it ("a list", "the number 3")."""
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
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return type(value).__name__


# libyaml's parser when PyYAML has it (much faster), the pure-Python one otherwise;
# either way the constructors below keep line numbers and spot duplicate keys.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    def construct_object(self, node, deep=False):
        """Any value Python cannot build (a date like 2021-13-45) is a YAML error at its line."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError, AttributeError) as exc:
            shown = f"'{node.value}'" if isinstance(node.value, str) else "this value"
            raise yaml.constructor.ConstructorError(
                None, None, f"{shown} cannot be read ({exc})", node.start_mark) from exc

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
    """A file that cannot be read: where, what (worded to follow "this file ..."), and the fix."""

    line: int
    message: str
    fix: str = SYNTAX_FIX


class YamlDocument(NamedTuple):
    data: object = None
    error: YamlError | None = None
    tab_lines: tuple[int, ...] = ()


def read_yaml(path: Path, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    """Parse one file; never raises for bad content or a bad file, reports it instead."""
    raw = read_bytes(path, max_bytes)
    if isinstance(raw, FileProblem):
        return YamlDocument(error=YamlError(0, raw.message, raw.fix))
    text = decode(raw)
    if isinstance(text, YamlError):
        return YamlDocument(error=text)
    tab_lines = tuple(n for n, line in enumerate(split_lines(text), 1) if "\t" in line)
    try:
        error = first_refused_event(text)
        if error is not None:
            return YamlDocument(error=error, tab_lines=tab_lines)
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        return YamlDocument(error=parse_error(exc, text), tab_lines=tab_lines)
    return YamlDocument(data=data, tab_lines=tab_lines)


# The line breaks YAML counts (libyaml's and PyYAML's marks): \r\n, \r, \n, NEL, LS and PS.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def line_at(text: str, position: int) -> int:
    """The 1-based line, as YAML counts lines, of the character at `position`."""
    return len(_LINE_BREAK.findall(text, 0, position)) + 1


def decode(raw: bytes) -> str | YamlError:
    """The text, or where the first byte that is not UTF-8 is."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start].decode("utf-8")
        return YamlError(line_at(before, len(before)), f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}: {exc.reason}).",
                         "save the file as UTF-8 (your editor's 'encoding' setting); "
                         "the line may hold a character typed in another encoding, like é or ’.")


def parse_error(exc: yaml.YAMLError, text: str) -> YamlError:
    if isinstance(exc, yaml.reader.ReaderError):
        return forbidden_character(text)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc)
    if problem == "exceeded maximum nesting depth":  # libyaml's own limit (1,000), met scanning ahead
        return too_deep_at(line)
    return YamlError(line, f"is not valid YAML: {problem}.")


# The characters YAML does not allow (PyYAML's Reader.NON_PRINTABLE). A ReaderError has no line,
# and libyaml gives a byte offset where PyYAML gives a character one: find the character here.
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def forbidden_character(text: str) -> YamlError:
    found = _NON_PRINTABLE.search(text)
    line, shown = (line_at(text, found.start()), f"U+{ord(found.group()):04X}") if found else (1, "a control character")
    return YamlError(line, f"contains a character YAML does not allow ({shown}).",
                     "remove it; it is usually invisible, so retype the line.")


# -- the event stream, checked before anything is built --------------------------------
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_resolver = yaml.resolver.Resolver()
_ANCHOR_FIX = ("write the text out in full each place it is needed; text that starts with "
               "'&' or '*' must be in quotes.")


def first_refused_event(text: str) -> YamlError | None:
    """The first thing the knowledge does not allow, read from the parser's events one by one
    (so neither depth nor aliases can make this step slow or deep); None if there is none."""
    parser = _BaseLoader(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            depth += 1 if isinstance(event, _OPEN) else -1 if isinstance(event, _CLOSE) else 0
            error = (too_deep(event, depth) or refused_alias(event) or refused_anchor(event)
                     or refused_tag(event) or too_long_number(event))
            if error is not None:
                return error
    finally:
        parser.dispose()
    return None


def _line(event) -> int:
    return event.start_mark.line + 1


def too_deep(event, depth: int) -> YamlError | None:
    return too_deep_at(_line(event)) if depth > MAX_DEPTH else None


def too_deep_at(line: int) -> YamlError:
    return YamlError(line, f"nests lists and sets of keys more than {MAX_DEPTH} levels deep.",
                     "an entries file needs 4 levels (entries, an entry, its questions); "
                     "check the brackets and the indentation on this line.")


def refused_alias(event) -> YamlError | None:
    if not isinstance(event, yaml.AliasEvent):
        return None
    return YamlError(_line(event), f"uses the YAML alias '*{event.anchor}'; knowledge files do not allow "
                     "aliases or anchors.", _ANCHOR_FIX)


def refused_anchor(event) -> YamlError | None:
    if getattr(event, "anchor", None) is None or isinstance(event, yaml.AliasEvent):
        return None
    return YamlError(_line(event), f"uses the YAML anchor '&{event.anchor}'; knowledge files do not allow "
                     "anchors or aliases.", _ANCHOR_FIX)


def refused_tag(event) -> YamlError | None:
    tag = getattr(event, "tag", None)
    if tag is None:
        return None
    shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
    return YamlError(_line(event), f"uses the YAML tag '{shown}'; knowledge files do not use tags.",
                     "remove it; text that starts with '!' must be in quotes.")


def too_long_number(event) -> YamlError | None:
    if not isinstance(event, yaml.ScalarEvent) or len(event.value) <= MAX_NUMBER_CHARS or not event.implicit[0]:
        return None
    if _resolver.resolve(yaml.ScalarNode, event.value, (True, False)) not in _NUMBER_TAGS:
        return None
    return YamlError(_line(event), f"has a number {len(event.value):,} characters long; "
                     f"a number may be at most {MAX_NUMBER_CHARS} characters.",
                     "put it in quotes if it is text, or shorten it.")
