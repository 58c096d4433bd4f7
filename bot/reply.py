"""What `answer()` returns, and how it reads as plain text or JSON."""

from __future__ import annotations

from typing import Literal, NamedTuple

Status = Literal["answered", "clarify", "unknown"]


class SourceRef(NamedTuple):
    id: str
    title: str
    citation: str  # title with publisher and date where known


class Suggestion(NamedTuple):
    entry: str
    question: str


class Reply(NamedTuple):
    question: str
    status: Status
    answer: str | None
    entry: str | None
    score: float
    sources: tuple[SourceRef, ...]
    suggestions: tuple[Suggestion, ...]  # clarify: the candidates; otherwise follow-ups
    text: str  # exactly what the user sees

    def to_json(self) -> dict:
        """The stable contract of `pledgebot ask --json`."""
        return {
            "question": self.question,
            "status": self.status,
            "answer": self.answer,
            "entry": self.entry,
            "score": round(float(self.score), 4),
            "sources": [{"id": s.id, "title": s.title} for s in self.sources],
            "suggestions": [{"entry": s.entry, "question": s.question} for s in self.suggestions],
            "reply": self.text,
        }


def source_line(sources: tuple[SourceRef, ...]) -> str:
    if not sources:
        return ""
    label = "Source" if len(sources) == 1 else "Sources"
    return f"{label}: " + "; ".join(s.citation for s in sources)


def answered_text(answer: str, sources: tuple[SourceRef, ...]) -> str:
    line = source_line(sources)
    return f"{answer}\n\n{line}" if line else answer


def clarify_text(candidates: tuple[Suggestion, ...]) -> str:
    if len(candidates) == 1:
        return f"I'm not sure I understood. Did you mean: {candidates[0].question}"
    options = "\n".join(f"{n}. {s.question}" for n, s in enumerate(candidates, 1))
    return f"I'm not sure which of these you mean:\n{options}\nAsk again with the one you want."


def unknown_text(examples: tuple[Suggestion, ...], empty: bool = False) -> str:
    if empty:
        opening = "Please type a question."
    else:
        opening = "Sorry, I don't know. My sources don't cover that."
    lines = [
        opening,
        "I answer questions about Alibaba's 2021 common prosperity pledges: the 100 billion yuan "
        "Ten Actions, the 20 billion yuan fund, Zhang Yong's team and the Alibaba Foundation.",
    ]
    if examples:
        lines.append("You could ask:")
        lines.extend(f"- {s.question}" for s in examples)
    return "\n".join(lines)
