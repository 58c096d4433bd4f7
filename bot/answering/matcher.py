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

import gc
import math
import re
from contextlib import contextmanager
from bisect import bisect_right
from typing import NamedTuple

from rapidfuzz import fuzz

from bot.answering.unstated import gap_entries
from bot.knowledge.model import Entry, Knowledge
from bot.language.asking import ASKED_KINDS
from bot.language.normalize import Analysis, Normalizer
from bot.language.words import surface_tokens

# How much the best phrasing counts against the entry's coverage of the question.
PHRASING_WEIGHT = 0.5
# Within a phrasing's score, token overlap against character-level similarity.
TOKEN_WEIGHT = 0.75
# A fact's value stands in as a phrasing of each entry that states it, a little
# below the written ones: many answers state a fact that is not their point.
FACT_PHRASING_WEIGHT = 0.8
LIST_SEPARATORS = re.compile(r",(?!\d)|\band\b|、|和")
# A fact many answers state (the 100 billion total) is the keyword of none of them.
FACT_PHRASING_MAX_ENTRIES = 2
# "How many billions" and "how much" ask the same kind of thing.
ASK_GROUPS = {"count": "quantity", "amount": "quantity"}
# What asking the same kind of thing ("when", "how much") adds to a phrasing match.
ASK_WEIGHT = 2.0
# Words only the answer uses (not a phrasing) explain a question less surely.
ANSWER_ONLY_WEIGHT = 0.6
# Below this many candidates, scoring them all is cheaper than bounding them.
PRUNE_FROM = 64
# How many of each word's lightest phrasings are scored first, to find a good best.
SEED_PER_WORD = 16
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
KIND_MISMATCH_FACTOR = {"date": 0.7, "amount": 0.7, "count": 0.7, "person": 0.85, "place": 0.85, "reason": 0.85}
# A phrasing that asks another kind of thing ("when did he become chairman" for
# "who chairs the board") matches less well than its words suggest.
ASK_CONFLICT_FACTOR = 0.8


@contextmanager
def _gc_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Candidate(NamedTuple):
    entry: Entry
    score: float
    coverage: float
    question: str  # the phrasing that matched best


class _Phrasing:
    """One question of an entry, as the index sees it."""

    __slots__ = ("entry", "text", "content", "asks", "joined", "weight", "weight_sum")

    def __init__(self, entry: int, text: str, content: frozenset[str], asks: str | None, joined: str,
                 weight: float = 1.0):
        self.entry = entry
        self.text = text
        self.content = content
        self.asks = asks
        self.joined = joined  # sorted content, for the fuzzy score
        self.weight = weight  # how much a match with it counts (fact stand-ins count less)
        self.weight_sum = 1.0  # its words' weights plus the asked kind's (a precision's denominator), set later


def knowledge_texts(knowledge: Knowledge, lang: str = "en") -> list[str]:
    """Every text of one language whose words count as 'mentioned by the knowledge'."""
    if lang == "zh":
        texts = [q.text for e in knowledge.entries + knowledge.smalltalk for q in e.questions_zh]
        texts += [q.text for e in knowledge.entries for g in e.not_stated for q in g.questions_zh]
        texts += [e.answer_zh for e in knowledge.entries if e.answer_zh]
        texts += [f.value_zh for f in knowledge.facts.values() if f.value_zh]
        return texts + [t for t in knowledge.topics_zh if t]
    texts = [q.text for e in knowledge.entries + knowledge.smalltalk for q in e.questions]
    texts += [q.text for e in knowledge.entries for g in e.not_stated for q in g.questions]
    texts += [e.answer for e in knowledge.entries]
    texts += [f.value for f in knowledge.facts.values()]
    return texts + list(knowledge.topics)


