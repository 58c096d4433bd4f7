"""Rank knowledge entries for a question.

Each entry's vocabulary is every content word of its phrasings and its answer.
A candidate is scored on two things: how much of the question the entry
accounts for (weighted coverage: rare words weigh more, words the knowledge
never mentions weigh most), and how well the question matches its best
phrasing (weighted token F1 plus a rapidfuzz similarity for near-misses).
Only entries sharing a content word with the question are scored; any other
entry would score zero, so the inverted index changes no decision.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from bot.knowledge import Entry, Knowledge
from bot.text import ASKED_KINDS, Analysis, Normalizer

# How much the best phrasing counts against the entry's coverage of the question.
PHRASING_WEIGHT = 0.5
# Within a phrasing's score, token overlap against character-level similarity.
TOKEN_WEIGHT = 0.75
# A fact's value stands in as a phrasing of each entry that states it, a little
# below the written ones: many answers state a fact that is not their point.
FACT_PHRASING_WEIGHT = 0.8
LIST_SEPARATORS = re.compile(r",(?!\d)|\band\b")
# A fact many answers state (the 100 billion total) is the keyword of none of them.
FACT_PHRASING_MAX_ENTRIES = 2
# "How many billions" and "how much" ask the same kind of thing.
ASK_GROUPS = {"count": "quantity", "amount": "quantity"}
# What asking the same kind of thing ("when", "how much") adds to a phrasing match.
ASK_WEIGHT = 2.0
# Words only the answer uses (not a phrasing) explain a question less surely.
ANSWER_ONLY_WEIGHT = 0.6
# An entry's core words are those most of its phrasings use (its subject: "foundation",
# "children"). A question with none of them, that also leans on words only the answer
# uses, is probably about something else ("when was Alibaba founded" is not "Alibaba set
# up its foundation"). A question naming another entry's subject that this entry never
# mentions even more so.
CORE_SHARE = 2 / 3
MISSING_CORE_FACTOR = 0.75
OTHER_SUBJECT_FACTOR = 0.7
SUBJECT_MAX_SHARE = 0.5
# A question asking "when" or "how much" is unlikely to be meant for an answer
# with no such fact; "who" questions often ask about roles, so weigh them less.
KIND_MISMATCH_FACTOR = {"date": 0.7, "amount": 0.7, "count": 0.7, "person": 0.85, "place": 0.85}
# A phrasing that asks another kind of thing ("when did he become chairman" for
# "who chairs the board") matches less well than its words suggest.
ASK_CONFLICT_FACTOR = 0.8


@dataclass(frozen=True)
class Candidate:
    entry: Entry
    score: float
    coverage: float
    question: str  # the phrasing that matched best


@dataclass(frozen=True)
class _Phrasing:
    entry: int
    text: str
    content: frozenset[str]
    asks: str | None
    joined: str  # sorted content, for the fuzzy score
    weight: float = 1.0  # how much a match with it counts (fact stand-ins count less)
    weight_sum: float = 1.0  # its words' weights plus the asked kind's: a precision's denominator


def knowledge_texts(knowledge: Knowledge) -> list[str]:
    """Every text whose words count as 'mentioned by the knowledge'."""
    texts = [q.text for e in knowledge.entries + knowledge.smalltalk for q in e.questions]
    texts += [e.answer for e in knowledge.entries]
    texts += [f.value for f in knowledge.facts.values()]
    texts += list(knowledge.topics)
    return texts


class MatchIndex:
    """Built once per knowledge version; `rank` is read-only and thread-safe."""

    def __init__(self, knowledge: Knowledge, normalizer: Normalizer | None = None):
        self.knowledge = knowledge
        self.normalizer = normalizer or Normalizer((g.words for g in knowledge.synonyms), knowledge_texts(knowledge))
        self.entries: tuple[Entry, ...] = knowledge.entries
        self.entry_ids = frozenset(e.id for e in self.entries)
        self.fact_words = {
            fact.id: frozenset(self.normalizer.analyse(fact.value, correct_typos=False).content)
            for fact in knowledge.facts.values()
        }
        stated_by: dict[str, int] = {}
        for entry in self.entries:
            for fact_id in entry.facts:
                stated_by[fact_id] = stated_by.get(fact_id, 0) + 1
        vocabularies: list[set[str]] = []
        phrasings: list[list[_Phrasing]] = []
        answer_only: list[frozenset[str]] = []
        cores: list[frozenset[str]] = []
        for index, entry in enumerate(self.entries):
            own: list[_Phrasing] = []
            vocabulary: set[str] = set()
            for phrasing in entry.questions:
                analysis = self.normalizer.analyse(phrasing.text, correct_typos=False)
                content = frozenset(analysis.content)
                asks = ASK_GROUPS.get(analysis.asks, analysis.asks)
                own.append(_Phrasing(index, phrasing.text, content, asks,
                                     " ".join(sorted(content))))
                vocabulary |= content
            cores.append(self._core_words(own))
            # The figures an answer states are what people type as keywords ("haier",
            # "3000 villages"): they count as one more phrasing, not as answer-only words.
            for fact_id in entry.facts:
                if stated_by[fact_id] > FACT_PHRASING_MAX_ENTRIES:
                    continue
                # A list ("Haier, Intime and Weibo") stands in item by item.
                for item in LIST_SEPARATORS.split(knowledge.facts[fact_id].value):
                    words = frozenset(self.normalizer.analyse(item, correct_typos=False).content)
                    if words:
                        own.append(_Phrasing(index, f"({item.strip()})", words, None,
                                             " ".join(sorted(words)), FACT_PHRASING_WEIGHT))
                        vocabulary |= words
            answer_words = set(self.normalizer.analyse(entry.answer, correct_typos=False).content)
            phrasings.append(own)
            vocabularies.append(vocabulary | answer_words)
            answer_only.append(frozenset(answer_words - vocabulary))
        self._phrasings = phrasings
        self._vocabularies = [frozenset(v) for v in vocabularies]
        self._answer_only = answer_only
        postings: dict[str, list[int]] = {}
        for index, vocabulary in enumerate(self._vocabularies):
            for token in vocabulary:
                postings.setdefault(token, []).append(index)
        self._postings = {t: tuple(ids) for t, ids in postings.items()}
        total = max(len(self.entries), 1)
        self._idf = {t: math.log(1 + total / len(ids)) for t, ids in self._postings.items()}
        self._cores = cores
        # Subjects: entries' core words and the words of facts' values ("yuan", "2025"):
        # a question about one cannot be answered by an entry that never mentions it.
        # Words nearly every entry uses ("alibaba") name no subject.
        self._subjects = frozenset(
            t for t in frozenset().union(*self.fact_words.values(), *self._cores)
            if t in self._postings and len(self._postings[t]) <= SUBJECT_MAX_SHARE * total
        )
        # A word no entry uses is the most specific word there is.
        self.foreign_weight = math.log(1 + total / 0.5)
        self._phrasings = [
            [replace(p, weight_sum=sum(self.weight(t) for t in p.content) + (ASK_WEIGHT if p.asks else 0.0))
             for p in own]
            for own in phrasings
        ]

    @staticmethod
    def _core_words(phrasings: list[_Phrasing]) -> frozenset[str]:
        if len(phrasings) < 3:
            return frozenset()
        counts: dict[str, int] = {}
        for phrasing in phrasings:
            for token in phrasing.content:
                counts[token] = counts.get(token, 0) + 1
        return frozenset(t for t, n in counts.items() if n >= CORE_SHARE * len(phrasings))

    def weight(self, token: str) -> float:
        return self._idf.get(token, self.foreign_weight)

    def known(self, token: str) -> bool:
        return token in self._idf

    def candidates(self, question: frozenset[str], weights: dict[str, float], total: float,
                   min_coverage: float | None) -> set[int]:
        """The entries worth scoring. Exact: no entry left out could have been chosen.

        Without `min_coverage`, every entry sharing a word. With it, only entries holding one
        of the question's heaviest words that together weigh more than (1 - min_coverage) of
        it: an entry holding none of them covers less than `min_coverage`, so the engine
        would drop it anyway. Heavy words are rare, so their postings are short."""
        if min_coverage is None:
            tokens = question
        else:
            tokens, kept = [], 0.0
            for token in sorted(question, key=lambda t: (-weights[t], t)):
                tokens.append(token)
                kept += weights[token]
                if kept > (1.0 - min_coverage) * total + 1e-9:
                    break
        found: set[int] = set()
        for token in tokens:
            found.update(self._postings.get(token, ()))
        return found

    def rank(self, analysis: Analysis, limit: int = 5, min_coverage: float | None = None,
             exhaustive: bool = False) -> list[Candidate]:
        """The best entries for a question, best first.

        `min_coverage` lets the index skip entries that could not reach it; `exhaustive`
        scores every entry (for checking that the shortcut changes nothing)."""
        question = frozenset(analysis.content)
        if not question:
            return []
        weights = {t: self.weight(t) for t in question}
        total = sum(weights.values())
        chosen = range(len(self.entries)) if exhaustive else self.candidates(question, weights, total, min_coverage)
        if not chosen:
            return []
        asked = 1 if analysis.asks else 0
        asks = ASK_GROUPS.get(analysis.asks, analysis.asks)
        joined = " ".join(sorted(question))
        recall_total = total + ASK_WEIGHT * asked
        mismatch = KIND_MISMATCH_FACTOR.get(analysis.asks) if analysis.asks else None
        wanted_kinds = ASKED_KINDS.get(analysis.asks, frozenset())
        subjects = question & self._subjects
        scored = []
        for index in chosen:
            vocabulary = self._vocabularies[index]
            answer_only = self._answer_only[index]
            covered = 0.0
            for token, weight in weights.items():
                if token in vocabulary:
                    covered += weight * (ANSWER_ONLY_WEIGHT if token in answer_only else 1.0)
            coverage = covered / total
            best, best_text = 0.0, ""
            for phrasing in self._phrasings[index]:
                shared = question & phrasing.content
                if shared:
                    # What is asked ("when", "how much") counts like one more word,
                    # in the phrasing match only, never in the entry's coverage.
                    hit = sum(weights[t] for t in shared)
                    if asked and phrasing.asks == asks:
                        hit += ASK_WEIGHT
                    recall = hit / recall_total
                    precision = hit / phrasing.weight_sum
                    f1 = 2 * precision * recall / (precision + recall)
                else:
                    f1 = 0.0
                similarity = fuzz.token_sort_ratio(joined, phrasing.joined, processor=None) / 100
                value = TOKEN_WEIGHT * f1 + (1 - TOKEN_WEIGHT) * similarity
                if asked and phrasing.asks and phrasing.asks != asks:
                    value *= ASK_CONFLICT_FACTOR
                value *= phrasing.weight
                if value > best:
                    best, best_text = value, phrasing.text
            score = PHRASING_WEIGHT * best + (1 - PHRASING_WEIGHT) * coverage
            core = self._cores[index]
            if core and not (question & core) and not question <= vocabulary - answer_only:
                score *= MISSING_CORE_FACTOR
            if subjects - vocabulary:
                score *= OTHER_SUBJECT_FACTOR
            entry = self.entries[index]
            if mismatch is not None and not (entry.fact_kinds & wanted_kinds):
                score *= mismatch
            scored.append(Candidate(entry, score, coverage, best_text))
        scored.sort(key=lambda c: (-c.score, c.entry.id))
        return scored[:limit]
