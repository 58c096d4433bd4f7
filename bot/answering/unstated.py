"""Known gaps as the matcher sees them: each becomes a pseudo-entry whose phrasings are the
gap's questions, ranked against the real entries. When one wins, the bot declines with the
gap's own reply and what the documents do say (the gap's entry)."""

from __future__ import annotations

from bot.knowledge.model import Entry, Knowledge

_MARK = "#"  # entry ids never contain it (see the loader's id check)


def gap_entries(knowledge: Knowledge) -> tuple[Entry, ...]:
    return tuple(
        # The entry's answer and questions stay as its answer text: their words are the topic (weighed as
        # answer-only words); the gap's own questions say what is missing.
        entry._replace(id=f"{entry.id}{_MARK}{gap.id}", questions=gap.questions, questions_zh=gap.questions_zh,
                       answer=" ".join([entry.answer, *(q.text for q in entry.questions)]),
                       answer_zh=" ".join([entry.answer_zh or "", *(q.text for q in entry.questions_zh)]),
                       facts=(), fact_kinds=frozenset(), related=(), location=gap.location, not_stated=())
        for entry in knowledge.entries for gap in entry.not_stated
    )


def gap_of(entry_id: str) -> tuple[str, str] | None:
    """(the entry, the gap id) for a gap's pseudo-entry id; None for a real entry."""
    entry, mark, gap = entry_id.partition(_MARK)
    return (entry, gap) if mark else None
