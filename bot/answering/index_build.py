"""Building a match index: one language's phrasings, vocabularies, postings and word weights.

Each entry's vocabulary is every content word of its phrasings and its answer; the
tables here are built once per knowledge version and only read afterwards (see
bot/answering/matcher.py for the ranking that reads them).
"""

from __future__ import annotations

import gc
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass

from bot.answering.unstated import gap_entries
from bot.knowledge.model import Entry, Knowledge
from bot.language.normalize import Normalizer
from bot.language.words import surface_tokens

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
# An entry's core words are those most of its phrasings use (its subject: "foundation",
# "children"); see the matcher's penalties.
CORE_SHARE = 2 / 3
# Words nearly every entry uses ("alibaba") name no subject.
SUBJECT_MAX_SHARE = 0.5


@contextmanager
def _gc_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Phrasing:
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


@dataclass(frozen=True)
class IndexTables:
    """What `build_tables` makes of one language's knowledge; entries are referred to by position."""

    knowledge: Knowledge
    lang: str
    normalizer: Normalizer
    entries: tuple[Entry, ...]  # the real entries, then the known gaps
    entry_ids: frozenset[str]  # the real entries' ids
    fact_words: dict[str, frozenset[str]]  # fact id -> content words of its value
    phrasings: list[list[Phrasing]]  # per entry: its questions, then its facts' values standing in
    vocabularies: list[frozenset[str]]  # per entry: every content word of its phrasings and answer
    answer_only: list[frozenset[str]]  # per entry: the words only its answer uses
    postings: dict[str, tuple[int, ...]]  # word -> the entries using it
    idf: dict[str, float]
    foreign_weight: float  # the weight of a word no entry uses: the most specific there is
    cores: list[frozenset[str]]  # per entry: the words most of its phrasings use
    asked_by: list[frozenset[str]]  # per entry: the kinds (and attributes) its phrasings ask
    position: dict[str, int]  # entry id -> position
    subjects: frozenset[str]  # entries' core words and facts' words that name a subject
    light_first: dict[str, tuple[list[float], list[int]]]  # word -> its phrasings' weight sums and entries, lightest first
    topics_by_core: dict[str, frozenset[str]]  # word -> the topics with an entry whose core word it is
    topic_words: frozenset[str]  # subjects and every entry's core words: a word that names a topic alone

    def weight(self, token: str) -> float:
        return self.idf.get(token, self.foreign_weight)


def knowledge_texts(knowledge: Knowledge, lang: str = "en") -> list[str]:
    """Every text of one language whose words count as 'mentioned by the knowledge'."""
    if lang == "zh":
        texts = [q.text for e in knowledge.entries + knowledge.smalltalk for q in e.questions_zh]
        texts += [q.text for e in knowledge.entries for g in e.not_stated for q in g.questions_zh]
        texts += [e.answer_zh for e in knowledge.entries if e.answer_zh]
        texts += [f.value_zh for f in knowledge.facts.values() if f.value_zh]
        return texts + [t for t in knowledge.topics_zh if t]
    # (English gap questions are not among them: a word only a gap uses stays unknown, weighed as
    # such, so adding a gap changes no real entry's match. Chinese needs them to read its pairs.)
    texts = [q.text for e in knowledge.entries + knowledge.smalltalk for q in e.questions]
    texts += [e.answer for e in knowledge.entries]
    texts += [f.value for f in knowledge.facts.values()]
    return texts + list(knowledge.topics)


def build_tables(knowledge: Knowledge, normalizer: Normalizer | None = None, lang: str = "en") -> IndexTables:
    """The tables of one language's phrasings and answers ("en" or "zh"); each language
    has its own, so one language's text never shifts the other's word weights."""
    # Building makes millions of small objects and no reference cycles: the cyclic
    # garbage collector would only walk them again and again.
    with _gc_paused():
        return _build(knowledge, normalizer, lang)


