"""Turn engine replies into Telegram messages: escaped HTML, split to fit, with buttons.

Every piece of user or knowledge text goes through `html.escape`; the only tags
are the ones written here.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache, partial

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

from bot.answering.engine import Engine
from bot.answering.reply import Reply
from bot.render.compose import compose, source_line
from bot.render.labels import label
from bot.render.strings import text

MAX_TEXT = MessageLimit.MAX_TEXT_LENGTH
# Telegram's HTML needs only <, > and & escaped; quotes stay readable.
escape = partial(html.escape, quote=False)
MAX_BUTTON_LABEL = 60
MAX_FOLLOW_UPS = 3

# Callback data: "<kind>:<value>", at most 64 bytes.
ANSWER = "e"  # send the answer of an entry as a new message
CHOOSE = "c"  # a 'did you mean' choice: the question message becomes the answer
TOPIC = "t"  # browse: "t:" lists topics, "t:N" lists topic N's entries
LANGUAGE = "l"  # "l:en", "l:zh" or "l:auto" sets the reply language
FEEDBACK = "f"  # "f:+:<entry>" or "f:-:<entry>" rates the answer it is under


@dataclass(frozen=True)
class Rendered:
    chunks: tuple[str, ...]  # HTML messages, each within Telegram's limit
    keyboard: InlineKeyboardMarkup | None  # goes with the last chunk


def callback(kind: str, value: str = "") -> str | None:
    data = f"{kind}:{value}"
    return data if len(data.encode("utf-8")) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA else None


def short(text: str, limit: int = MAX_BUTTON_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def button(text: str, kind: str, value: str = "") -> InlineKeyboardButton | None:
    data = callback(kind, value)
    return InlineKeyboardButton(short(text), callback_data=data) if data else None


def keyboard(buttons, extra_row=None) -> InlineKeyboardMarkup | None:
    """One button per row, then an optional row of side-by-side buttons (👍 👎)."""
    rows = [[b] for b in buttons if b is not None]
    extra = [b for b in (extra_row or []) if b is not None]
    if extra:
        rows.append(extra)
    return InlineKeyboardMarkup(rows) if rows else None


@lru_cache(maxsize=4096)
def feedback_row(entry_id: str) -> tuple:
    """👍 and 👎 for an entry; the same for every answer of it, so built once."""
    return button("👍", FEEDBACK, f"+:{entry_id}"), button("👎", FEEDBACK, f"-:{entry_id}")


def split_blocks(blocks: list[str], limit: int = MAX_TEXT) -> tuple[str, ...]:
    """Pack HTML blocks (paragraphs) into messages of at most `limit` characters.

    A block is never cut inside a tag: blocks are escaped text or text wrapped
    whole in one tag; an oversized block is cut at line ends, then at spaces."""
    chunks: list[str] = []
    current = ""
    for block in blocks:
        for piece in _cut(block, limit):
            joined = f"{current}\n\n{piece}" if current else piece
            if len(joined) <= limit:
                current = joined
            else:
                chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return tuple(chunks) or ("…",)


def _cut(block: str, limit: int) -> list[str]:
    if len(block) <= limit:
        return [block]
    pieces, current = [], ""
    for word in block.replace("\n", " \n ").split(" "):
        if len(word) > limit:  # one giant "word": cut it, avoiding the middle of an entity
            pieces.append(current)
            current = ""
            while len(word) > limit:
                cut = word.rfind("&", 0, limit)
                cut = cut if cut > 0 and ";" not in word[cut:limit] else limit
                pieces.append(word[:cut])
                word = word[cut:]
        if len(current) + 1 + len(word) > limit:
            pieces.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    pieces.append(current)
    return [p.replace(" \n ", "\n").strip() for p in pieces if p.strip()]


# The same decision renders the same message (the question's own text is not shown, and Telegram's
# button objects are immutable): keep recent ones per knowledge version instead of rebuilding them.
_rendered: dict[tuple, tuple[Engine, Rendered]] = {}
MAX_KEPT_RENDERS = 4096


def render_reply(reply: Reply, engine: Engine, rateable: bool = False, with_buttons: bool = True) -> Rendered:
    """A reply as Telegram HTML: the same composition as the terminal's, offers as buttons."""
    key = (id(engine), reply._replace(question="", score=0.0), rateable, with_buttons)
    kept = _rendered.get(key)
    if kept is not None and kept[0] is engine:
        return kept[1]
    rendered = _render_reply(reply, engine, rateable, with_buttons)
    if len(_rendered) >= MAX_KEPT_RENDERS:
        _rendered.clear()
    _rendered[key] = (engine, rendered)
    return rendered


def _render_reply(reply: Reply, engine: Engine, rateable: bool, with_buttons: bool) -> Rendered:
    shown = compose(reply, engine.knowledge)
    blocks = [escape(shown.lead)] if shown.lead else []
    blocks += [escape(p) for p in shown.paragraphs]
    line = source_line(shown.sources, reply.lang)
    if line:
        blocks.append(f"<i>{escape(line)}</i>")
    kind = CHOOSE if shown.offer_kind == "choose" else ANSWER
    offers = shown.offers if reply.status == "clarify" else shown.offers[:MAX_FOLLOW_UPS]
    buttons = [button(o.label if reply.status != "unknown" or reply.reason == "not_stated" else o.question, kind,
                      o.entry) for o in offers] if with_buttons else []
    if reply.status == "clarify" and len(shown.offers) > 1:
        blocks.append(escape(text(reply.lang, "tap_one")))
    if reply.status == "unknown" and reply.reason != "not_stated":
        blocks.append(escape(text(reply.lang, "try_or_browse")))
        buttons.append(button(text(reply.lang, "browse"), TOPIC))
    extra = feedback_row(reply.entry) if with_buttons and rateable and reply.entry else None
    return Rendered(split_blocks(blocks), keyboard(buttons, extra))


def render_answer(reply: Reply, engine: Engine, with_buttons: bool = True, rateable: bool = False) -> Rendered:
    return render_reply(reply, engine, rateable=rateable, with_buttons=with_buttons)


def render_topics(engine: Engine, lang: str = "en") -> Rendered:
    knowledge = engine.knowledge
    names = [(zh if lang == "zh" and zh else topic) for topic, zh in zip(knowledge.topics, knowledge.topics_zh)]
    buttons = [button(name, TOPIC, str(n)) for n, name in enumerate(names)]
    return Rendered((text(lang, "topics"),), keyboard(buttons))


def render_topic(engine: Engine, number: int, lang: str = "en") -> Rendered | None:
    knowledge = engine.knowledge
    if not 0 <= number < len(knowledge.topics):
        return None
    name = knowledge.topics_zh[number] if lang == "zh" and knowledge.topics_zh[number] else knowledge.topics[number]
    buttons = [button(label(e, lang), ANSWER, e.id) for e in knowledge.entries_in(knowledge.topics[number])]
    buttons.append(button(text(lang, "all_topics"), TOPIC))
    return Rendered((text(lang, "topic", topic=escape(name)),), keyboard(buttons))


def render_actions(engine: Engine, lang: str = "en") -> Rendered:
    actions = [engine.knowledge.entry(f"action-{n}") for n in range(1, 11)]
    buttons = [button(label(e, lang), ANSWER, e.id) for e in actions if e is not None]
    return Rendered((text(lang, "actions"),), keyboard(buttons))


def render_sources(engine: Engine, lang: str = "en") -> Rendered:
    lines = [text(lang, "sources_heading")]
    for source in engine.knowledge.sources.values():
        lines.append(f"• {escape(source.citation())}")
    return Rendered(("\n".join(lines),), None)
