"""Deterministic synthetic knowledge of any size, grown from the real entries.

Each synthetic entry copies a real one, swaps one word of each phrasing for a
word from a generated word list, and adds two marker words of its own, so
entries stay distinct and questions about the real topics meet many near
variants, which is the hard case for an index.
"""

from __future__ import annotations

import random
from bot.knowledge.model import Knowledge, Location, Phrasing

SYLLABLES = ("ba", "ko", "ri", "mu", "te", "sa", "lo", "ne", "vi", "da", "pe", "zu", "ga", "fi", "ho", "ju",
             "ma", "xo", "we", "ye", "qua", "ro", "ti", "lu", "ke", "so", "na", "di", "po", "re")
WORD_COUNT = 5000


def word_list(count: int = WORD_COUNT, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def synthetic_knowledge(base: Knowledge, phrasings: int, seed: int = 7) -> Knowledge:
    """The base knowledge plus synthetic entries, about `phrasings` questions in all."""
    rng = random.Random(seed)
    words = word_list()
    entries = list(base.entries)
    count = sum(len(e.questions) for e in entries)
    location = Location("synthetic.yaml", 0)
    number = 0
    while count < phrasings:
        template = base.entries[number % len(base.entries)]
        marker = f"{words[number % len(words)]} {words[(number // len(words) + 7 * number + 3) % len(words)]}"
        questions = []
        for phrasing in template.questions:
            tokens = phrasing.text.split()
            tokens[rng.randrange(len(tokens))] = rng.choice(words)
            questions.append(Phrasing(f"{' '.join(tokens)} {marker}", location))
        entries.append(template._replace(id=f"syn-{number}", questions=tuple(questions),
                                         answer=f"{template.answer} ({marker})", related=(), location=location,
                                         title=None, questions_zh=(), answer_zh=None, title_zh=None))
        count += len(questions)
        number += 1
    return Knowledge(directory=base.directory, version=f"{base.version}+syn{phrasings}", sources=base.sources,
                     facts=base.facts, entries=tuple(entries), smalltalk=base.smalltalk, synonyms=base.synonyms,
                     examples=base.examples, topics=base.topics)


def phrasing_count(knowledge: Knowledge) -> int:
    return sum(len(e.questions) for e in knowledge.entries)
