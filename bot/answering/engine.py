"""The answer engine: question in, `Reply` decision out. Pure: no Telegram, no wording, no I/O per question."""

from __future__ import annotations

import re
from typing import NamedTuple

from rapidfuzz import fuzz

from bot.answering.matcher import Candidate, MatchIndex
from bot.answering.reply import Reply
from bot.answering.units import LANGUAGES, Example, LanguageUnit, LanguageUnits, language_of
from bot.answering.unstated import gap_of
from bot.knowledge.model import Entry, Knowledge
from bot.language.asking import ASKED_KINDS
from bot.language.normalize import Analysis, Normalizer
from bot.language.words import stem

# Kinds of fact a question can ask that an entry may lack: asked of an entry without one,
# the bot says the sources do not give it. ("reason" questions are answered by any entry.)
STATED_KINDS = frozenset({"date", "amount", "count", "person"})
# Where one question or sentence ends and another begins: "?", ".", ";", "and", 以及, 还有...
PART_SEPARATORS = re.compile(r"[?？;；!！。:：]|\.(?=\s)|\b(?:and|also|plus|as well as)\b|以及|还有|另外|同时|并且",
                             re.IGNORECASE)
WHOLE_IS_ENOUGH = 0.9
ATTRIBUTE_TOPIC_AT = 0.3  # an attribute question is declined informatively down to this topic score
GAP_MARGIN = 0.3
RARE_SHARE = 0.9  # an unknown word keeping this much of its weight is rare: a name, a term
# Longer messages are cut before matching; no real question is this long.
MAX_QUESTION_CHARS = 600


