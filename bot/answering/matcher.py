"""Rank knowledge entries for a question.

Each entry's vocabulary is every content word of its phrasings and its answer
(see index_build.py, which makes the tables this module reads).
A candidate is scored on two things: how much of the question the entry
accounts for (weighted coverage: rare words weigh more, words the knowledge
never mentions weigh most), and how well the question matches its best
phrasing (weighted token F1 plus a rapidfuzz similarity for near-misses).
Only entries sharing a content word with the question are scored; any other
entry would score zero, so the inverted index changes no decision.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from rapidfuzz import fuzz

from bot.answering.counted import count_units, counts_what_is_asked
from bot.answering.index_build import ASK_GROUPS, ASK_WEIGHT, Phrasing, build_tables
from bot.answering.weights import question_weights
from bot.knowledge.model import Entry, Knowledge
from bot.language.asking import ASKED_KINDS
from bot.language.normalize import Analysis, Normalizer

# How much the best phrasing counts against the entry's coverage of the question.
PHRASING_WEIGHT = 0.5
# Within a phrasing's score, token overlap against character-level similarity.
TOKEN_WEIGHT = 0.75
# Words only the answer uses (not a phrasing) explain a question less surely.
ANSWER_ONLY_WEIGHT = 0.6
MAX_GAPS_SCORED = 50
# Below this many candidates, scoring them all is cheaper than bounding them.
PRUNE_FROM = 64
# How many of each word's lightest phrasings are scored first, to find a good best.
SEED_PER_WORD = 16
# An entry's core words are those most of its phrasings use (its subject: "foundation",
# "children"). A question with none of them, that also leans on words only the answer
# uses, is probably about something else ("when was Alibaba founded" is not "Alibaba set
# up its foundation"). A question naming another entry's subject that this entry never
# mentions even more so.
MISSING_CORE_FACTOR = 0.75
OTHER_SUBJECT_FACTOR = 0.7
# A question asking "when" or "how much" is unlikely to be meant for an answer
# with no such fact; "who" questions often ask about roles, so weigh them less.
KIND_MISMATCH_FACTOR = {"date": 0.7, "amount": 0.7, "count": 0.7, "duration": 0.7, "person": 0.85, "place": 0.85, "reason": 0.85}
# "How many years between...": an entry stating the span answers better than one giving a date.
DATES_FOR_SPAN_FACTOR = 0.85
# A phrasing that asks another kind of thing ("when did he become chairman" for
# "who chairs the board") matches less well than its words suggest.
ASK_CONFLICT_FACTOR = 0.8
# A phrasing asking "when" matches a question that asks no date ("is he still ceo") a little less.
UNASKED_DATE_FACTOR = 0.92


class Candidate(NamedTuple):
    entry: Entry
    score: float
    coverage: float
    question: str  # the phrasing that matched best


class MatchIndex:
    """Built once per knowledge version; `rank` is read-only and thread-safe."""

    def __init__(self, knowledge: Knowledge, normalizer: Normalizer | None = None, lang: str = "en"):
        """The index of one language's phrasings and answers ("en" or "zh"): see `build_tables`."""
        self.tables = tables = build_tables(knowledge, normalizer, lang)
        self.knowledge, self.lang, self.normalizer = tables.knowledge, tables.lang, tables.normalizer
        self.entries, self.entry_ids, self.fact_words = tables.entries, tables.entry_ids, tables.fact_words
        self.foreign_weight = tables.foreign_weight
        self.weight = tables.weight
        self.count_units = count_units(knowledge, self.normalizer)

    def gives(self, entry: Entry, asks: str) -> bool:
        """Whether an entry answers questions asking `asks` (date, amount, person, ...): it states
        a fact of that kind, or one of its own phrasings asks it (\"who are the commissioners\")."""
        position = self.tables.position.get(entry.id)
        if position is None:
            return True
        kinds = ASKED_KINDS.get(asks)  # None for an attribute (age, status...): no fact has one
        return bool(kinds and entry.fact_kinds & kinds) or asks in self.tables.asked_by[position]

    def gives_asked(self, entry: Entry, asks: str, question: str) -> bool:
        """`gives`, and for a count, one of what the question counts ("how many SMEs": no ten actions)."""
        return self.gives(entry, asks) and (asks != "count" or counts_what_is_asked(
            self.count_units, entry.id, question, self.normalizer))

    def gives_reason(self, entry: Entry) -> bool:
        """Whether one of the entry's questions asks why."""
        position = self.tables.position.get(entry.id)
        return position is not None and "reason" in self.tables.asked_by[position]

    def _candidate_indexes(self, question: frozenset[str], weights: dict[str, float], total: float,
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
            found.update(self.tables.postings.get(token, ()))
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
        weights = question_weights(analysis, question, self.tables.idf, self.weight)
        total = sum(weights.values())
        if total <= 0:
            return []
        if exhaustive:
            scored = [self._score(i, analysis, question, weights, total) for i in range(len(self.entries))]
        else:
            chosen = self._candidate_indexes(question, weights, total, min_coverage)
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

    def known_gaps_for(self, analysis: Analysis, min_coverage: float, floor: float = 0.0) -> list[Candidate]:
        """The known gaps sharing a word with the question, scored: ranking prunes with the
        answering margin, so a gap below the best entry is scored here rather than by widening
        every ranking. Gaps are few; at most MAX_GAPS_SCORED, found through the rarest words.
        Only gaps that can reach `floor` are scored (by the same cheap bound as ranking)."""
        real = len(self.tables.entry_ids)
        positions: list[int] = []
        for token in sorted(analysis.content, key=lambda t: len(self.tables.postings.get(t, ()))):
            positions += [i for i in self.tables.postings.get(token, ()) if i >= real and i not in positions]
            if len(positions) >= MAX_GAPS_SCORED:
                break
        positions = positions[:MAX_GAPS_SCORED]
        question = frozenset(analysis.content)
        if not positions or not question:
            return []
        weights = question_weights(analysis, question, self.tables.idf, self.weight)
        total = sum(weights.values())
        if total <= 0:
            return []
        return self._best_first(positions, analysis, question, weights, total, min_coverage, floor, margin=1.0)

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
            ids = self.tables.light_first.get(token, ((), ()))[1]
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
            sums, ids = self.tables.light_first.get(token, ((), ()))
            light.update(i for i in ids[: bisect_right(sums, heaviest)] if i in chosen)
        return light

    def _coverage_and_penalty(self, index: int, analysis: Analysis, question: frozenset[str],
                              weights: dict[str, float], total: float) -> tuple[float, float]:
        """The cheap parts of a score: how much of the question the entry covers, and the
        product of its penalties. score <= (PHRASING_WEIGHT + (1 - PHRASING_WEIGHT) * coverage) * penalty."""
        vocabulary = self.tables.vocabularies[index]
        answer_only = self.tables.answer_only[index]
        covered = 0.0
        for token, weight in weights.items():
            if token in vocabulary:
                covered += weight * (ANSWER_ONLY_WEIGHT if token in answer_only else 1.0)
        penalty = 1.0
        core = self.tables.cores[index]
        if core and not (question & core) and not question <= vocabulary - answer_only:
            penalty *= MISSING_CORE_FACTOR
        if (question & self.tables.subjects) - vocabulary:
            penalty *= OTHER_SUBJECT_FACTOR
        if analysis.asks == "reason":
            # No fact states a reason: an entry gives one if one of its questions asks why.
            if "reason" not in self.tables.asked_by[index]:
                penalty *= KIND_MISMATCH_FACTOR["reason"]
        elif analysis.asks in KIND_MISMATCH_FACTOR:
            kinds = self.entries[index].fact_kinds
            if not kinds & ASKED_KINDS[analysis.asks]:
                penalty *= KIND_MISMATCH_FACTOR[analysis.asks]
            elif analysis.asks == "duration" and "duration" not in kinds:
                penalty *= DATES_FOR_SPAN_FACTOR
        return covered / total, penalty

    def _score(self, index: int, analysis: Analysis, question: frozenset[str], weights: dict[str, float],
               total: float, parts: tuple[float, float] | None = None) -> Candidate:
        coverage, penalty = parts or self._coverage_and_penalty(index, analysis, question, weights, total)
        best, best_text = _best_phrasing(self.tables.phrasings[index], analysis, question, weights, total)
        score = (PHRASING_WEIGHT * best + (1 - PHRASING_WEIGHT) * coverage) * penalty
        return Candidate(self.entries[index], score, coverage, best_text)


def _best_phrasing(phrasings: list[Phrasing], analysis: Analysis, question: frozenset[str],
                   weights: dict[str, float], total: float) -> tuple[float, str]:
    """The value of an entry's best phrasing for the question, and its text."""
    asked = 1 if analysis.asks else 0
    asks = ASK_GROUPS.get(analysis.asks, analysis.asks)
    joined = " ".join(sorted(question))
    recall_total = total + ASK_WEIGHT * asked
    # A phrasing's value is (TOKEN_WEIGHT * F1 + (1 - TOKEN_WEIGHT) * similarity) * factor.
    # F1 is cheap; the similarity costs a rapidfuzz call. Try phrasings by their best
    # possible value (similarity 1) and stop when none left can beat the best so far.
    bounds = []
    for phrasing in phrasings:
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
                                    else UNASKED_DATE_FACTOR if not asked and phrasing.asks == "date" else 1.0)
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
    return best, best_text
