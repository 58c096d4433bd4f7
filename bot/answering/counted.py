"""'How many SMEs will action 2 support': a count answers only a question counting what it
counts. The ten actions are no number of SMEs, 3,000 villages no number of medical stations."""

from __future__ import annotations

from bot.knowledge.model import Knowledge
from bot.language.asking import counted_word
from bot.language.normalize import Normalizer
from bot.language.words import surface_tokens


# "How many yuan", "how many billions": an amount asked, not things counted.
AMOUNT_WORDS = frozenset({"yuan", "usd", "billion", "million", "invest", "percent"})


def count_units(knowledge: Knowledge, normalizer: Normalizer) -> dict[str, frozenset[str]]:
    """Entry id -> the words of what its counts count ("3,000 villages": villages; `counts:`)."""
    units: dict[str, frozenset[str]] = {}
    for entry in knowledge.entries:
        words: set[str] = set()
        for fact_id in entry.facts:
            fact = knowledge.facts.get(fact_id)
            if fact is not None and fact.kind == "count":
                words.update(normalizer.analyse(f"{fact.value} {fact.counts or ''}").content)
        if words:
            units[entry.id] = frozenset(words)
    return units


def counts_what_is_asked(units: dict[str, frozenset[str]], entry_id: str, question: str,
                         normalizer: Normalizer) -> bool:
    """Whether the entry's counts count what the question counts. A question counting an
    everyday word ("how many things") or nothing named, or an entry with no count, is not held back."""
    own = units.get(entry_id)
    if not own or not question.isascii():
        return True
    word = counted_word(surface_tokens(question))
    read = normalizer.analyse(word) if word else None
    counted = [t for t in read.content if t not in dict(read.light) and t not in AMOUNT_WORDS] if read else []
    return not counted or bool(own.intersection(counted))