class MatchIndex:
    """Built once per knowledge version; `rank` is read-only and thread-safe."""

    def __init__(self, knowledge: Knowledge, normalizer: Normalizer | None = None, lang: str = "en"):
        """The index of one language's phrasings and answers ("en" or "zh"); each language
        has its own, so one language's text never shifts the other's word weights."""
        # Building makes millions of small objects and no reference cycles: the cyclic
        # garbage collector would only walk them again and again.
        with _gc_paused():
            self._build(knowledge, normalizer, lang)

    def _build(self, knowledge: Knowledge, normalizer: Normalizer | None, lang: str) -> None:
        self.knowledge = knowledge
        self.lang = lang
        # Each text is split into words once, for the vocabulary and for the index.
        surface = {text: surface_tokens(text) for text in knowledge_texts(knowledge)} if normalizer is None else {}
        self.normalizer = normalizer or Normalizer(
            (g.words for g in knowledge.synonyms), vocabulary_words=(w for ws in surface.values() for w in ws))
        if lang == "zh":
            self.normalizer = self.normalizer.with_chinese(knowledge_texts(knowledge, "zh"))

        def analyse(text: str):
            return self.normalizer.analyse(text, correct_typos=False, words=surface.get(text))

        def questions_of(entry: Entry):
            return entry.questions if lang == "en" else entry.questions_zh

        def answer_of(entry: Entry) -> str:
            return entry.answer if lang == "en" else (entry.answer_zh or "")

        def value_of(fact) -> str:
            return fact.value if lang == "en" else (fact.value_zh or "")

        # Known gaps (`not_stated:`) are ranked like entries: see bot/answering/unstated.py.
        self.entries: tuple[Entry, ...] = knowledge.entries + gap_entries(knowledge)
        self.entry_ids = frozenset(e.id for e in knowledge.entries)
        self.fact_words = {fact.id: frozenset(analyse(value_of(fact)).content) for fact in knowledge.facts.values()}
        stated_by: dict[str, int] = {}
        for entry in self.entries:
            for fact_id in entry.facts:
                stated_by[fact_id] = stated_by.get(fact_id, 0) + 1
        vocabularies: list[set[str]] = []
        phrasings: list[list[_Phrasing]] = []
        answer_only: list[frozenset[str]] = []
        cores: list[frozenset[str]] = []
        attributes: dict[int, set[str]] = {}
        for index, entry in enumerate(self.entries):
            own: list[_Phrasing] = []
            vocabulary: set[str] = set()
            for phrasing in questions_of(entry):
                analysis = analyse(phrasing.text)
                content = frozenset(analysis.content)
                asks = ASK_GROUPS.get(analysis.asks, analysis.asks)
                if analysis.attribute:  # "how old is the foundation": this entry answers it
                    attributes.setdefault(index, set()).add(analysis.attribute)
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
                for item in LIST_SEPARATORS.split(value_of(knowledge.facts[fact_id])):
                    words = frozenset(analyse(item).content)
                    if words:
                        own.append(_Phrasing(index, f"({item.strip()})", words, None,
                                             " ".join(sorted(words)), FACT_PHRASING_WEIGHT))
                        vocabulary |= words
            answer_words = set(analyse(answer_of(entry)).content)
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
        # Word weights come from the real entries only: adding a known gap must not change how
        # any real entry is matched. A word only gaps use is weighed among the gaps.
        real = len(knowledge.entries)
        total = max(real, 1)
        self._idf = {}
        for token, ids in self._postings.items():
            in_entries = sum(1 for i in ids if i < real)
            self._idf[token] = math.log(1 + total / (in_entries or len(ids)))
        self._cores = cores
        self._asked_by = [frozenset(p.asks for p in own if p.asks) | attributes.get(i, frozenset())
                          for i, own in enumerate(phrasings)]
        self._position = {e.id: i for i, e in enumerate(self.entries)}
        # Subjects: entries' core words and the words of facts' values ("yuan", "2025"):
        # a question about one cannot be answered by an entry that never mentions it.
        # Words nearly every entry uses ("alibaba") name no subject.
        self._subjects = frozenset(
            t for t in frozenset().union(*self.fact_words.values(), *self._cores)
            if t in self._postings and len(self._postings[t]) <= SUBJECT_MAX_SHARE * total
        )
        # A word no entry uses is the most specific word there is.
        self.foreign_weight = math.log(1 + total / 0.5)
        self._phrasings = phrasings
        for own in phrasings:
            for phrasing in own:  # set once here, now that word weights are known
                phrasing.weight_sum = sum(self.weight(t) for t in phrasing.content) + (ASK_WEIGHT if phrasing.asks else 0.0)
        # For each word, the phrasings using it, lightest first: a phrasing's total weight
        # caps how precise a match with it can be (see `rank`).
        by_word: dict[str, list[tuple[float, int]]] = {}
        for own in self._phrasings:
            for phrasing in own:
                for token in phrasing.content:
                    by_word.setdefault(token, []).append((phrasing.weight_sum, phrasing.entry))
        self._light_first: dict[str, tuple[list[float], list[int]]] = {}
        for token, pairs in by_word.items():
            pairs.sort()
            self._light_first[token] = ([w for w, _ in pairs], [e for _, e in pairs])

    @staticmethod
    def _core_words(phrasings: list[_Phrasing]) -> frozenset[str]:
        if len(phrasings) < 3:
            return frozenset()
        counts: dict[str, int] = {}
        for phrasing in phrasings:
            for token in phrasing.content:
                counts[token] = counts.get(token, 0) + 1
        return frozenset(t for t, n in counts.items() if n >= CORE_SHARE * len(phrasings))

    def gives(self, entry: Entry, asks: str) -> bool:
        """Whether an entry answers questions asking `asks` (date, amount, person, ...): it states
        a fact of that kind, or one of its own phrasings asks it (\"who are the commissioners\")."""
        position = self._position.get(entry.id)
        if position is None:
            return True
        kinds = ASKED_KINDS.get(asks)  # None for an attribute (age, status...): no fact has one
        return bool(kinds and entry.fact_kinds & kinds) or ASK_GROUPS.get(asks, asks) in self._asked_by[position]

    def asks_beyond(self, gap: Entry, entry: Entry, analysis: Analysis, best: Entry | None = None) -> bool:
        """Whether a question asks what a known gap names beyond its entry: a word only the gap's
        questions use ("names", "donation"), or a kind only they ask ("which", "who", "so far")."""
        gap_at, entry_at = self._position.get(gap.id), self._position.get(entry.id)
        if gap_at is None or entry_at is None:
            return False
        beyond = set(analysis.content) - self._vocabularies[entry_at]
        asks_beyond = self._asked_by[gap_at] - self._asked_by[entry_at]
        best_at = self._position.get(best.id) if best is not None else None
        if best_at is not None:  # what another entry answers is not beyond: it is that entry's
            beyond -= self._vocabularies[best_at]
            asks_beyond -= self._asked_by[best_at]
        if beyond & self._vocabularies[gap_at]:
            return True
        # Or it asks what only the gap's questions ask ("which", "who", "so far"), and neither the
        # gap's entry nor the best one gives (as a fact or a phrasing): "how many actions" is answered.
        kinds = [k for k in (analysis.asks, analysis.attribute) if k]
        return any(ASK_GROUPS.get(k, k) in asks_beyond and not self.gives(entry, k)
                   and not (best is not None and self.gives(best, k)) for k in kinds)

    def weight(self, token: str) -> float:
        return self._idf.get(token, self.foreign_weight)

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
             floor: float | None = None, margin: float | None = None, exhaustive: bool = False) -> list[Candidate]:
        """The best entries for a question, best first, with exact scores.

        With `min_coverage`, entries covering less are skipped (the engine drops them). With
        `floor` and `margin` too, entries that can neither reach `floor` nor come within
        `margin` of the best are skipped as well; what remains decides exactly as scoring
        every entry would. `exhaustive` scores every entry (to check exactly that)."""
        question = frozenset(analysis.content)
        if not question:
            return []
        weights = {t: self.weight(t) for t in question}
        for token, share in analysis.light:  # an everyday word the knowledge never uses weighs less
            weights[token] *= share
        total = sum(weights.values())
        if total <= 0:
            return []
        if exhaustive:
            scored = [self._score(i, analysis, question, weights, total) for i in range(len(self.entries))]
        else:
            chosen = self.candidates(question, weights, total, min_coverage)
            if floor is None or margin is None or min_coverage is None:
                scored = [self._score(i, analysis, question, weights, total) for i in chosen]
            else:
                if len(chosen) > PRUNE_FROM:
                    chosen = self._light_enough(chosen, analysis, question, weights, total, min_coverage, floor,
                                                margin)
                scored = self._best_first(chosen, analysis, question, weights, total, min_coverage, floor, margin)
        if min_coverage is not None:
            scored = [c for c in scored if c.coverage >= min_coverage]
        scored.sort(key=lambda c: (-c.score, c.entry.id))
        return scored[:limit]

    def _best_first(self, chosen, analysis: Analysis, question: frozenset[str], weights: dict[str, float],
                    total: float, min_coverage: float, floor: float, margin: float) -> list[Candidate]:
        """Score candidates in order of their cheap upper bound; stop once no bound can reach
        the cutoff (the floor, or within `margin` of the best). Exact: what is skipped could
        neither be answered nor offered."""
        bounded = []
        for index in chosen:
            coverage, penalty = self._coverage_and_penalty(index, analysis, question, weights, total)
            if coverage >= min_coverage:
                bound = (PHRASING_WEIGHT + (1 - PHRASING_WEIGHT) * coverage) * penalty
                bounded.append((bound, index, coverage, penalty))
        bounded.sort(key=lambda b: -b[0])
        scored: list[Candidate] = []
        best = 0.0
        for bound, index, coverage, penalty in bounded:
            if bound < max(floor, best - margin) - 1e-9:
                break
            candidate = self._score(index, analysis, question, weights, total, (coverage, penalty))
            scored.append(candidate)
            best = max(best, candidate.score)
        return scored

    def _light_enough(self, chosen: set[int], analysis: Analysis, question: frozenset[str],
                      weights: dict[str, float], total: float, min_coverage: float, floor: float,
                      margin: float) -> set[int]:
        """Of many candidates, those with a phrasing light enough to reach the cutoff.

        A score is at most PHRASING_WEIGHT * (its best phrasing's value) + the rest, a value at
        most TOKEN_WEIGHT * F1 + the rest, with F1 <= 2P / (1 + P) and precision P at most
        (the question's weight + the asked kind) / (the phrasing's own weight). So an entry
        can only reach the cutoff through a phrasing light enough; phrasings are posted by
        word lightest first, so those are found by bisection. The cutoff comes from scoring
        each word's lightest phrasings' entries first."""
        seed: set[int] = set()
        for token in question:
            ids = self._light_first.get(token, ((), ()))[1]
            seed.update(i for i in ids[:SEED_PER_WORD] if i in chosen)
        seeded = self._best_first(seed, analysis, question, weights, total, min_coverage, floor, margin)
        best = max((c.score for c in seeded), default=0.0)
        cutoff = max(floor, best - margin) - 1e-9
        # score <= PHRASING_WEIGHT * best_value + (1 - PHRASING_WEIGHT): below this value, no cutoff
        phrasing_floor = (cutoff - (1 - PHRASING_WEIGHT)) / PHRASING_WEIGHT
        f1_floor = (phrasing_floor - (1 - TOKEN_WEIGHT)) / TOKEN_WEIGHT
        if f1_floor <= 0:
            return chosen
        precision_floor = f1_floor / (2 - f1_floor)
        heaviest = (total + (ASK_WEIGHT if analysis.asks else 0.0)) / precision_floor
        light: set[int] = set()
        for token in question:
            sums, ids = self._light_first.get(token, ((), ()))
            light.update(i for i in ids[: bisect_right(sums, heaviest)] if i in chosen)
        return light

    def _coverage_and_penalty(self, index: int, analysis: Analysis, question: frozenset[str],
                              weights: dict[str, float], total: float) -> tuple[float, float]:
        """The cheap parts of a score: how much of the question the entry covers, and the
        product of its penalties. score <= (PHRASING_WEIGHT + (1 - PHRASING_WEIGHT) * coverage) * penalty."""
        vocabulary = self._vocabularies[index]
        answer_only = self._answer_only[index]
        covered = 0.0
        for token, weight in weights.items():
            if token in vocabulary:
                covered += weight * (ANSWER_ONLY_WEIGHT if token in answer_only else 1.0)
        penalty = 1.0
        core = self._cores[index]
        if core and not (question & core) and not question <= vocabulary - answer_only:
            penalty *= MISSING_CORE_FACTOR
        if (question & self._subjects) - vocabulary:
            penalty *= OTHER_SUBJECT_FACTOR
        if analysis.asks == "reason":
            # No fact states a reason: an entry gives one if one of its questions asks why.
            if "reason" not in self._asked_by[index]:
                penalty *= KIND_MISMATCH_FACTOR["reason"]
        elif analysis.asks in KIND_MISMATCH_FACTOR and not (self.entries[index].fact_kinds & ASKED_KINDS[analysis.asks]):
            penalty *= KIND_MISMATCH_FACTOR[analysis.asks]
        return covered / total, penalty

    def _score(self, index: int, analysis: Analysis, question: frozenset[str], weights: dict[str, float],
               total: float, parts: tuple[float, float] | None = None) -> Candidate:
        coverage, penalty = parts or self._coverage_and_penalty(index, analysis, question, weights, total)
        asked = 1 if analysis.asks else 0
        asks = ASK_GROUPS.get(analysis.asks, analysis.asks)
        joined = " ".join(sorted(question))
        recall_total = total + ASK_WEIGHT * asked
        # A phrasing's value is (TOKEN_WEIGHT * F1 + (1 - TOKEN_WEIGHT) * similarity) * factor.
        # F1 is cheap; the similarity costs a rapidfuzz call. Try phrasings by their best
        # possible value (similarity 1) and stop when none left can beat the best so far.
        bounds = []
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
                f1 = 2 * precision * recall / (precision + recall) if hit > 0 else 0.0
            else:
                f1 = 0.0
            factor = phrasing.weight * (ASK_CONFLICT_FACTOR if asked and phrasing.asks and phrasing.asks != asks
                                        else 1.0)
            base = TOKEN_WEIGHT * f1 * factor
            bounds.append((base + (1 - TOKEN_WEIGHT) * factor, base, factor, phrasing))
        bounds.sort(key=lambda b: -b[0])
        best, best_text = 0.0, ""
        for bound, base, factor, phrasing in bounds:
            if bound <= best:
                break
            needed = 100 * (best - base) / ((1 - TOKEN_WEIGHT) * factor)
            similarity = fuzz.token_sort_ratio(joined, phrasing.joined, processor=None,
                                               score_cutoff=max(0.0, needed)) / 100
            value = base + (1 - TOKEN_WEIGHT) * similarity * factor
            if value > best:
                best, best_text = value, phrasing.text
        score = (PHRASING_WEIGHT * best + (1 - PHRASING_WEIGHT) * coverage) * penalty
        return Candidate(self.entries[index], score, coverage, best_text)
