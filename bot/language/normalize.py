"""Text normalisation shared by the knowledge index and incoming questions.

Both sides go through the same steps, so they meet in one vocabulary:
fold case and width, split digits from units, number words to digits,
fix typos against the knowledge's own words, stem, then map synonyms to the
documents' word. What a question says that the knowledge never mentions is
kept aside as `foreign`: it is what lets the engine decline. The steps live in
their own modules (words, asking, everyday, typos, chinese_reading); this one
runs them in order.
"""

from __future__ import annotations

import copy
import re
from typing import Iterable, NamedTuple

from bot.language.asking import KIND_WORDS, asked_class, asked_kind, asks_membership, checked_figures, checks_claim
from bot.language.chinese import has_chinese, to_simplified
from bot.language.chinese import is_piece as chinese_is_piece
from bot.language.chinese_reading import ChineseReader
from bot.language.everyday import is_everyday, light_shares, slip_of
from bot.language.kinds import ROLE_TITLES, asked_attribute, asks_about_now, checked_person, this_year
from bot.language.numbers import NUMBER_WORDS, convert_numbers
from bot.language.numerals import MONTH_NAMES
from bot.language.stopwords import STOPWORDS
from bot.language.typos import TypoCorrector
from bot.language.words import fold, name_like_words, stem, surface_tokens


# "According to the article", 据报道: where the asker read it, not what they ask about.
ATTRIBUTION = re.compile(
    r"\b(?:ac+ou?r+ding to|as per|based on|in|from) (?:the|this|that|your) "
    r"(?:article|report|news|story|piece|documents?|sources?)\b|据报道|根据报道|据文章|根据文章|文章里说|文中说|报道说|报道里说",
    re.IGNORECASE)
# The share of its weight a figure keeps when the question checks it ("is it 50 billion?") and the
# knowledge never states it: the answer's own figure corrects it.
CHECKED_FIGURE_SHARE = 0.3
# "Does the plan do anything for farmers", 十大行动里有没有跟农业相关的内容: the plan is where to look,
# farming is what is asked. These words name the plan (and whose it is) ...
PLAN_WORDS = frozenset({"10", "action", "plan"})
PLAN_OWNER_WORDS = frozenset({"alibaba", "common", "prosper"})
# ... and these only frame what is asked in Chinese: "inside", "related", "content", "items".
MEMBERSHIP_FRAME_ZH = re.compile(r"里面|里头|当中|之中|(?:相关|有关|沾边|挂钩)(?:的)?|"
                                 r"(?:的)?(?:内容|项目|方面|部分|东西|那种|这种|这类|之类)")
PLAN_ZH = re.compile(r"行动|十条|十项|计划|计画")  # (the plan named: only then are those words framing)
MONTHS = frozenset(MONTH_NAMES) | frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# The roles the knowledge names a holder of (leading the team, CEO, chairman): see `analyse`.
LEADING = frozenset({"leader", "ceo", "chairman"})
ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")


def as_asked(text: str) -> str:
    """A question without what only frames it: where the asker read it ("according to the
    article"), and in Chinese the framing of "does the plan have X" (里面, 相关, 内容)."""
    text = ATTRIBUTION.sub(" ", text)
    if has_chinese(text):
        text = to_simplified(text)
        if asks_membership(text) and PLAN_ZH.search(text):
            text = MEMBERSHIP_FRAME_ZH.sub(" ", text)
    return text


# Single characters a phrase may start after: and, or, with, and function words (是, 被, 在...).
PHRASE_OPENERS = frozenset("和与及跟同或的了吗呢吧啊呀么是在我你您他她它们这那些就都也还又被把给对从到将")


def _owns(term: str, text: str) -> bool:
    """腾讯的计划, 阿里和腾讯的: a term before 的 that starts its phrase owns what follows; one
    ending a longer phrase (推动十大行动落地的工作组: the team that lands the actions) does not."""
    at = text.find(term + "的")
    return at >= 0 and (at == 0 or not has_chinese(text[at - 1]) or text[at - 1] in PHRASE_OPENERS)


class Analysis(NamedTuple):
    """What the normaliser made of one text."""

    tokens: tuple[str, ...]  # canonical tokens, stopwords included
    content: tuple[str, ...]  # canonical tokens that carry meaning, in order, once each
    foreign: tuple[str, ...]  # words the knowledge never mentions
    names: tuple[str, ...]  # foreign words written like names (Baidu, CTO)
    asks: str | None  # the kind of fact the question asks for, if it says
    corrections: tuple[tuple[str, str], ...]  # (typed, read as)
    light: tuple[tuple[str, float], ...] = ()  # (content token, share of its weight) for everyday foreign words
    attribute: str | None = None  # an attribute no fact gives (age, salary, progress so far: see kinds.py)
    about_now: bool = False  # the question asks about today ("still", "now", 目前)
    named: str | None = None  # a class of named things it asks the names of ("which counties": place)
    container: tuple[str, ...] = ()  # "does the plan have X": the plan's words, around what is asked

    def focused(self) -> "Analysis":
        """What a "does the plan have X" question asks, without the plan."""
        return self._replace(content=tuple(t for t in self.content if t not in self.container),
                             light=tuple((t, share) for t, share in self.light if t not in self.container),
                             container=())

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


