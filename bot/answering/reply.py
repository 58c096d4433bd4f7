"""What `answer()` decides: a decision about entries, with no wording in it.

Renderers (`bot.render.plain` for the terminal and JSON, `bot.tg.render` for Telegram) turn a
`Reply` into words, from one table of strings per language.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Status = Literal["answered", "clarify", "unknown"]
# Why the bot declined: nothing typed; a name or term the knowledge never mentions; nothing in
# the knowledge comes close; or the nearest entry is about the topic but does not give what
# was asked (a date it lacks, a list of counties): then `missing` says what.
Reason = Literal["empty", "unknown_term", "off_topic", "not_stated"]


class Reply(NamedTuple):
    question: str
    status: Status
    lang: str = "en"  # the language to reply in: "en" or "zh"
    entries: tuple[str, ...] = ()  # answered: the entries that answer, in order (a two-part question has two)
    score: float = 0.0
    nearest: str | None = None  # the closest entry, whatever was decided (None if nothing came near)
    suggestions: tuple[str, ...] = ()  # entry ids: clarify's choices, an answer's follow-ups, examples to try
    reason: Reason | None = None  # unknown only
    asked: str | None = None  # the kind of thing asked for (date, amount, person, ...), if the question says
    missing: str | None = None  # not_stated: the kind of detail, or the id of a gap the knowledge names
    about_now: bool = False  # the question asks about today ("now", "still", 现在): sources are from 2021
    smalltalk: bool = False  # a greeting or thanks, answered from the small-talk entries

    @property
    def entry(self) -> str | None:
        return self.entries[0] if self.entries else None
