"""The answer engine: question in, `Reply` out. Pure: no Telegram, no I/O per question.

`answer(question)` uses the default knowledge; tools that manage their own
knowledge (the bot's live reload, tests) build an `Engine` directly.
"""

from __future__ import annotations

from pathlib import Path
from threading import Lock
from typing import NamedTuple

from rapidfuzz import fuzz

from bot.language.chinese import has_chinese
from bot.knowledge.model import Entry, Knowledge
from bot.knowledge.loader import load_knowledge
from bot.answering.matcher import Candidate, MatchIndex
from bot.paths import knowledge_dir
from bot.language.normalize import ASKED_KINDS, Analysis
from bot.answering.reply import Reply, SourceRef, Suggestion, answered_text, clarify_text, unknown_text

# Longer messages are cut before matching; no real question is this long.
MAX_QUESTION_CHARS = 600


class Policy(NamedTuple):
    """When to answer, ask back, or decline. `pledgebot eval --sweep` shows the trade-offs."""

    answer_at: float = 0.65  # lowest score that may be answered
    clarify_at: float = 0.45  # lowest score offered as a "did you mean"
    margin: float = 0.06  # the best must beat the next by this much to be answered
    min_coverage: float = 0.6  # share of the question's meaning the entry must account for
    smalltalk_at: float = 85.0  # rapidfuzz token_set_ratio for a greeting or thanks
    max_choices: int = 3


LANGUAGES = ("en", "zh")


def language_of(text: str) -> str:
    """The reply language for a question: Chinese if it has Chinese characters."""
    return "zh" if has_chinese(text) else "en"


def label(entry: Entry, lang: str = "en") -> str:
    """A short name for a button: the entry's title, or its first question."""
    title = entry.title_zh if lang == "zh" and entry.title_zh else entry.title
    return title or display_question(entry, lang)


def display_question(entry: Entry, lang: str = "en") -> str:
    """The entry's first phrasing, written as a question a person would tap."""
    if lang == "zh" and entry.questions_zh:
        text = entry.questions_zh[0].text.strip()
        return text if text.endswith(("？", "?")) else text + "？"
    text = entry.questions[0].text.strip()
    text = text[0].upper() + text[1:]
    first = text.split()[0].lower()
    asks = first in {"what", "who", "when", "where", "why", "how", "which", "is", "are", "does", "do", "can"}
    return text + "?" if asks and not text.endswith("?") else text


