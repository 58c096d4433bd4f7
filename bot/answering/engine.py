"""The answer engine: question in, `Reply` decision out. Pure: no Telegram, no wording, no I/O per question."""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

from rapidfuzz import fuzz

from bot.answering.asked_facts import states_all_asked
from bot.answering.known_gaps import asks_beyond
from bot.answering.matcher import Candidate, MatchIndex
from bot.answering.named import names_the_class
from bot.answering.parts import in_parts, points_elsewhere, story_told
from bot.answering.reply import Reply
from bot.answering.units import LANGUAGES, Example, LanguageUnit, LanguageUnits, language_of
from bot.answering.unstated import gap_of
from bot.knowledge.model import Entry, Knowledge
from bot.language.chinese import readings as pinyin_readings
from bot.language.frequency import common_chinese_words, zipf
from bot.language.normalize import Analysis, Normalizer

# Kinds of fact a question can ask that an entry may lack: asked of an entry without one,
# the bot says the sources do not give it. ("reason" questions are answered by any entry.)
STATED_KINDS = frozenset({"date", "amount", "count", "duration", "person", "place"})
ATTRIBUTE_TOPIC_AT = 0.3  # an attribute question is declined informatively down to this topic score
GAP_MARGIN = 0.3
# "Is Zhang Yong still CEO?": when every close entry accounts for the whole question, each
# answers it as of the sources; a "did you mean" between them asks the user to choose for nothing.
WHOLE_COVERAGE = 0.9
# A membership question answered this well as written needs no second reading.
PLAN_WHOLE_IS_ENOUGH = 0.9
PLAN_CORE = "action"  # the word most of the plan's parts are asked with
# Longer messages are cut before matching; no real question is this long.
MAX_QUESTION_CHARS = 600


class Policy(NamedTuple):
    """When to answer, ask back, or decline. `pledgebot eval --sweep` shows the trade-offs."""

    answer_at: float = 0.65  # lowest score that may be answered
    clarify_at: float = 0.45  # lowest score offered as a "did you mean"
    margin: float = 0.06  # the best must beat the next by this much to be answered
    clear_at: float = 0.6  # below answer_at, a best this far ahead of the next is still answered:
    clear_margin: float = 0.15  # one clearly best entry is no reason to ask back,
    clear_coverage: float = 0.7  # if it accounts for most of what the question says
    min_coverage: float = 0.6  # share of the question's meaning the entry must account for
    smalltalk_at: float = 85.0  # rapidfuzz token_set_ratio for a greeting or thanks
    max_choices: int = 3


def _read_word_lists() -> None:
    """Read every word list a question may need: word frequencies, everyday Chinese words, pinyin."""
    for lang in LANGUAGES:
        zipf("the", lang)
    common_chinese_words()
    pinyin_readings()


def _plan_part_first(decide, question: str, lang: str, unit: LanguageUnit, analysis: Analysis) -> Reply:
    """"Does the plan help farmers": the part of the plan on farming answers, if it is a part of
    the plan (an entry that speaks of the plan's words, or the action an ordinal names);
    otherwise the question as written."""
    whole = decide(question, lang, unit, analysis)
    if not analysis.container or whole.status == "answered" and whole.score >= PLAN_WHOLE_IS_ENOUGH:
        return whole
    focused = decide(question, lang, unit, analysis.focused())
    if focused.status != "answered":
        return whole
    ordinal = any(t.startswith("#") for t in analysis.content)  # (the seventh action names its part)
    return focused if ordinal or _of_the_plan(unit, focused.entry) else whole


def _of_the_plan(unit: LanguageUnit, entry_id: str) -> bool:
    """Whether an entry is a part of the plan: of the topic whose entries are about its actions
    (the plan's core word), not of one that only mentions them (the pledge, Zhang Yong)."""
    tables = unit.index.tables
    position = tables.position.get(entry_id)
    return position is not None and tables.entries[position].topic in tables.topics_by_core.get(PLAN_CORE, ())