class Policy(NamedTuple):
    """When to answer, ask back, or decline. `pledgebot eval --sweep` shows the trade-offs."""

    answer_at: float = 0.65  # lowest score that may be answered
    clarify_at: float = 0.45  # lowest score offered as a "did you mean"
    margin: float = 0.06  # the best must beat the next by this much to be answered
    clear_at: float = 0.6  # below answer_at, a best this far ahead of the next is still answered:
    clear_margin: float = 0.15  # one clearly best entry is no reason to ask back,
    clear_coverage: float = 0.9  # if it accounts for nearly all the question says
    min_coverage: float = 0.6  # share of the question's meaning the entry must account for
    smalltalk_at: float = 85.0  # rapidfuzz token_set_ratio for a greeting or thanks
    max_choices: int = 3


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
        """Build every language now (the bot does, before serving and before a reload swaps in)."""
        for lang in LANGUAGES:
            self.units.get(lang)
        return self

    def examples_in(self, lang: str) -> tuple[Example, ...]:
        """The example questions written in `lang` (English ones if there are none)."""
        return self.units.get(lang).examples or (self.units.get("en").examples if lang != "en" else ())

    def _rank(self, analysis, index: MatchIndex, limit: int = 6):
        # A wider margin than answering needs: a known gap may rank a little below its entry.
        return index.rank(analysis, limit=limit, min_coverage=self.policy.min_coverage,
                          floor=self.policy.clarify_at, margin=max(self.policy.margin, GAP_MARGIN),
                          exhaustive=self.exhaustive)

    def with_policy(self, policy: Policy) -> "Engine":
        """The same knowledge and indexes, deciding with other thresholds (for `eval --sweep`)."""
        return Engine(self.knowledge, policy, exhaustive=self.exhaustive, units=self.units)

    # -- public ------------------------------------------------------------
    def answer(self, question: str, lang: str | None = None) -> Reply:
        """The decision for a question, to be worded in `lang` ("en" or "zh") or the question's own."""
        question, lang, unit, analysis = self._read(question, lang)
        whole = self._decide(question, lang, unit, analysis)
        return self._in_parts(question, lang, unit, whole) or whole

    def _in_parts(self, question: str, lang: str, unit: LanguageUnit, whole: Reply) -> Reply | None:
        """Two or three questions in one ("the fund and the team", "how much? and who leads it"):
        each part decided alone; if they answer from different entries, the reply gives each."""
        if whole.status == "answered" and whole.score >= WHOLE_IS_ENOUGH:
            return None  # "zhang yong and alibaba sports" is one topic, well answered whole
        pieces = [p for p in PART_SEPARATORS.split(question[:MAX_QUESTION_CHARS]) if p and p.strip()]
        if len(pieces) < 2:
            return None
        entries: list[str] = []
        answered: list[Reply] = []
        rare_elsewhere = False  # a rare word or name in a sentence that did not answer
        about_now = whole.about_now
        for piece in pieces:
            analysis = unit.normalizer.analyse(piece)
            # Rare: a name, or a word the knowledge never uses that is no everyday word either.
            light = dict(analysis.light)
            rare = bool(analysis.names) or any(light.get(stem(w), 1.0) >= RARE_SHARE for w in analysis.foreign)
            if len(analysis.content) < 2:
                rare_elsewhere = rare_elsewhere or rare
                continue
            # A sentence that asks something is a question of its own, not a story around another.
            asking = bool(analysis.asks or analysis.attribute or "?" in piece or "？" in piece)
            part = self._decide(piece, lang, unit, analysis)
            if part.status == "answered" and not part.smalltalk and part.entry not in entries:
                entries.append(part.entry)
                answered.append(part._replace(question=question))
                about_now = about_now or part.about_now
            else:
                rare_elsewhere = rare_elsewhere or rare or (asking and part.status != "answered")
        if len(entries) == 1 and whole.status == "unknown" and whole.reason == "off_topic" and not rare_elsewhere:
            # A story around one clear question ("I'm a reporter... how many dollars did they
            # commit?"): the question answers. Never when the whole names an unknown company.
            return answered[0]
        if len(entries) < 2 or (whole.status == "answered" and whole.entry not in entries):
            return None
        entries = entries[: self.policy.max_choices]
        follow_ups = tuple(r for e in entries for r in self.knowledge.entry(e).related if r not in entries)
        return Reply(question, "answered", lang, entries=tuple(entries), score=whole.score, nearest=entries[0],
                     suggestions=tuple(dict.fromkeys(follow_ups)), asked=whole.asked, about_now=about_now)

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
        small = self._smalltalk_reply(question, analysis, lang, unit)
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
        best_entry = next((c.entry for c in ranked if not gap_of(c.entry.id) and c.score >= self.policy.clarify_at),
                          None)
        for candidate in ranked:
            known_gap = gap_of(candidate.entry.id)
            if known_gap and candidate.score >= max(self.policy.clarify_at, nearest.score - GAP_MARGIN):
                entry = self.knowledge.entry(known_gap[0])
                if unit.index.asks_beyond(candidate.entry, entry, analysis, best_entry):
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
        clearly_best = nearest.score >= self.policy.clear_at and nearest.score - runner_up >= self.policy.clear_margin \
            and nearest.coverage >= self.policy.clear_coverage
        if clearly_best or nearest.score >= self.policy.answer_at and (
                len(close) == 1 or self._states_all_asked(analysis, close, unit.index)):
            if analysis.asks in STATED_KINDS and not unit.index.gives(nearest.entry, analysis.asks):
                # About the right topic, but it gives no date (amount, person...) to answer with.
                return self._not_stated(question, lang, analysis, nearest, analysis.asks)
            return self._answered(question, nearest.entry, nearest.score, lang, analysis)
        if len(close) < 2:  # a near miss is declined, never offered as "did you mean"
            return self._unknown(question, lang, analysis, "off_topic", nearest)
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
        reply = self._decide(question, lang, unit, analysis)
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

    def _smalltalk_reply(self, question: str, analysis: Analysis, lang: str, unit: LanguageUnit) -> Reply | None:
        if not unit.smalltalk or not set(analysis.content) <= unit.smalltalk_words:
            return None
        text = analysis.text
        best_entry, best_score = None, 0.0
        for entry, phrasing in unit.smalltalk:
            score = fuzz.token_set_ratio(text, phrasing, processor=None, score_cutoff=self.policy.smalltalk_at)
            if score > best_score:
                best_entry, best_score = entry, score
        if best_entry is None:
            return None
        examples = tuple(e.entry for e in self.examples_in(lang)[:3])
        return Reply(question, "answered", lang, entries=(best_entry.id,), score=best_score / 100,
                     suggestions=examples, smalltalk=True)
