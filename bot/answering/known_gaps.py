"""When a known gap (`not_stated:`) wins over its entry: the question asks what the entry does
not give. The rule apart from ranking, which scores gaps like any entry."""

from __future__ import annotations

from bot.answering.index_build import ASK_GROUPS
from bot.answering.matcher import MatchIndex
from bot.knowledge.model import Entry
from bot.language.normalize import Analysis


def asks_beyond(index: MatchIndex, gap: Entry, entry: Entry, analysis: Analysis, best: Entry | None = None) -> bool:
    """Whether a question asks what a known gap names beyond its entry: a word only the gap's
    questions use ("names", "donation"), or a kind only they ask ("which", "who", "so far")."""
    gap_at, entry_at = index.tables.position.get(gap.id), index.tables.position.get(entry.id)
    if gap_at is None or entry_at is None:
        return False
    beyond = set(analysis.content) - index.tables.vocabularies[entry_at]
    kinds_beyond = index.tables.asked_by[gap_at] - index.tables.asked_by[entry_at]
    best_at = index.tables.position.get(best.id) if best is not None else None
    if best_at is not None:  # what another entry answers is not beyond: it is that entry's
        beyond -= index.tables.vocabularies[best_at]
        kinds_beyond -= index.tables.asked_by[best_at]
    if beyond & index.tables.vocabularies[gap_at]:
        return True
    # Or it asks what only the gap's questions ask ("which", "who", "so far"), the gap's entry
    # does not give (as a fact or a phrasing: "how many actions" is answered) and the best
    # entry is not written to answer (a deadline it states is no announcement date).
    kinds = [k for k in (analysis.asks, analysis.attribute) if k]
    return any(ASK_GROUPS.get(k, k) in kinds_beyond and not index.gives(entry, k)
               and not (best_at is not None and ASK_GROUPS.get(k, k) in index.tables.asked_by[best_at]) for k in kinds)
