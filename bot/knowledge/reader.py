"""The reader core: the knowledge folder, the problems found so far, and reading one file of it.

The per-kind modules (`sources`, `wordlists`, `entries`) read their files through a `Reader`
and report into it; `loader` runs them in order. Only this package sees raw YAML.
"""

from __future__ import annotations

import os
from pathlib import Path

from bot.knowledge.files import FileProblem, yaml_files
from bot.knowledge.problems import Problem, Severity
from bot.knowledge.yamlfile import LineList, LineMap, read_yaml, type_name

SOURCES_FILE = "sources.yaml"
FACTS_FILE = "facts.yaml"
ENTRIES_DIR = "entries"
SMALLTALK_FILE = "smalltalk.yaml"
SYNONYMS_FILE = "synonyms.yaml"
EXAMPLES_FILE = "examples.yaml"
REQUIRED_FILES = (SOURCES_FILE, FACTS_FILE, SYNONYMS_FILE, SMALLTALK_FILE, EXAMPLES_FILE)


class Reader:
    """Collects every problem; reads a file and checks the shape of its top level."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.problems: list[Problem] = []
        self.broken_files: list[str] = []  # files missing or not readable as YAML
        self._entry_files: list[Path] | None = None

    def problem(self, file: str, line: int, entry: str | None, message: str, fix: str,
                severity: Severity = "error") -> None:
        self.problems.append(Problem(file, line, entry, message, fix, severity))

    def rel(self, path: Path) -> str:
        return path.relative_to(self.directory).as_posix()

    def exists(self, name: str) -> bool:
        """Whether there is anything at all by that name (a broken link too: reading says why)."""
        return os.path.lexists(self.directory / name)

    def entry_files(self) -> list[Path]:
        """The .yaml files in entries/, sorted; read once, problems reported once."""
        if self._entry_files is None:
            found = yaml_files(self.directory / ENTRIES_DIR)
            if isinstance(found, FileProblem):
                self.problem(ENTRIES_DIR, 0, None, f"this folder {found.message}", found.fix)
                found = []
            self._entry_files = [self.directory / ENTRIES_DIR / name for name in found]
        return self._entry_files

    def knowledge_files(self) -> list[Path]:
        """Every file the knowledge is read from."""
        return [self.directory / name for name in REQUIRED_FILES] + self.entry_files()

    def load_file(self, path: Path):
        """The file's content, or None after reporting why it cannot be used."""
        document = read_yaml(path)
        name = self.rel(path)
        for line in document.tab_lines:
            self.problem(name, line, None, "contains a tab character.",
                         "replace it with spaces; YAML does not allow tabs for indentation.",
                         severity="error" if document.error else "warning")
        if document.error:
            self.broken_files.append(name)
            self.problem(name, document.error.line, None, f"this file {document.error.message}", document.error.fix)
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

    def top_mapping(self, name: str) -> LineMap | None:
        return self.top_level(name, LineMap, "a set of 'id:' blocks",
                              "start each block with its id followed by ':' at the start of a line.")

    def top_list(self, name: str) -> LineList | None:
        return self.top_level(name, LineList, "a list", "start each item with '- ' at the start of a line.")

    def top_level(self, name: str, shape: type, described: str, fix: str):
        """The file's content if it exists, parses and has the expected shape."""
        path = self.directory / name
        if not self.exists(name):
            return None
        data = self.load_file(path)
        if data is None:
            return None
        if not isinstance(data, shape):
            self.problem(name, 1, None, f"this file must be {described}, but it is {type_name(data)}.", fix)
            return None
        return data
