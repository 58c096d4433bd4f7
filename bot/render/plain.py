"""Replies as plain text for the terminal, and as the JSON of `pledgebot ask --json`."""

from __future__ import annotations

import json

from bot.answering.reply import Reply
from bot.knowledge.model import Knowledge
from bot.render.compose import compose, source_line
from bot.render.strings import text


def render_plain(reply: Reply, knowledge: Knowledge) -> str:
    shown = compose(reply, knowledge)
    blocks = [shown.lead] if shown.lead else []
    blocks += shown.paragraphs
    line = source_line(shown.sources, reply.lang)
    if line:
        blocks.append(line)
    if reply.status == "answered":
        return "\n\n".join(blocks)
    lines = ["\n".join(blocks)] if blocks else []
    if shown.offers and reply.status == "clarify":
        if len(shown.offers) == 1:
            lines[-1] += " " + shown.offers[0].question
        else:
            lines += [f"{n}. {o.question}" for n, o in enumerate(shown.offers, 1)]
            lines.append(text(reply.lang, "ask_again"))
    elif shown.offers and reply.reason != "not_stated":
        lines.append(text(reply.lang, "try_these"))
        lines += [f"- {o.question}" for o in shown.offers]
    return "\n".join(lines)


def reply_json(reply: Reply, knowledge: Knowledge) -> dict:
    """The stable contract of `pledgebot ask --json` (fields may be added, never changed)."""
    shown = compose(reply, knowledge)
    return {
        "question": reply.question,
        "status": reply.status,
        "answer": shown.answer,
        "entry": reply.entry,
        "score": round(float(reply.score), 4),
        "sources": [{"id": s.id, "title": s.title} for s in shown.sources] if reply.status == "answered" else [],
        "suggestions": [{"entry": o.entry, "question": o.question} for o in shown.offers],
        "reply": render_plain(reply, knowledge),
        "lang": reply.lang,
        # added with the decision/renderer split:
        "entries": list(reply.entries),
        "nearest": reply.nearest,
        "reason": reply.reason,
        "asked": reply.asked,
        "missing": reply.missing,
        "about_now": reply.about_now,
    }


# Line breaks to str.splitlines() that json.dumps(ensure_ascii=False) leaves raw (it escapes
# only the control characters below U+0020): escaped, one object stays one line for any reader.
_RAW_LINE_BREAKS = {ord("\u0085"): "\\u0085", ord("\u2028"): "\\u2028", ord("\u2029"): "\\u2029"}


def json_line(value) -> str:
    """`value` as JSON on exactly one line, whichever way the reader splits lines."""
    return json.dumps(value, ensure_ascii=False).translate(_RAW_LINE_BREAKS)