def _build(knowledge: Knowledge, normalizer: Normalizer | None, lang: str) -> IndexTables:
    # Each text is split into words once, for the vocabulary and for the index.
    surface = {text: surface_tokens(text) for text in knowledge_texts(knowledge)} if normalizer is None else {}
    normalizer = normalizer or Normalizer(
        (g.words for g in knowledge.synonyms), vocabulary_words=(w for ws in surface.values() for w in ws))
    if lang == "zh":
        normalizer = normalizer.with_chinese(knowledge_texts(knowledge, "zh"))

    def analyse(text: str):
        return normalizer.analyse(text, correct_typos=False, words=surface.get(text))

    def questions_of(entry: Entry):
        return entry.questions if lang == "en" else entry.questions_zh

    def answer_of(entry: Entry) -> str:
        return entry.answer if lang == "en" else (entry.answer_zh or "")

    def value_of(fact) -> str:
        return fact.value if lang == "en" else (fact.value_zh or "")

    # Known gaps (`not_stated:`) are ranked like entries: see bot/answering/unstated.py.
    entries: tuple[Entry, ...] = knowledge.entries + gap_entries(knowledge)
    fact_words = {fact.id: frozenset(analyse(value_of(fact)).content) for fact in knowledge.facts.values()}
    stated_by: dict[str, int] = {}
    for entry in entries:
        for fact_id in entry.facts:
            stated_by[fact_id] = stated_by.get(fact_id, 0) + 1
    vocabularies: list[frozenset[str]] = []
    phrasings: list[list[Phrasing]] = []
    answer_only: list[frozenset[str]] = []
    cores: list[frozenset[str]] = []
    attributes: dict[int, set[str]] = {}
    for index, entry in enumerate(entries):
        own: list[Phrasing] = []
        vocabulary: set[str] = set()
        for phrasing in questions_of(entry):
            analysis = analyse(phrasing.text)
            content = frozenset(analysis.content)
            asks = ASK_GROUPS.get(analysis.asks, analysis.asks)
            if analysis.attribute:  # "how old is the foundation": this entry answers it
                attributes.setdefault(index, set()).add(analysis.attribute)
            if analysis.asks:  # the kind as asked too, not only its group: "how many" is no "how much"
                attributes.setdefault(index, set()).add(analysis.asks)
            if analysis.named:  # "which companies is he a director of": this entry names them
                attributes.setdefault(index, set()).add(analysis.named)
            own.append(Phrasing(index, phrasing.text, content, asks, " ".join(sorted(content))))
            vocabulary |= content
        cores.append(_core_words(own))
        # The figures an answer states are what people type as keywords ("haier",
        # "3000 villages"): they count as one more phrasing, not as answer-only words.
        for fact_id in entry.facts:
            if stated_by[fact_id] > FACT_PHRASING_MAX_ENTRIES:
                continue
            # A list ("Haier, Intime and Weibo") stands in item by item.
            for item in LIST_SEPARATORS.split(value_of(knowledge.facts[fact_id])):
                words = frozenset(analyse(item).content)
                if words:
                    own.append(Phrasing(index, f"({item.strip()})", words, None,
                                        " ".join(sorted(words)), FACT_PHRASING_WEIGHT))
                    vocabulary |= words
        answer_words = set(analyse(answer_of(entry)).content)
        phrasings.append(own)
        vocabularies.append(frozenset(vocabulary | answer_words))
        answer_only.append(frozenset(answer_words - vocabulary))
    postings: dict[str, list[int]] = {}
    for index, vocabulary in enumerate(vocabularies):
        for token in vocabulary:
            postings.setdefault(token, []).append(index)
    # Word weights come from the real entries only: adding a known gap must not change how
    # any real entry is matched. A word only gaps use weighs as a word no entry uses.
    real = len(knowledge.entries)
    total = max(real, 1)
    idf = {}
    foreign_weight = math.log(1 + total / 0.5)  # a word no entry uses is the most specific there is
    for token, ids in postings.items():
        in_entries = sum(1 for i in ids if i < real)
        idf[token] = math.log(1 + total / in_entries) if in_entries else foreign_weight
    # Subjects: entries' core words and the words of facts' values ("yuan", "2025"):
    # a question about one cannot be answered by an entry that never mentions it.
    # An ordinal ("#4": the fourth action) names its entry as surely as a subject word does.
    ordinals = {t for t in postings if t.startswith("#")}
    subjects = frozenset(  # from the real entries only: a known gap changes no real entry's match
        t for t in frozenset().union(*fact_words.values(), *cores[:real], ordinals)
        if t in postings and len(postings[t]) <= SUBJECT_MAX_SHARE * total
    )
    for own in phrasings:
        for phrasing in own:  # set once here, now that word weights are known
            phrasing.weight_sum = sum(idf.get(t, foreign_weight) for t in phrasing.content) \
                + (ASK_WEIGHT if phrasing.asks else 0.0)
    return IndexTables(
        knowledge=knowledge, lang=lang, normalizer=normalizer, entries=entries,
        entry_ids=frozenset(e.id for e in knowledge.entries), fact_words=fact_words, phrasings=phrasings,
        vocabularies=vocabularies, answer_only=answer_only,
        postings={t: tuple(ids) for t, ids in postings.items()}, idf=idf, foreign_weight=foreign_weight,
        cores=cores,
        asked_by=[frozenset(p.asks for p in own if p.asks) | attributes.get(i, frozenset())
                  for i, own in enumerate(phrasings)],
        position={e.id: i for i, e in enumerate(entries)}, subjects=subjects,
        light_first=_light_first(phrasings),
        topics_by_core=_topics_by_core(entries[:real], cores),
        topic_words=subjects.union(*cores),
    )


def _core_words(phrasings: list[Phrasing]) -> frozenset[str]:
    if len(phrasings) < 3:
        return frozenset()
    counts: dict[str, int] = {}
    for phrasing in phrasings:
        for token in phrasing.content:
            counts[token] = counts.get(token, 0) + 1
    return frozenset(t for t, n in counts.items() if n >= CORE_SHARE * len(phrasings))


def _topics_by_core(entries: tuple[Entry, ...], cores: list[frozenset[str]]) -> dict[str, frozenset[str]]:
    topics: dict[str, set[str]] = {}
    for entry, core in zip(entries, cores):
        for token in core:
            topics.setdefault(token, set()).add(entry.topic)
    return {token: frozenset(names) for token, names in topics.items()}


def _light_first(phrasings: list[list[Phrasing]]) -> dict[str, tuple[list[float], list[int]]]:
    """For each word, the phrasings using it, lightest first: a phrasing's total weight
    caps how precise a match with it can be (see `MatchIndex.rank`)."""
    by_word: dict[str, list[tuple[float, int]]] = {}
    for own in phrasings:
        for phrasing in own:
            for token in phrasing.content:
                by_word.setdefault(token, []).append((phrasing.weight_sum, phrasing.entry))
    light_first: dict[str, tuple[list[float], list[int]]] = {}
    for token, pairs in by_word.items():
        pairs.sort()
        light_first[token] = ([w for w, _ in pairs], [e for _, e in pairs])
    return light_first
