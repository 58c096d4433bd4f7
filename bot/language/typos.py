"""Typo correction towards the words a knowledge base uses (and words that carry no topic)."""

from __future__ import annotations

from typing import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.language.numbers import MONTHS, NUMBER_WORDS
from bot.language.stopwords import STOPWORDS


def _is_insert_delete_or_swap(word: str, candidate: str) -> bool:
    """A slip that keeps every letter typed: one added, one dropped, or two swapped."""
    if len(word) != len(candidate):
        return True
    return sorted(word) == sorted(candidate)


class TypoCorrector:
    """Built once from the knowledge's words; `correct` is read-only and thread-safe."""

    def __init__(self, known_words: Iterable[str]):
        correctable = sorted(
            w for w in {*known_words} | STOPWORDS | NUMBER_WORDS | MONTHS if w.isalpha() and len(w) >= 3
        )
        self._short_correctable = sorted(w for w in STOPWORDS if w.isalpha() and len(w) == 4)
        # Words by length: a word k edits away differs in length by at most k.
        self._by_length: dict[int, list[str]] = {}
        for word in correctable:
            self._by_length.setdefault(len(word), []).append(word)

    def correct(self, word: str) -> str | None:
        """The knowledge word a typo most likely meant, or None.

        Short words are close to other real words ("cto"/"ceo", "rate"/"date",
        "tencent"/"percent"), so the shorter the word, the fewer slips are allowed.
        """
        if len(word) < 3 or not word.isalpha():
            return None
        if len(word) == 3:
            # Only the same letters swapped ("tne" for "ten"), or a filler word missing a letter
            # ("wat" for "what"): a changed letter is often another word ("cto" is not "ceo").
            swapped = [w for w in self._by_length.get(3, ()) if sorted(w) == sorted(word)
                       and OSA.distance(word, w) == 1]
            if swapped:
                return swapped[0]
            choices, max_edits = self._short_correctable, 1
        else:
            max_edits = 1 if len(word) <= 8 else 2
            choices = [w for n in range(len(word) - max_edits, len(word) + max_edits + 1)
                       for w in self._by_length.get(n, ())]
        matches = process.extract(word, choices, scorer=OSA.distance, processor=None,
                                  score_cutoff=max_edits, limit=8)
        # Among equally close words, prefer a slip that keeps the typed letters
        # ("nineth" is "ninth" with an extra e, not "ninety" with a wrong letter).
        ranked = sorted(matches, key=lambda m: (m[1], not _is_insert_delete_or_swap(word, m[0])))
        for candidate, _, _ in ranked:
            if len(word) > 5 or _is_insert_delete_or_swap(word, candidate):
                return candidate
        return None
