"""What a reply shows, before it becomes plain text or HTML. Both renderers start here.

`compose` turns a `Reply` decision and the knowledge into paragraphs, a source line and the
entries the reply offers next; `plain` lists the offers as text, Telegram as buttons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.answering.reply import Reply
from bot.knowledge.model import Entry, Knowledge, Source
from bot.render.labels import display_question, label
from bot.render.strings import STRINGS, text

# What the offered entries are: "choose" (clarify's candidates: the question becomes the
# answer), "answer" (follow-ups, examples to try, the entry nearest a question it cannot answer).
OfferKind = Literal["choose", "answer"]
_YEAR = re.compile(r"\b(19|20)\d\d\b")


@dataclass(frozen=True)
class Offer:
    entry: str
    question: str  # the entry's first phrasing, as a question
    label: str  # its short name, for a button


@dataclass(frozen=True)
class Composed:
    lead: str | None  # what the bot says before anything else ("Sorry, ...", "Did you mean")
    paragraphs: tuple[str, ...]  # answers from the knowledge, and notes about them
    sources: tuple[Source, ...]  # the documents the paragraphs come from
    offers: tuple[Offer, ...]
    offer_kind: OfferKind
    answer: str | None  # the knowledge's answer text, for JSON and inline results


def compose(reply: Reply, knowledge: Knowledge) -> Composed:
    lang = reply.lang
    if reply.status == "answered":
        return _answered(reply, knowledge)
    if reply.status == "clarify":
        lead = text(lang, "clarify_one" if len(reply.suggestions) == 1 else "clarify_many")
        return Composed(lead, (), (), _offers(reply.suggestions, knowledge, lang), "choose", None)
    if reply.reason == "not_stated" and reply.nearest and knowledge.entry(reply.nearest):
        return _not_stated(reply, knowledge)
    lead = text(lang, "type_a_question" if reply.reason == "empty" else "sorry")
    return Composed(lead, (text(lang, "scope"),), (), _offers(reply.suggestions, knowledge, lang), "answer", None)


def _answered(reply: Reply, knowledge: Knowledge) -> Composed:
    lang = reply.lang
    entries = [e for e in (knowledge.entry(i) for i in reply.entries) if e is not None]
    answers = tuple(e.answer_in(lang) for e in entries)
    sources = _sources_of(entries, knowledge)
    # A question about today hears first that the answer is as of the sources' date.
    lead = text(lang, "as_of", year=source_year(sources or tuple(knowledge.sources.values()))) \
        if reply.about_now and not reply.smalltalk else None
    return Composed(lead, answers, sources, _offers(reply.suggestions, knowledge, lang), "answer",
                    "\n\n".join(answers) or None)


def _not_stated(reply: Reply, knowledge: Knowledge) -> Composed:
    lang = reply.lang
    nearest = knowledge.entry(reply.nearest)
    what = _missing_text(reply.missing, nearest, lang)
    lead = text(lang, "not_stated", what=what) if what is not None else None
    gap = _gap_reply(reply.missing, nearest, lang)
    paragraphs = ((gap,) if gap else ()) + (text(lang, "what_they_say"),
                                            nearest.answer_in(lang))
    return Composed(lead, paragraphs, _sources_of([nearest], knowledge), _offers((nearest.id,), knowledge, lang),
                    "answer", None)


def _missing_text(missing: str | None, entry: Entry, lang: str) -> str | None:
    if missing is None or _gap_reply(missing, entry, lang):
        return None  # a gap the maintainers wrote says it in their own words
    key = f"missing_{missing}"
    return text(lang, key) if key in STRINGS["en"] else text(lang, "missing_detail")


def _gap_reply(missing: str | None, entry: Entry, lang: str) -> str | None:
    """The maintainers' own line for a known gap of this entry (`not_stated:` in its YAML)."""
    for gap in getattr(entry, "not_stated", ()):
        if gap.id == missing:
            return gap.reply_in(lang)
    return None


def _offers(ids, knowledge: Knowledge, lang: str) -> tuple[Offer, ...]:
    entries = (knowledge.entry(i) for i in ids)
    return tuple(Offer(e.id, display_question(e, lang), label(e, lang)) for e in entries if e is not None)


def _sources_of(entries, knowledge: Knowledge) -> tuple[Source, ...]:
    ids = dict.fromkeys(s for e in entries for s in e.sources if s in knowledge.sources)
    return tuple(knowledge.sources[s] for s in ids)


def source_line(sources: tuple[Source, ...], lang: str) -> str | None:
    if not sources:
        return None
    joined = text(lang, "source_separator").join(s.citation() for s in sources)
    return text(lang, "source" if len(sources) == 1 else "sources", sources=joined)


def source_year(sources) -> str:
    """The latest year the sources are dated with (a source without a date gives none)."""
    years = [m.group(0) for s in sources for m in [_YEAR.search(s.date or "")] if m]
    return max(years) if years else "2021"
