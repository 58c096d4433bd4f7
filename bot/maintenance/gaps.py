"""Group similar unanswered questions, so maintainers see what to add first.

Pure functions over their arguments (no shared mutable state), so the bot can
run them in a worker thread while it keeps answering.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from bot.answering.engine import Engine
from bot.language.normalize import Normalizer
from bot.language.words import surface_tokens
from bot.maintenance.clustering import cluster_texts
from bot.maintenance.store import UnansweredRow

# Two questions whose meaningful words overlap this much (token_set_ratio) are one gap.
SIMILAR_AT = 80.0
# Below this score the nearest entry is no useful suggestion.
NEAREST_AT = 0.35
# One report shows at most this many groups: finding each one's nearest entry is the costly part.
MAX_GROUPS_SHOWN = 20
_DURATION = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


@dataclass(frozen=True)
class Gap:
    count: int
    example: str  # the most frequent wording
    variants: tuple[str, ...]  # the other wordings, most frequent first
    nearest_entry: str | None

    def suggestion(self) -> str:
        return f"add as a phrasing of {self.nearest_entry}?" if self.nearest_entry else "a new entry?"


class GapList(list):
    """The largest gaps, biggest first, and how many groups there were in all."""

    def __init__(self, gaps: list[Gap], group_count: int):
        super().__init__(gaps)
        self.group_count = group_count


def parse_duration(text: str) -> timedelta:
    """'7d', '24h', '30m', '2w' -> timedelta; ValueError otherwise."""
    match = _DURATION.match(text or "")
    if not match:
        raise ValueError(f"{text!r} is not a duration like 7d, 24h, 30m or 2w")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def group_unanswered(rows: list[UnansweredRow], engine: Engine, limit: int = MAX_GROUPS_SHOWN) -> GapList:
    """Similar questions together, the `limit` biggest groups first, each with its nearest entry."""
    words_of = _QuestionWords(engine.normalizer)
    by_words: dict[str, list[str]] = {}
    for row in rows:
        by_words.setdefault(words_of(row.question) or row.question.strip().lower(), []).append(row.question.strip())
    keys = sorted(by_words, key=lambda words: -len(by_words[words]))  # stable: ties keep first-asked order
    groups = []
    for cluster in cluster_texts(keys, SIMILAR_AT):
        counts = Counter(question for position in cluster for question in by_words[keys[position]])
        wordings = sorted(counts, key=lambda q: (-counts[q], q))
        groups.append((counts.total(), wordings))
    groups.sort(key=lambda group: (-group[0], group[1][0]))
    gaps = []
    for count, wordings in groups[:max(limit, 0)]:
        ranked = [c for c in engine.ranked(wordings[0], limit=1) if c.score >= NEAREST_AT]
        gaps.append(Gap(count, wordings[0], tuple(wordings[1:]), ranked[0].entry.id if ranked else None))
    return GapList(gaps, len(groups))


class _QuestionWords:
    """A question's meaningful words, sorted and joined, as the engine reads them.

    Typo correction is the slow part of reading a question; questions share most of
    their words, so each distinct word is corrected once (per call, never shared).
    """

    def __init__(self, normalizer: Normalizer):
        self._normalizer = normalizer
        self._read_as: dict[str, str] = {}

    def __call__(self, question: str) -> str:
        words = surface_tokens(question)
        if not all(word.isascii() for word in words):  # Chinese is read as a whole
            analysis = self._normalizer.analyse(question, correct_typos=True)
        else:
            analysis = self._normalizer.analyse(question, correct_typos=False,
                                                words=[self._corrected(word) for word in words])
        return " ".join(sorted(analysis.content))

    def _corrected(self, word: str) -> str:
        read_as = self._read_as.get(word)
        if read_as is None:
            corrections = dict(self._normalizer.analyse(word, correct_typos=True).corrections)
            read_as = self._read_as[word] = corrections.get(word, word)
        return read_as


def format_gaps(gaps: list[Gap], limit: int = MAX_GROUPS_SHOWN) -> str:
    if not gaps:
        return "No unanswered questions in that period."
    lines = []
    for gap in gaps[:limit]:
        lines.append(f"{gap.count:4d}  {gap.example}  ->  {gap.suggestion()}")
        for variant in gap.variants[:3]:
            lines.append(f"        also: {variant}")
    group_count = getattr(gaps, "group_count", len(gaps))
    if group_count > min(limit, len(gaps)):
        lines.append(f"({group_count - min(limit, len(gaps))} more groups)")
    return "\n".join(lines)
