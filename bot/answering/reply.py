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
    lang: str = "en"  # the language of the reply: "en" or "zh"

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
            "lang": self.lang,
        }


def source_line(sources: tuple[SourceRef, ...], lang: str = "en") -> str:
    if not sources:
        return ""
    if lang == "zh":
        return "来源：" + "；".join(s.citation for s in sources)
    label = "Source" if len(sources) == 1 else "Sources"
    return f"{label}: " + "; ".join(s.citation for s in sources)


def answered_text(answer: str, sources: tuple[SourceRef, ...], lang: str = "en") -> str:
    line = source_line(sources, lang)
    return f"{answer}\n\n{line}" if line else answer


def clarify_text(candidates: tuple[Suggestion, ...], lang: str = "en") -> str:
    if lang == "zh":
        if len(candidates) == 1:
            return f"我不太确定是否理解了你的问题。你是想问：{candidates[0].question}"
        options = "\n".join(f"{n}. {s.question}" for n, s in enumerate(candidates, 1))
        return f"我不太确定你指的是哪一个：\n{options}\n请换个问法，问你想知道的那一个。"
    if len(candidates) == 1:
        return f"I'm not sure I understood. Did you mean: {candidates[0].question}"
    options = "\n".join(f"{n}. {s.question}" for n, s in enumerate(candidates, 1))
    return f"I'm not sure which of these you mean:\n{options}\nAsk again with the one you want."


UNKNOWN = {
    "en": ("Sorry, I don't know. My sources don't cover that.", "Please type a question.",
           "I answer questions about Alibaba's 2021 common prosperity pledges: the 100 billion yuan "
           "Ten Actions, the 20 billion yuan fund, Zhang Yong's team and the Alibaba Foundation.",
           "You could ask:"),
    "zh": ("抱歉，我不知道。我的资料里没有这方面的内容。", "请输入一个问题。",
           "我可以回答关于阿里巴巴2021年共同富裕承诺的问题：1000亿元的“十大行动”、200亿元的共同富裕发展基金、"
           "张勇领导的团队，以及阿里巴巴公益基金会。",
           "你可以问："),
}


def unknown_text(examples: tuple[Suggestion, ...], empty: bool = False, lang: str = "en") -> str:
    sorry, type_one, scope, try_these = UNKNOWN[lang]
    lines = [type_one if empty else sorry, scope]
    if examples:
        lines.append(try_these)
        lines.extend(f"- {s.question}" for s in examples)
    return "\n".join(lines)