class Engine:
    def __init__(self, knowledge: Knowledge, policy: Policy = Policy(), exhaustive: bool = False,
                 units: LanguageUnits | None = None):
        self.knowledge = knowledge
        self.policy = policy
        # Score every entry instead of the index's candidates: slower, same decisions (for tests).
        self.exhaustive = exhaustive
        # Shared when given for the same knowledge: a language built by one engine serves the other too.
        self.units = units if units is not None and units.knowledge is knowledge else LanguageUnits(knowledge)

    @property
    def normalizer(self) -> Normalizer:
        """The English reader (maintenance checks read the knowledge's own words with it)."""
        return self.units.get("en").normalizer

    @property
    def index(self) -> MatchIndex:
        return self.units.get("en").index

    def unit_for(self, question: str) -> LanguageUnit:
        """Chinese questions are read against the Chinese phrasings (built on first need), others English."""
        return self.units.get(language_of(question))

    def prepare(self) -> "Engine":
        """Build every language now, and read the word lists (the bot does, before
        serving and before a reload swaps in), so no user's question waits for either."""
        for lang in LANGUAGES:
            self.units.get(lang)
        _read_word_lists()
        return self

    def examples_in(self, lang: str) -> tuple[Example, ...]:
        """The example questions written in `lang` (English ones if there are none)."""
        return self.units.get(lang).examples or (self.units.get("en").examples if lang != "en" else ())

    def _rank(self, analysis, index: MatchIndex, limit: int = 6, margin: float | None = None):
        ranked = index.rank(analysis, limit=limit, min_coverage=self.policy.min_coverage,
                            floor=self.policy.clarify_at, margin=margin or self.policy.margin,
                            exhaustive=self.exhaustive)
        # A known gap may rank below the best entry, outside the margin: score the gaps apart.
        seen = {c.entry.id for c in ranked}
        # (a gap below clarify_at is never used: see _decide)
        gaps = [g for g in index.known_gaps_for(analysis, self.policy.min_coverage, self.policy.clarify_at)
                if g.entry.id not in seen]
        return sorted(ranked + gaps, key=lambda c: (-c.score, c.entry.id)) if gaps else ranked

    def with_policy(self, policy: Policy) -> "Engine":
        """The same knowledge and indexes, deciding with other thresholds (for `eval --sweep`)."""
        return Engine(self.knowledge, policy, exhaustive=self.exhaustive, units=self.units)

    # -- public ------------------------------------------------------------
    def answer(self, question: str, lang: str | None = None) -> Reply:
        """The decision for a question, to be worded in `lang` ("en" or "zh") or the question's own."""
        question, lang, unit, analysis = self._read(question, lang)
        whole = _plan_part_first(self._decide, question, lang, unit, analysis)
        parts = in_parts(question, lang, unit, whole, decide=partial(_plan_part_first, self._decide),
                         knowledge=self.knowledge, max_choices=self.policy.max_choices, max_chars=MAX_QUESTION_CHARS)
        told = story_told(question[:MAX_QUESTION_CHARS], unit, analysis) \
            if parts is None and whole.status == "unknown" and whole.reason == "off_topic" else None
        retold = _plan_part_first(self._decide, question, lang, unit, told) if told is not None else None
        parts = retold if retold is not None and retold.status == "answered" else parts
        if parts is not None and whole.status == "unknown" and len(parts.entries) == 1 \
                and points_elsewhere(unit, analysis.focused() if analysis.container else analysis, parts.entry):
            return whole  # the story around the question is about something else
        return parts or whole

    def _read(self, question: str, lang: str | None) -> tuple[str, str, LanguageUnit, Analysis]:
        question = question if isinstance(question, str) else str(question)
        lang = lang if lang in LANGUAGES else language_of(question)
        unit = self.unit_for(question)
        return question, lang, unit, unit.normalizer.analyse(question[:MAX_QUESTION_CHARS])

    def _decide(self, question: str, lang: str, unit: LanguageUnit, analysis: Analysis) -> Reply:
        if not analysis.tokens:
            return self._unknown(question, lang, analysis, "empty" if not question.strip() else "off_topic")
        if analysis.names:  # a name or term the knowledge never mentions: decline, even after a greeting
            return self._unknown(question, lang, analysis, "unknown_term")
        small = _smalltalk_reply(question, analysis, lang, unit, self.policy.smalltalk_at, self.examples_in(lang))
        if small is not None:
            return small
        if not analysis.content or analysis.asks == "howto":
            return self._unknown(question, lang, analysis, "off_topic")
        ranked = self._rank(analysis, unit.index)
        nearest = ranked[0] if ranked else None
        if analysis.attribute and nearest is not None and nearest.score >= ATTRIBUTE_TOPIC_AT \
                and not unit.index.gives(nearest.entry, analysis.attribute) and not gap_of(nearest.entry.id):
            # An age, a salary, progress so far: no source gives one. Declined with what is nearest.
            return self._not_stated(question, lang, analysis, nearest, analysis.attribute)
        if nearest is None or nearest.score < self.policy.clarify_at:
            return self._unknown(question, lang, analysis, "off_topic", nearest)
        # The real entry that would answer, if any: what it gives is not beyond a gap's entry.
        best = next((c for c in ranked if not gap_of(c.entry.id) and c.score >= self.policy.clarify_at), None)
        for candidate in ranked:
            known_gap = gap_of(candidate.entry.id)
            if known_gap and candidate.score >= max(self.policy.clarify_at, nearest.score - GAP_MARGIN):
                entry = self.knowledge.entry(known_gap[0])
                # A real entry ranked above the gap vetoes it with what it gives; one below does not.
                rival = best.entry if best is not None and best.score >= candidate.score else None
                if asks_beyond(unit.index, candidate.entry, entry, analysis, rival):
                    # The maintainers wrote down that the documents do not say this.
                    return self._not_stated(question, lang, analysis, candidate._replace(entry=entry), known_gap[1])
        ranked = [c for c in ranked if not gap_of(c.entry.id)]
        if not ranked:
            return self._unknown(question, lang, analysis, "off_topic")
        nearest = ranked[0]
        if analysis.attribute and not unit.index.gives(nearest.entry, analysis.attribute):
            # An age, a salary, progress so far: unless the entry is written to answer it, no source gives it.
            return self._not_stated(question, lang, analysis, nearest, analysis.attribute)
        close = [c for c in ranked if nearest.score - c.score < self.policy.margin and c.score >= self.policy.clarify_at]
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        if self.policy.clear_at <= nearest.score < self.policy.answer_at and len(close) == 1:
            # Ranking pruned what lies beyond the answering margin; the clearly-best rule looks
            # further, so only here (rarely) is the runner-up scored within its own margin.
            wider = [c for c in self._rank(analysis, unit.index, margin=self.policy.clear_margin)
                     if not gap_of(c.entry.id) and c.entry.id != nearest.entry.id]
            runner_up = max([runner_up] + [c.score for c in wider])
        clearly_best = nearest.score >= self.policy.clear_at and nearest.score - runner_up >= self.policy.clear_margin \
            and nearest.coverage >= self.policy.clear_coverage
        if clearly_best or nearest.score >= self.policy.answer_at and (
                len(close) == 1 or states_all_asked(self.knowledge.facts, analysis, close, unit.index)
                or analysis.about_now and all(c.coverage >= WHOLE_COVERAGE for c in close)):
            if analysis.asks in STATED_KINDS and not unit.index.gives_asked(nearest.entry, analysis.asks, question):
                # About the right topic, but it gives no date (amount, person...) to answer with.
                return self._not_stated(question, lang, analysis, nearest, analysis.asks)
            if analysis.asks == "reason" and not unit.index.gives_reason(nearest.entry):
                # "why": only an entry written to give a reason answers it, not one sharing its topic
                return self._not_stated(question, lang, analysis, nearest, "reason")
            if analysis.named and not (unit.index.gives(nearest.entry, analysis.named) and names_the_class(
                    self.knowledge, unit.normalizer, nearest.entry, analysis.named, question)):
                # "which universities": names of a kind (places, organisations, people) it does not state
                return self._not_stated(question, lang, analysis, nearest, analysis.named)
            return self._answered(question, nearest.entry, nearest.score, lang, analysis)
        if len(close) < 2:  # a near miss is declined, never offered as "did you mean"
            return self._unknown(question, lang, analysis, "off_topic", nearest)
        if analysis.asks in STATED_KINDS and not any(unit.index.gives_asked(c.entry, analysis.asks, question) for c in close):
            return self._not_stated(question, lang, analysis, nearest, analysis.asks)  # no choice would answer it
        chosen = close[: self.policy.max_choices]
        return Reply(question, "clarify", lang, score=nearest.score, nearest=nearest.entry.id,
                     suggestions=tuple(c.entry.id for c in chosen), asked=analysis.asks, about_now=analysis.about_now)

    def ranked(self, question: str, limit: int = 5) -> list[Candidate]:
        """The entries closest to a question, whatever `answer` decides (for maintainers' reports
        over stored questions; the bot itself takes `Reply.nearest`)."""
        unit = self.unit_for(question)
        ranked = unit.index.rank(unit.normalizer.analyse(question[:MAX_QUESTION_CHARS]), limit=limit * 2)
        return [c for c in ranked if c.entry.id in unit.index.entry_ids][:limit]

    def candidates(self, question: str, limit: int = 5, lang: str | None = None) -> list[Reply]:
        """Several good answers for one question, best first (for inline mode).

        Empty when `answer` would decline; otherwise its decision comes first."""
        question, lang, unit, analysis = self._read(question, lang)
        reply = _plan_part_first(self._decide, question, lang, unit, analysis)
        if reply.status == "unknown":
            return []
        chosen = [reply] if reply.status == "answered" and reply.entry in unit.index.entry_ids else []
        # Not only the close ones: inline mode lists every good answer.
        for candidate in unit.index.rank(analysis, limit=limit + 1, min_coverage=self.policy.min_coverage):
            if len(chosen) >= limit:
                break
            if candidate.score >= self.policy.clarify_at and candidate.coverage >= self.policy.min_coverage \
                    and candidate.entry.id in unit.index.entry_ids and candidate.entry.id not in {r.entry for r in chosen}:
                chosen.append(self._answered(question, candidate.entry, candidate.score, lang, analysis))
        return chosen

    def entry_reply(self, entry_id: str, question: str = "", lang: str = "en") -> Reply | None:
        """The answer of one entry, as if asked (for buttons that name an entry)."""
        entry = self.knowledge.entry(entry_id)
        if entry is None:
            return None
        return self._answered(question, entry, 1.0, lang)

    # -- decisions -----------------------------------------------------------
    def _answered(self, question: str, entry: Entry, score: float, lang: str,
                  analysis: Analysis | None = None) -> Reply:
        return Reply(question, "answered", lang, entries=(entry.id,), score=score, nearest=entry.id,
                     suggestions=entry.related, asked=analysis.asks if analysis else None,
                     about_now=bool(analysis and analysis.about_now))

    def _not_stated(self, question: str, lang: str, analysis: Analysis, nearest: Candidate, missing: str) -> Reply:
        return Reply(question, "unknown", lang, score=nearest.score, nearest=nearest.entry.id, reason="not_stated",
                     asked=analysis.asks, missing=missing, about_now=analysis.about_now)

    def _unknown(self, question: str, lang: str, analysis: Analysis, reason: str,
                 nearest: Candidate | None = None) -> Reply:
        return Reply(question, "unknown", lang, score=nearest.score if nearest else 0.0,
                     nearest=nearest.entry.id if nearest else None,
                     suggestions=tuple(e.entry for e in self.examples_in(lang)), reason=reason, asked=analysis.asks)


def _smalltalk_reply(question: str, analysis: Analysis, lang: str, unit: LanguageUnit, at: float,
                     examples: tuple[Example, ...]) -> Reply | None:
    """A greeting or thanks answered in kind (rapidfuzz token_set_ratio of at least `at`)."""
    if not unit.smalltalk or not set(analysis.content) <= unit.smalltalk_words:
        return None
    text = analysis.text
    best_entry, best_score = None, 0.0
    for entry, phrasing in unit.smalltalk:
        score = fuzz.token_set_ratio(text, phrasing, processor=None, score_cutoff=at)
        if score > best_score:
            best_entry, best_score = entry, score
    if best_entry is None:
        return None
    return Reply(question, "answered", lang, entries=(best_entry.id,), score=best_score / 100,
                 suggestions=tuple(e.entry for e in examples[:3]), smalltalk=True)