class Normalizer:
    """Normalise text against one knowledge base's vocabulary and synonyms."""

    def __init__(self, synonym_groups: Iterable[Iterable[str]], vocabulary_texts: Iterable[str] = (),
                 vocabulary_words: Iterable[str] = ()):
        """`vocabulary_texts` (or their words, already split) are what the knowledge says."""
        self._synonyms: dict[tuple[str, ...], tuple[str, ...]] = {}
        groups = [list(words) for words in synonym_groups]
        # Chinese words wait until Chinese is needed (see with_chinese): English never pays for it.
        self._chinese_synonyms: list[tuple[tuple[str, ...], str]] = []
        for words in groups:
            canonical = self._base(words[0])
            for word in words:
                if has_chinese(word):
                    self._chinese_synonyms.append((canonical, word))
                    continue
                key = self._base(word)
                if key:
                    self._synonyms.setdefault(key, canonical)
        self._index_synonyms()
        self.stop_stems = frozenset(stem(w) for w in STOPWORDS)
        self.kind_stems = frozenset(stem(w) for w in KIND_WORDS)

        surface: set[str] = set(vocabulary_words)
        for text in vocabulary_texts:
            surface.update(surface_tokens(text))
        for words in groups:
            for word in words:
                if not has_chinese(word):
                    surface.update(surface_tokens(word))
        self.known_words = frozenset(surface)
        self.reads_chinese = False
        self._chinese = ChineseReader(self.known_words)
        # Typos are corrected towards words the knowledge uses or that carry no topic.
        self.typos = TypoCorrector(self.known_words)

    def _index_synonyms(self) -> None:
        # For each word that starts a synonym, the lengths of the phrases it starts, longest first.
        self._phrase_lengths: dict[str, tuple[int, ...]] = {}
        for key in self._synonyms:
            self._phrase_lengths[key[0]] = tuple(sorted({len(key), *self._phrase_lengths.get(key[0], ())},
                                                        reverse=True))
        self._phrase_starts = frozenset(self._phrase_lengths)

    def with_chinese(self, texts: Iterable[str]) -> "Normalizer":
        """A copy that also reads Chinese (its synonyms and the Chinese `texts`' words). This
        one is left untouched: other threads may be reading English with it."""
        if self.reads_chinese:
            return self
        reader = copy.copy(self)
        reader._synonyms = dict(self._synonyms)
        reader._learn_chinese(texts)
        return reader

    def _learn_chinese(self, texts: Iterable[str]) -> None:
        surface = set(self.known_words)
        for canonical, word in self._chinese_synonyms:
            key = self._base(word)
            if key:
                self._synonyms.setdefault(key, canonical)
            surface.update(surface_tokens(word))
        for text in texts:
            surface.update(surface_tokens(text))
        self._index_synonyms()
        self.known_words = frozenset(surface)
        self._chinese = ChineseReader(self.known_words)
        self.reads_chinese = True

    def plain_tokens(self, text: str) -> tuple[str, ...]:
        """The text's tokens before synonyms and without typo correction."""
        return self._base(text)

    def _base(self, text: str) -> tuple[str, ...]:
        return tuple(stem(t) for t in convert_numbers(surface_tokens(text)))

    def _apply_synonyms(self, stems: list[str]) -> list[str]:
        """Replace each synonym phrase by the documents' word, longest phrase first."""
        if self._phrase_starts.isdisjoint(stems):
            return stems
        out: list[str] = []
        i = 0
        count = len(stems)
        while i < count:
            for size in self._phrase_lengths.get(stems[i], ()):
                if i + size <= count:
                    key = tuple(stems[i:i + size])
                    if key in self._synonyms:
                        out.extend(self._synonyms[key])
                        i += size
                        break
            else:
                out.append(stems[i])
                i += 1
        return out

    def analyse(self, text: str, correct_typos: bool = True, words: list[str] | None = None) -> Analysis:
        """Normalise `text`; `words`, if given, are its `surface_tokens` already computed."""
        asked = correct_typos and words is None  # a question as typed (already simplified by as_asked)
        if asked:
            text = as_asked(text)
        words = surface_tokens(text) if words is None else words
        corrections = []
        foreign = []
        unknown_terms: list[str] = []
        everyday_terms: list[str] = []
        named = asked_class(words)  # before Chinese reading drops everyday words (组织, 城市)
        if correct_typos and not all(w.isascii() for w in words):
            words = self._chinese.read(words, corrections, unknown_terms, everyday_terms)
        if correct_typos:
            fixed, acronyms = [], {w.lower() for w in ACRONYM.findall(text)}  # (WACC is no slip for "acc")
            for word in words:
                if word in self.known_words or word in STOPWORDS or word in NUMBER_WORDS or word.startswith("#") \
                    or chinese_is_piece(word):
                    fixed.append(word)
                    continue
                guess = self.typos.correct(word) if word not in acronyms else None
                if guess is not None and stem(guess) == stem(word):
                    fixed.append(word)  # "month" for "months": the same word, and still asks "which month"
                    continue
                if guess is not None and is_everyday(word) and not slip_of(word, guess):
                    guess = None  # a real word, not a slip: "walk" is not "wall", "cto" is not "ceo"
                if guess is not None:
                    corrections.append((word, guess))
                    fixed.append(guess)
                else:
                    fixed.append(word)
                    foreign.append(word)
            words = fixed
        asks = asked_kind(words)
        folded = fold(text)
        if not asked and not folded.isascii() and has_chinese(folded):
            folded = to_simplified(folded)
        if everyday_terms:
            # An unknown term that opens the question or owns something ("腾讯的计划") is whom the
            # question is about: another company, a name. Elsewhere it is weighed like any word.
            opening = folded.lstrip(" \t\n,.!?，。！？、")
            subjects = [t for t in everyday_terms if opening.startswith(t) or _owns(t, folded)]
            unknown_terms += subjects
            everyday_terms = [t for t in everyday_terms if t not in subjects]
            words = [w for w in words if w not in subjects]
        attribute, asking = asked_attribute(words, folded)
        about_now = False
        if correct_typos:  # a question, not the knowledge's own text: may it ask about today?
            about_now = asks_about_now(words, folded)
            year = this_year()
            if year in words:  # "in 2026", "it's dec 2026 now": today, not a figure the sources might state
                about_now = True
                words = [w for i, w in enumerate(words) if w != year
                         and not (w in MONTHS and i + 1 < len(words) and words[i + 1] == year)]
        if attribute:
            # The attribute is what is asked, not the topic: the topic is what remains.
            words = [w for w in words if w not in asking]
            unknown_terms = [t for t in unknown_terms if not any(t in term or term in t for term in asking)]
        tokens = self._apply_synonyms([stem(t) for t in convert_numbers(words)])
        # Kind words ("year", "since") say what is asked (see `asks`), not the topic.
        content = []
        for token in tokens:
            if token not in self.stop_stems and token not in self.kind_stems and token not in content:
                content.append(token)
        if "10" in content and any(t.startswith("#") for t in content):
            # "the 7th of the ten actions", 十大行动第二条: "ten" names the programme; the ordinal is asked.
            content.remove("10")
        names = set(name_like_words(text)) if foreign else set()
        # Everyday words the knowledge never uses weigh less, and are no names (see everyday.py).
        light, names = light_shares(len(content), foreign, everyday_terms, names)
        if correct_typos and checks_claim(words, folded):
            light.update((t, CHECKED_FIGURE_SHARE) for t in checked_figures(words, content, asks, self.known_words))
        names |= {w for w in foreign if w in ROLE_TITLES}
        person = checked_person(text, self.known_words, foreign, names, unknown_terms) \
            if correct_typos and not LEADING.isdisjoint(content) and checks_claim(words, folded) else ()
        if person:
            # "Is Jack Ma the one leading the team?", 组长是马云吗: a person the asker heard in a role the
            # knowledge names the holder of; the answer's name corrects it (it must give a person).
            light.update((stem(w), CHECKED_FIGURE_SHARE) for w in person if stem(w) in content)
            names, asks = names - set(person), asks or "person"
            unknown_terms = [t for t in unknown_terms if t not in person]
        container = ()
        if correct_typos and not PLAN_WORDS.isdisjoint(content) and asks_membership(folded):
            # ("10" names the plan only beside "action": "anything in 10 provinces" is no plan)
            container = tuple(t for t in content if t in PLAN_WORDS and (t != "10" or "action" in content)
                              or t in PLAN_OWNER_WORDS)
        elif correct_typos and "action" in content and any(t.startswith("#") for t in content):
            # "阿里共富十大行动第七条": the seventh action is asked; whose plan it is, is said
            container = tuple(t for t in content if t in PLAN_OWNER_WORDS)
        container = container if len(container) < len(content) else ()
        return Analysis(
            tokens=tuple(tokens),
            content=tuple(content),
            foreign=tuple(dict.fromkeys([*(w for w in foreign if stem(w) not in self.stop_stems), *unknown_terms])),
            # Chinese has no capitals: a term the knowledge does not know counts as a name.
            names=tuple(dict.fromkeys([*(w for w in foreign if w in names), *unknown_terms])),
            asks=asks,
            corrections=tuple(corrections),
            light=tuple((t, share) for t, share in light.items() if t in content),
            attribute=attribute,
            about_now=about_now,
            named=named,
            container=container,
        )
