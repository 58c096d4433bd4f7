"""Problems found in the knowledge, reported the way maintainers can act on them."""

from __future__ import annotations

from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Problem(NamedTuple):
    """One thing wrong in a knowledge file: where, which entry, what, and the fix."""

    file: str
    line: int
    entry: str | None
    message: str
    fix: str
    severity: Severity = "error"

    def sort_key(self) -> tuple:
        """File, line, then the rest; a problem of no entry sorts first (None does not compare with text)."""
        return self.file, self.line, self.entry or "", self.entry is not None, self.message, self.fix, self.severity

    def __lt__(self, other: tuple) -> bool:
        return self.sort_key() < other.sort_key() if isinstance(other, Problem) else NotImplemented

    def __gt__(self, other: tuple) -> bool:
        return self.sort_key() > other.sort_key() if isinstance(other, Problem) else NotImplemented

    def __le__(self, other: tuple) -> bool:
        return self.sort_key() <= other.sort_key() if isinstance(other, Problem) else NotImplemented

    def __ge__(self, other: tuple) -> bool:
        return self.sort_key() >= other.sort_key() if isinstance(other, Problem) else NotImplemented

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        who = f" [{self.entry}]" if self.entry else ""
        tag = "" if self.severity == "error" else " (warning)"
        return f"{where}:{who}{tag} {self.message} Fix: {self.fix}"


class KnowledgeError(Exception):
    """The knowledge folder cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the knowledge:\n{lines}")