class Engine:
    def __init__(self, knowledge: Knowledge, policy: Policy = Policy(), exhaustive: bool = False,
                 indexes: dict[str, MatchIndex] | None = None):
        self.knowledge = knowledge
        self.policy = policy
        # Score every entry instead of the index's candidates: slower, same decisions (for tests).
        self.exhaustive = exhaustive
        if indexes is not None and indexes["en"].knowledge is knowledge:
            self.indexes = indexes  # shared: a language built by one engine serves the other too
        else:
            self.indexes = {"en": MatchIndex(knowledge)}
        self.index = self.indexes["en"]
        self.normalizer = self.index.normalizer
        self._building = Lock()
        self._smalltalk: dict[str, list] = {}
        self._smalltalk_words: dict[str, frozenset[str]] = {}
        self._learn_smalltalk("en")
        self._sources = {
            s.id: SourceRef(s.id, s.title, s.citation()) for s in knowledge.sources.values()
        }
        self._answer_parts = {(e.id, lang): self._parts_of(e, lang)
                              for e in knowledge.entries + knowledge.smalltalk for lang in LANGUAGES}
        self._examples_by_lang: dict[str, tuple[Suggestion, ...]] = {}

    def index_for(self, question: str) -> MatchIndex:
        """Chinese questions are matched against the Chinese phrasings, others the English."""
        return self.indexes["en"] if language_of(question) == "en" else self._chinese_index()

    def _chinese_index(self) -> MatchIndex:
        """Built on the first Chinese question (or by `prepare`): English never waits for it."""
        if "zh" not in self.indexes:
            with self._building:
                if "zh" not in self.indexes:
                    self.indexes["zh"] = MatchIndex(self.knowledge, self.normalizer, lang="zh")
        if "zh" not in self._smalltalk:
            with self._building:
                self._learn_smalltalk("zh")
        return self.indexes["zh"]

    def prepare(self) -> "Engine":
        """Build every language now (the bot does, before serving and before a reload swaps in)."""
        self._chinese_index()
        for lang in LANGUAGES:
            self.examples_in(lang)
        return self

    def _learn_smalltalk(self, lang: str) -> None:
        questions = [(entry, q) for entry in self.knowledge.smalltalk
                     for q in (entry.questions if lang == "en" else entry.questions_zh)]
        analyses = [(entry, self.normalizer.analyse(q.text, correct_typos=False)) for entry, q in questions]
        self._smalltalk_words[lang] = frozenset(t for _, a in analyses for t in a.content)
        self._smalltalk[lang] = [(entry, " ".join(a.tokens)) for entry, a in analyses]

    @property
    def examples(self) -> tuple[Suggestion, ...]:
        return tuple(e for lang in LANGUAGES for e in self.examples_in(lang))

    def _rank(self, analysis, index: MatchIndex, limit: int = 5):
        return index.rank(analysis, limit=limit, min_coverage=self.policy.min_coverage,
                          floor=self.policy.clarify_at, margin=self.policy.margin, exhaustive=self.exhaustive)

    def with_policy(self, policy: Policy) -> "Engine":
        """The same knowledge and indexes, deciding with other thresholds (for `eval --sweep`)."""
        return Engine(self.knowledge, policy, exhaustive=self.exhaustive, indexes=self.indexes)

    # -- public ------------------------------------------------------------
    def answer(self, question: str, lang: str | None = None) -> Reply:
        """The reply to a question, in `lang` ("en" or "zh"), or in the question's own language."""
        return self._decide(*self._read(question, lang))

    def _read(self, question: str, lang: str | None) -> tuple[str, str, MatchIndex, Analysis]:
        question = question if isinstance(question, str) else str(question)
        lang = lang if lang in LANGUAGES else language_of(question)
        index = self.index_for(question)  # first: reading Chinese needs the Chinese vocabulary
        return question, lang, index, self.normalizer.analyse(question[:MAX_QUESTION_CHARS])

    def _decide(self, question: str, lang: str, index: MatchIndex, analysis: Analysis) -> Reply:
        if not analysis.tokens:
            return self._unknown(question, lang, empty=not question.strip())
        if analysis.names:  # a name or term the knowledge never mentions: decline, even after a greeting
            return self._unknown(question, lang)
        small = self._smalltalk_reply(question, analysis, lang, language_of(question))
        if small is not None:
            return small
        if not analysis.content or analysis.asks == "howto":
            return self._unknown(question, lang)
        ranked = [c for c in self._rank(analysis, index) if c.coverage >= self.policy.min_coverage]
        if not ranked or ranked[0].score < self.policy.clarify_at:
            return self._unknown(question, lang, score=ranked[0].score if ranked else 0.0)
        best = ranked[0]
        close = [c for c in ranked if best.score - c.score < self.policy.margin and c.score >= self.policy.clarify_at]
        if best.score >= self.policy.answer_at and (len(close) == 1 or self._states_all_asked(analysis, close, index)):
            return self._answered(question, best.entry, best.score, lang)
        return self._clarify(question, close[: self.policy.max_choices] if len(close) > 1 else [best], lang)

    def ranked(self, question: str, limit: int = 5) -> list[Candidate]:
        """The entries closest to a question with their scores, whatever `answer` decides."""
        index = self.index_for(question)
        return index.rank(self.normalizer.analyse(question[:MAX_QUESTION_CHARS]), limit=limit)

    def candidates(self, question: str, limit: int = 5, lang: str | None = None) -> list[Reply]:
        """Several good answers for one question, best first (for inline mode).

        Empty when `answer` would decline; otherwise its decision comes first."""
        question, lang, index, analysis = self._read(question, lang)
        reply = self._decide(question, lang, index, analysis)
        if reply.status == "unknown":
            return []
        chosen = [reply] if reply.status == "answered" and reply.entry in index.entry_ids else []
        # Not only the close ones: inline mode lists every good answer.
        for candidate in index.rank(analysis, limit=limit + 1, min_coverage=self.policy.min_coverage):
            if len(chosen) >= limit:
                break
            if candidate.score >= self.policy.clarify_at and candidate.coverage >= self.policy.min_coverage \
                    and candidate.entry.id not in {r.entry for r in chosen}:
                chosen.append(self._answered(question, candidate.entry, candidate.score, lang))
        return chosen

    def entry_reply(self, entry_id: str, question: str | None = None, lang: str = "en") -> Reply | None:
        """The answer of one entry, as if asked (for buttons that name an entry)."""
        entry = self.knowledge.entry(entry_id)
        if entry is None:
            return None
        return self._answered(question or display_question(entry, lang), entry, 1.0, lang)

    def _states_all_asked(self, analysis, close: list[Candidate], index: MatchIndex) -> bool:
        """True when the best answer already states every fact asked for that the close
        runners-up would: then answering it is as right as any of them."""
        facts = self.knowledge.facts
        kinds = ASKED_KINDS.get(analysis.asks or "")
        if kinds and analysis.asks != "reason":
            # Of the facts of the asked kind, those the question names ("dollars"), if any.
            content = set(analysis.content)
            named = {f for c in close for f in c.entry.facts
                     if facts[f].kind in kinds and index.fact_words[f] & content}

            def asked_facts(entry: Entry) -> set[str]:
                return {f for f in entry.facts if facts[f].kind in kinds and (not named or f in named)}
        elif set(analysis.content) <= self._fact_words(close[0].entry, index):
            # A bare figure or name ("3000 villages", "sept 10 2019"): the facts it names best.
            content = set(analysis.content)
            overlap = {f: len(index.fact_words[f] & content) for c in close for f in c.entry.facts}
            most = max(overlap.values())

            def asked_facts(entry: Entry) -> set[str]:
                return {f for f in entry.facts if overlap[f] == most}
        else:
            return False

        best = asked_facts(close[0].entry)
        return bool(best) and all(asked_facts(c.entry) <= best for c in close[1:])

    @staticmethod
    def _fact_words(entry: Entry, index: MatchIndex) -> set[str]:
        return set().union(*(index.fact_words[f] for f in entry.facts)) if entry.facts else set()

    # -- replies -------------------------------------------------------------
    def _answered(self, question: str, entry: Entry, score: float, lang: str = "en") -> Reply:
        sources, related, text = self._answer_parts[entry.id, lang]
        return Reply(question, "answered", entry.answer_in(lang), entry.id, score, sources, related, text, lang)

    def _parts_of(self, entry: Entry, lang: str) -> tuple:
        """What every answer of an entry shares: its sources, follow-ups and text (built once)."""
        sources = tuple(self._sources[s] for s in entry.sources if s in self._sources)
        related = tuple(
            Suggestion(other.id, display_question(other, lang))
            for other in (self.knowledge.entry(r) for r in entry.related) if other is not None
        )
        return sources, related, answered_text(entry.answer_in(lang), sources, lang)

    def _clarify(self, question: str, candidates: list[Candidate], lang: str = "en") -> Reply:
        choices = tuple(Suggestion(c.entry.id, display_question(c.entry, lang)) for c in candidates)
        return Reply(question, "clarify", None, None, candidates[0].score, (), choices, clarify_text(choices, lang),
                     lang)

    def _unknown(self, question: str, lang: str = "en", score: float = 0.0, empty: bool = False) -> Reply:
        examples = self.examples_in(lang)
        return Reply(question, "unknown", None, None, score, (), examples,
                     unknown_text(examples, empty=empty, lang=lang), lang)

    def examples_in(self, lang: str) -> tuple[Suggestion, ...]:
        """The example questions written in `lang` (English ones if there are none)."""
        if lang not in self._examples_by_lang:
            written = [e for e in self.knowledge.examples if language_of(e.text) == lang]
            self._examples_by_lang[lang] = tuple(self._example_suggestions(written))
        return self._examples_by_lang[lang] or (self.examples_in("en") if lang != "en" else ())

    def _smalltalk_reply(self, question: str, analysis, lang: str = "en", written: str = "en") -> Reply | None:
        phrasings = self._smalltalk.get(written, [])
        if not phrasings or not set(analysis.content) <= self._smalltalk_words[written]:
            return None
        text = analysis.text
        best_entry, best_score = None, 0.0
        for entry, phrasing in phrasings:
            score = fuzz.token_set_ratio(text, phrasing, processor=None, score_cutoff=self.policy.smalltalk_at)
            if score > best_score:
                best_entry, best_score = entry, score
        if best_entry is None:
            return None
        answer = best_entry.answer_in(lang)
        return Reply(question, "answered", answer, best_entry.id, best_score / 100, (),
                     self.examples_in(lang)[:3], answer, lang)

    def _example_suggestions(self, examples):
        for example in examples:
            index = self.index_for(example.text)
            ranked = index.rank(self.normalizer.analyse(example.text), limit=1)
            if ranked:
                yield Suggestion(ranked[0].entry.id, example.text)


_default: Engine | None = None
_default_lock = Lock()


def default_engine(directory: Path | None = None) -> Engine:
    """The engine over the default knowledge, loaded once."""
    global _default
    with _default_lock:
        if _default is None or directory is not None:
            _default = Engine(load_knowledge(directory or knowledge_dir()))
        return _default


def answer(question: str) -> Reply:
    """Answer one question from the default knowledge."""
    return default_engine().answer(question)
