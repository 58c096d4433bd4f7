"""Two or three questions in one message ("the fund and the team", "how much? and who leads
it"): each part decided alone, and answered together if they answer from different entries."""

from __future__ import annotations

import re
from typing import Callable

from bot.answering.reply import Reply
from bot.answering.units import LanguageUnit
from bot.knowledge.model import Knowledge
from bot.language.normalize import Analysis
from bot.language.words import stem

# Where one question or sentence ends and another begins: "?", ".", ";", "and", 以及, 还有...
PART_SEPARATORS = re.compile(r"[?？;；!！。:：]|\.(?=\s)|\b(?:and|also|plus|as well as)\b|以及|还有|另外|同时|并且",
                             re.IGNORECASE)
WHOLE_IS_ENOUGH = 0.9
RARE_SHARE = 0.9  # an unknown word keeping this much of its weight is rare: a name, a term

# The engine's decision for one text: (question, lang, unit, analysis) -> Reply.
Decide = Callable[[str, str, LanguageUnit, Analysis], Reply]


def in_parts(question: str, lang: str, unit: LanguageUnit, whole: Reply, *, decide: Decide,
             knowledge: Knowledge, max_choices: int, max_chars: int) -> Reply | None:
    """Each part of `question` decided alone with `decide`; if they answer from different
    entries, a reply that gives each. None when the `whole` decision stands."""
    if whole.status == "answered" and whole.score >= WHOLE_IS_ENOUGH:
        return None  # "zhang yong and alibaba sports" is one topic, well answered whole
    pieces = [p for p in PART_SEPARATORS.split(question[:max_chars]) if p and p.strip()]
    if len(pieces) < 2:
        return None
    entries: list[str] = []
    answered: list[Reply] = []
    rare_elsewhere = False  # a rare word or name in a sentence that did not answer
    about_now = whole.about_now
    for piece in pieces:
        analysis = unit.normalizer.analyse(piece)
        # Rare: a name, or a word the knowledge never uses that is no everyday word either.
        light = dict(analysis.light)
        rare = bool(analysis.names) or any(light.get(stem(w), 1.0) >= RARE_SHARE for w in analysis.foreign)
        if len(analysis.content) < 2:
            rare_elsewhere = rare_elsewhere or rare
            continue
        # A sentence that asks something is a question of its own, not a story around another.
        asking = bool(analysis.asks or analysis.attribute or "?" in piece or "？" in piece)
        part = decide(piece, lang, unit, analysis)
        if part.status == "answered" and not part.smalltalk and part.entry not in entries:
            entries.append(part.entry)
            answered.append(part._replace(question=question))
            about_now = about_now or part.about_now
        else:
            # A sentence asking something the documents do not give (or naming something else)
            # speaks for the message too; one that only found nothing may just rephrase.
            declined_for_a_reason = part.status == "clarify" or part.reason in ("not_stated", "unknown_term")
            rare_elsewhere = rare_elsewhere or rare or (asking and declined_for_a_reason)
    if len(entries) == 1 and whole.status == "unknown" and whole.reason == "off_topic" and not rare_elsewhere:
        # A story around one clear question ("I'm a reporter... how many dollars did they
        # commit?"): the question answers. Never when the whole names an unknown company.
        return answered[0]
    if len(entries) < 2 or (whole.status == "answered" and whole.entry not in entries):
        return None
    entries = entries[:max_choices]
    follow_ups = tuple(r for e in entries for r in knowledge.entry(e).related if r not in entries)
    return Reply(question, "answered", lang, entries=tuple(entries), score=whole.score, nearest=entries[0],
                 suggestions=tuple(dict.fromkeys(follow_ups)), asked=whole.asked, about_now=about_now)
