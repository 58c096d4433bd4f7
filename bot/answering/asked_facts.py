"""Whether the best of several close entries already states every fact a question asks for."""

from __future__ import annotations

from typing import Mapping

from bot.answering.matcher import Candidate, MatchIndex
from bot.knowledge.model import Entry, Fact
from bot.language.asking import ASKED_KINDS
from bot.language.normalize import Analysis


def states_all_asked(facts: Mapping[str, Fact], analysis: Analysis, close: list[Candidate], index: MatchIndex) -> bool:
    """True when the best answer already states every fact asked for that the close
    runners-up would: then answering it is as right as any of them."""
    kinds = ASKED_KINDS.get(analysis.asks or "")
    figures = _figures(analysis)
    if kinds and analysis.asks != "reason":
        # Of the facts of the asked kind, those the question names ("dollars"), if any.
        content = set(analysis.content)
        named = {f for c in close for f in c.entry.facts
                 if facts[f].kind in kinds and index.fact_words[f] & content}

        def asked_facts(entry: Entry) -> set[str]:
            return {f for f in entry.facts if facts[f].kind in kinds and (not named or f in named)}
    elif set(analysis.content) <= fact_words(close[0].entry, index):
        # A bare figure or name ("3000 villages", "sept 10 2019"): the facts it names best.
        content = set(analysis.content)
        overlap = {f: len(index.fact_words[f] & content) for c in close for f in c.entry.facts}
        most = max(overlap.values())

        def asked_facts(entry: Entry) -> set[str]:
            return {f for f in entry.facts if overlap[f] == most}
    elif not analysis.asks and figures and figures <= fact_words(close[0].entry, index):
        # A figure checked ("100 billion by 2025, is that accurate?"): the facts stating its figures.
        def asked_facts(entry: Entry) -> set[str]:
            return {f for f in entry.facts if index.fact_words[f] & figures}
    else:
        return False

    best = asked_facts(close[0].entry)
    return bool(best) and all(asked_facts(c.entry) <= best for c in close[1:])


def fact_words(entry: Entry, index: MatchIndex) -> set[str]:
    """The content words of every fact the entry states."""
    return set().union(*(index.fact_words[f] for f in entry.facts)) if entry.facts else set()


def _figures(analysis: Analysis) -> set[str]:
    """Amounts and years the question gives (100, 2025; not a count such as the three directions)."""
    return {t for t in analysis.content if t[:1].isdigit() and len(t) >= 3}
