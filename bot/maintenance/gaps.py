"""Group similar unanswered questions, so maintainers see what to add first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from rapidfuzz import fuzz

from bot.answering.engine import Engine
from bot.maintenance.store import UnansweredRow

# Two questions whose meaningful words overlap this much (token_set_ratio) are one gap.
SIMILAR_AT = 80.0
# Below this score the nearest entry is no useful suggestion.
NEAREST_AT = 0.35
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


def parse_duration(text: str) -> timedelta:
    """'7d', '24h', '30m', '2w' -> timedelta; ValueError otherwise."""
    match = _DURATION.match(text or "")
    if not match:
        raise ValueError(f"{text!r} is not a duration like 7d, 24h, 30m or 2w")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def group_unanswered(rows: list[UnansweredRow], engine: Engine) -> list[Gap]:
    """Similar questions together, the biggest group first, each with its nearest entry."""
    by_words: dict[str, list[str]] = {}
    for row in rows:
        words = " ".join(sorted(engine.normalizer.analyse(row.question, correct_typos=True).content))
        by_words.setdefault(words or row.question.strip().lower(), []).append(row.question.strip())
    groups: list[tuple[str, list[str]]] = []
    for words, questions in sorted(by_words.items(), key=lambda kv: -len(kv[1])):
        for key, members in groups:
            if fuzz.token_set_ratio(words, key, processor=None, score_cutoff=SIMILAR_AT):
                members.extend(questions)
                break
        else:
            groups.append((words, list(questions)))
    gaps = []
    for _, questions in groups:
        counts: dict[str, int] = {}
        for question in questions:
            counts[question] = counts.get(question, 0) + 1
        wordings = sorted(counts, key=lambda q: (-counts[q], q))
        ranked = [c for c in engine.ranked(wordings[0], limit=1) if c.score >= NEAREST_AT]
        gaps.append(Gap(len(questions), wordings[0], tuple(wordings[1:]), ranked[0].entry.id if ranked else None))
    gaps.sort(key=lambda g: (-g.count, g.example))
    return gaps


def format_gaps(gaps: list[Gap], limit: int = 20) -> str:
    if not gaps:
        return "No unanswered questions in that period."
    lines = []
    for gap in gaps[:limit]:
        lines.append(f"{gap.count:4d}  {gap.example}  ->  {gap.suggestion()}")
        for variant in gap.variants[:3]:
            lines.append(f"        also: {variant}")
    if len(gaps) > limit:
        lines.append(f"({len(gaps) - limit} more groups)")
    return "\n".join(lines)
