"""Greedy leader clustering of short texts, near-linear through an index over words.

Texts come biggest group first; each joins the first earlier leader it resembles
(token_set_ratio), else leads a cluster of its own. Comparing every text with
every leader is quadratic (10,000 questions took 48 s), so a text is compared
only with the leaders that share a word with it, or a word one slip away
("qalozuba" and "qualozuba" both become "qlozuba" without a letter): names the
knowledge does not know are not typo-corrected, and two misspellings of them can
score high on letters alone. Texts alike with no word within one slip of each
other are missed: two small groups stay apart.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

# A word shared by more leaders than this (say "alibaba") stops adding candidates:
# the first leaders are the biggest clusters, so those are the ones kept.
MAX_LEADERS_PER_WORD = 100
# Slips only rescue misspelt rare words; a common word's slips would repeat its leaders.
MAX_LEADERS_PER_SLIP = 10
# Shorter words one letter apart are often different words ("cfo", "ceo").
MIN_SLIP_LENGTH = 4


class _LeaderIndex:
    """Leaders by word and by word-with-a-letter-dropped, each list capped."""

    def __init__(self) -> None:
        self.leaders: list[str] = []
        self._by_word: dict[str, list[int]] = {}
        self._by_slip: dict[str, list[int]] = {}

    def first_similar(self, text: str, words: set[str], slips: set[str], similar_at: float) -> int | None:
        candidates: set[int] = set()
        for word in words:
            candidates.update(self._by_word.get(word, ()))
            candidates.update(self._by_slip.get(word, ()))  # "wely" is "weluy" less a letter
        for slip in slips:
            candidates.update(self._by_slip.get(slip, ()))
            candidates.update(self._by_word.get(slip, ()))
        if not candidates:
            return None
        in_order = sorted(candidates)
        # One call scores them all in C; the earliest similar leader wins, as in a plain loop.
        similar = process.extract(text, [self.leaders[leader] for leader in in_order], scorer=fuzz.token_set_ratio,
                                  processor=None, score_cutoff=similar_at, limit=None)
        return in_order[min(position for _, _, position in similar)] if similar else None

    def add(self, text: str, words: set[str], slips: set[str]) -> int:
        leader = len(self.leaders)
        self.leaders.append(text)
        for keys, index, cap in ((words, self._by_word, MAX_LEADERS_PER_WORD),
                                 (slips, self._by_slip, MAX_LEADERS_PER_SLIP)):
            for key in keys:
                posting = index.setdefault(key, [])
                if len(posting) < cap:
                    posting.append(leader)
        return leader


def _slips(words: set[str]) -> set[str]:
    """Each longer word with one letter dropped: two words one typo apart share one."""
    return {word[:at] + word[at + 1:] for word in words if len(word) >= MIN_SLIP_LENGTH for at in range(len(word))}


def cluster_texts(texts: list[str], similar_at: float) -> list[list[int]]:
    """Positions in `texts` grouped into clusters, in the order their leaders came."""
    index = _LeaderIndex()
    clusters: list[list[int]] = []
    for position, text in enumerate(texts):
        words = set(text.split())
        slips = _slips(words)
        leader = index.first_similar(text, words, slips, similar_at)
        if leader is None:
            leader = index.add(text, words, slips)
            clusters.append([])
        clusters[leader].append(position)
    return clusters
