"""Text normalisation shared by the knowledge index and incoming questions.

Both sides go through the same steps, so they meet in one vocabulary:
fold case and width, split digits from units, number words to digits,
fix typos against the knowledge's own words, stem, then map synonyms to the
documents' word. What a question says that the knowledge never mentions is
kept aside as `foreign`: it is what lets the engine decline.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Iterable, NamedTuple

import Stemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.language.chinese import CJK, has_chinese, to_simplified
from bot.language.chinese import chain as chinese_chain
from bot.language.chinese import coverage as chinese_coverage
from bot.language.chinese import is_piece as chinese_is_piece
from bot.language.chinese import pieces as chinese_pieces
from bot.language.chinese import pinyin as chinese_pinyin
from bot.language.chinese import read_run as chinese_read_run
from bot.language.chinese import rewrite as chinese_rewrite
from bot.language.frequency import chinese_words, zipf
from bot.language.kinds import FACT_KINDS, ROLE_TITLES, asked_attribute, asks_about_now, this_year
from bot.language.numbers import MONTHS, NUMBER_WORDS, convert_numbers
from bot.language.stopwords import STOPWORDS

_STEMMER = Stemmer.Stemmer("english")

# (characters that must be present for the rule to matter, pattern, replacement);
# "0" stands for any digit. Skipping rules that cannot match keeps this cheap.
_SUBSTITUTIONS = (
    ("\u2018\u2019\u02bc`´", re.compile(r"[\u2018\u2019\u02bc`´]"), "'"),
    ("0", re.compile(r"(?<=\d),(?=\d{3}\b)"), ""),  # 3,000 -> 3000
    ("0", re.compile(r"(\d+)\s*(?:st|nd|rd|th)\b"), r" #\1 "),  # 7th -> #7
    ("0", re.compile(r"\b(?:no|nr|num|number)\s*\.?\s*#?\s*(\d+)\b"), r" #\1 "),  # No. 7 -> #7
    ("#", re.compile(r"#\s*(\d+)"), r" #\1 "),
    ("$", re.compile(r"\$"), " usd "),
    ("%", re.compile(r"%"), " percent "),
    ("&", re.compile(r"&"), " and "),
    ("0", re.compile(r"(\d)([^\W\d_])"), r"\1 \2"),  # 100bn -> 100 bn
    ("0", re.compile(r"([^\W\d_#])(\d)"), r"\1 \2"),  # action3 -> action 3
    ("'", re.compile(r"'s\b"), ""),
    ("'", re.compile(r"n't\b"), " not"),
    ("'", re.compile(r"'"), ""),
)
_DIGIT = re.compile(r"\d")
# Where Chinese meets anything else: a boundary between words.
_CJK_EDGE = re.compile(f"(?<=[{CJK}])(?=[^{CJK}])|(?<=[^{CJK}])(?=[{CJK}])")
_TOKEN = re.compile(r"#\d+|\d+(?:\.\d+)?|[^\W\d_]+")
_RAW_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)\W*([A-Za-z][A-Za-z0-9]*)")

# Question words that ask for a kind of fact (see knowledge.FACT_KINDS).
_ASKS = (
    # Instructions for the asker; the documents hold none.
    (("how", "do", "i"), "howto"),
    (("how", "can", "i"), "howto"),
    (("how", "should", "i"), "howto"),
    (("where", "can", "i"), "howto"),
    (("can", "i"), "howto"),
    (("how", "many"), "count"),
    (("how", "much"), "amount"),
    (("how", "big"), "amount"),
    (("how", "large"), "amount"),
    (("what", "amount"), "amount"),
    (("what", "percentage"), "amount"),
    (("what", "percent"), "amount"),
    (("what", "proportion"), "amount"),
    (("what", "share"), "amount"),
    (("what", "year"), "date"),
    (("which", "year"), "date"),
    (("what", "date"), "date"),
    (("how", "long"), "date"),
    (("when",), "date"),
    (("since",), "date"),
    (("date",), "date"),
    (("year",), "date"),
    # "who is it for" asks who benefits, not for a person the knowledge names
    (("for", "who"), "beneficiary"),
    (("for", "whom"), "beneficiary"),
    (("who", "is", "it", "for"), "beneficiary"),
    (("who", "benefits"), "beneficiary"),
    (("who",), "person"),
    (("which",), "which"),  # "which counties", "what crops exactly": names, not the topic
    (("exactly",), "which"),
    (("specifically",), "which"),
    (("specific",), "which"),
    (("names",), "which"),
    (("whom",), "person"),
    (("whose",), "person"),
    (("why",), "reason"),
    (("where",), "place"),
)
# Words that only say what kind of fact is wanted; they are not the topic.
KIND_WORDS = frozenset({
    "date", "dates", "year", "years", "day", "month", "since", "long",
    "percent", "percentage", "proportion", "share", "fraction", "portion",
})
ASKED_KINDS = {
    "count": frozenset({"count", "amount"}),
    "amount": frozenset({"amount", "share", "count"}),
    "date": frozenset({"date", "year"}),
    "person": frozenset({"person"}),
    "place": frozenset({"place"}),
    "reason": frozenset(FACT_KINDS),  # any answer may give a reason
}


def fold(text: str) -> str:
    """Unicode-compatible lowercase: full-width letters and digits become ASCII,
    control and format characters become spaces."""
    if text.isascii() and text.isprintable():  # the common case, and nothing to do
        return text.lower()
    text = unicodedata.normalize("NFKC", text)
    if not text.isprintable():
        text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return text.casefold()


def surface_tokens(text: str) -> list[str]:
    """Folded words and numbers, before any knowledge-specific step."""
    folded = fold(text)
    chinese = not folded.isascii() and has_chinese(folded)
    if chinese:
        folded = _CJK_EDGE.sub(" ", chinese_rewrite(folded))
    present = set(folded)
    has_digit = _DIGIT.search(folded) is not None
    for trigger, pattern, replacement in _SUBSTITUTIONS:
        if has_digit if trigger == "0" else not present.isdisjoint(trigger):
            folded = pattern.sub(replacement, folded)
    tokens = _TOKEN.findall(folded)
    if chinese:
        tokens = [piece for token in tokens for piece in (chinese_pieces(token) if has_chinese(token) else (token,))]
    return tokens


# Zipf frequencies (7 is "the", 3 is "hilly"): a word this common is a real word, never a typo
# to correct towards the knowledge ("cto" is not "ceo", "walk" is not "wall").
REAL_WORD_ZIPF = 3.3
# A capitalised word or acronym as common as this is no name ("German", "OK").
NAME_ZIPF = 4.0
# An unknown word's weight falls from all (at RARE_ZIPF and below) to nothing (at FILLER_ZIPF:
# "stuff", "story", "thing" and commoner words).
RARE_ZIPF, FILLER_ZIPF = 2.5, 5.0
MAX_DISCOUNT = 0.5
_PARTICIPLE = re.compile(r"^[a-z]{3,}(?:ed|ing)$")
# A run of Chinese the knowledge does not know is filler if every word of it is this common
# (具体 5.07, 安排 5.03), not a term to decline on (百度 4.84, 工资 4.8, 腾讯 4.49).
CHINESE_FILLER_ZIPF = 4.9
# A Chinese term with a word rarer than this is a name (美团 3.2, 马云 3.47) however it is used.
CHINESE_NAME_ZIPF = 3.5


def is_everyday(word: str) -> bool:
    return word.isascii() and word.isalpha() and zipf(word) >= REAL_WORD_ZIPF


def foreign_share(word: str) -> float:
    """How much of a full unknown word's weight this word carries: 1 for a rare word."""
    if not (word.isascii() and word.isalpha()) or len(word) <= 3:
        return 1.0  # an abbreviation ("jd", "hk") names something, however common its letters
    return min(1.0, max(0.0, (FILLER_ZIPF - zipf(word)) / (FILLER_ZIPF - RARE_ZIPF)))


def _slip_of(word: str, guess: str) -> bool:
    """A real word may still be a slip for a function word, a number or the same word's
    other form ("wat" for "what", "forth" for "fourth", "stated" for "state")."""
    return guess in STOPWORDS or guess in NUMBER_WORDS or guess in MONTHS or stem(guess) == stem(word)


def is_chinese_filler(term: str) -> bool:
    return all(zipf(w, "zh") >= CHINESE_FILLER_ZIPF for w in chinese_words(term))


def chinese_term_share(term: str) -> float:
    """Like `foreign_share` for a Chinese term: 1 (a name to decline on) if any word of it is
    rare or unknown to wordfreq (字节跳动, 马化腾), less the more everyday its rarest word is."""
    rarest = min(zipf(w, "zh") for w in chinese_words(term))
    if rarest < CHINESE_NAME_ZIPF:
        return 1.0
    return min(1.0, max(0.0, (FILLER_ZIPF - rarest) / (FILLER_ZIPF - RARE_ZIPF)))


_STEMS: dict[str, str] = {}  # every word seen, stemmed once (the vocabulary is bounded)
_MAX_STEMS = 200_000


def stem(word: str) -> str:
    found = _STEMS.get(word)
    if found is None:
        found = _STEMMER.stemWord(word) if word.isalpha() and word.isascii() else word
        if len(_STEMS) < _MAX_STEMS:
            _STEMS[word] = found
    return found


def name_like_words(text: str) -> frozenset[str]:
    """Words written like names: capitalised mid-sentence, or acronyms (CTO, COO)."""
    text = unicodedata.normalize("NFKC", text)
    starts = {m.start(1) for m in _SENTENCE_START.finditer(text)}
    names = set()
    for match in _RAW_WORD.finditer(text):
        word = match.group(0)
        if len(word) >= 2 and word.isupper():
            names.add(word.lower())
        elif word[0].isupper() and match.start() not in starts and not word[1:].isupper():
            names.add(word.lower())
    return frozenset(names)


# First word -> (priority, the words) of each entry of _ASKS starting with it.
_ASKS_BY_FIRST: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
for _priority, (_words, _) in enumerate(_ASKS):
    _ASKS_BY_FIRST.setdefault(_words[0], []).append((_priority, _words))


_ASK_FIRST_WORDS = frozenset(_ASKS_BY_FIRST)


def asked_kind(tokens: list[str]) -> str | None:
    """The kind of the first entry of _ASKS (in its order) that appears anywhere in `tokens`."""
    if _ASK_FIRST_WORDS.isdisjoint(tokens):
        return None
    best = len(_ASKS)
    for i, token in enumerate(tokens):
        for priority, words in _ASKS_BY_FIRST.get(token, ()):
            if priority < best and tuple(tokens[i:i + len(words)]) == words:
                best = priority
    return _ASKS[best][1] if best < len(_ASKS) else None


def _is_insert_delete_or_swap(word: str, candidate: str) -> bool:
    """A slip that keeps every letter typed: one added, one dropped, or two swapped."""
    if len(word) != len(candidate):
        return True
    return sorted(word) == sorted(candidate)


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
        self._by_pinyin: dict[str, str] | None = None  # known Chinese pairs by sound, built on first need
        # Typos are corrected towards words the knowledge uses or that carry no topic.
        self._correctable = sorted(
            w for w in surface | STOPWORDS | NUMBER_WORDS | MONTHS if w.isalpha() and len(w) >= 3
        )
        self._short_correctable = sorted(w for w in STOPWORDS if w.isalpha() and len(w) == 4)
        # Words by length: a word k edits away differs in length by at most k.
        self._by_length: dict[int, list[str]] = {}
        for word in self._correctable:
            self._by_length.setdefault(len(word), []).append(word)

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
        self._by_pinyin = None
        self.reads_chinese = True

    def plain_tokens(self, text: str) -> tuple[str, ...]:
        """The text's tokens before synonyms and without typo correction."""
        return self._base(text)

    def _base(self, text: str) -> tuple[str, ...]:
        return tuple(stem(t) for t in convert_numbers(surface_tokens(text)))

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

    def _read_chinese(self, words: list[str], corrections: list, unknown_terms: list,
                      everyday_terms: list) -> list[str]:
        """Keep the Chinese pieces the knowledge knows; name the unknown terms (or fix a
        homophone typo such as 张永 for 张勇)."""
        runs = chinese_chain(words)
        if not runs:
            return words
        replaced: dict[int, list[str]] = {}
        for run in runs:
            pairs = self._fix_homophones([words[i] for i in run], corrections)
            keep, unknown = chinese_read_run(pairs, self.known_words)
            for term in unknown:
                fixed = self._homophone(term)
                if fixed:
                    corrections.append((term, fixed))
                    keep.append(fixed)
                elif is_chinese_filler(term):
                    continue
                elif chinese_term_share(term) < 1.0:
                    keep.append(term)  # everyday words the knowledge does not use: weighed, not a veto
                    everyday_terms.append(term)
                else:
                    unknown_terms.append(term)
            replaced[run[0]] = keep
            for i in run[1:]:
                replaced[i] = []
        return [t for i, w in enumerate(words) for t in replaced.get(i, (w,))]

    def _fix_homophones(self, pairs: list[str], corrections: list) -> list[str]:
        """A pair with a character no known pair covers, that sounds like a known pair, is
        that pair mistyped (方像 for 方向). Pairs of covered characters are word boundaries."""
        if len(pairs[0]) != 2:
            return pairs
        _, covered = chinese_coverage(pairs, self.known_words)
        fixed = list(pairs)
        for i, pair in enumerate(pairs):
            if pair not in self.known_words and not (covered[i] and covered[i + 1]):
                known = self._homophone(pair)
                if known:
                    corrections.append((pair, known))
                    fixed[i] = known
                    covered[i] = covered[i + 1] = True  # so the next pair is seen as a boundary
        return fixed

    def _homophone(self, term: str) -> str | None:
        if len(term) != 2:
            return None
        if self._by_pinyin is None:
            by_pinyin: dict[str, str] = {}  # filled aside, then published whole: readers share this object
            for word in sorted(self.known_words):
                if len(word) == 2 and has_chinese(word):
                    by_pinyin.setdefault(chinese_pinyin(word), word)
            self._by_pinyin = by_pinyin
        return self._by_pinyin.get(chinese_pinyin(term))

    def analyse(self, text: str, correct_typos: bool = True, words: list[str] | None = None) -> Analysis:
        """Normalise `text`; `words`, if given, are its `surface_tokens` already computed."""
        words = surface_tokens(text) if words is None else words
        corrections = []
        foreign = []
        unknown_terms: list[str] = []
        everyday_terms: list[str] = []
        if correct_typos and not all(w.isascii() for w in words):
            words = self._read_chinese(words, corrections, unknown_terms, everyday_terms)
        if correct_typos:
            fixed = []
            for word in words:
                if word in self.known_words or word in STOPWORDS or word in NUMBER_WORDS or word.startswith("#") \
                    or chinese_is_piece(word):
                    fixed.append(word)
                    continue
                guess = self.correct(word)
                if guess is not None and is_everyday(word) and not _slip_of(word, guess):
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
        if not folded.isascii() and has_chinese(folded):
            folded = to_simplified(folded)
        if everyday_terms:
            # An unknown term that opens the question or owns something ("腾讯的计划") is whom the
            # question is about: another company, a name. Elsewhere it is weighed like any word.
            opening = folded.lstrip(" \t\n,.!?，。！？、")
            subjects = [t for t in everyday_terms if opening.startswith(t) or t + "的" in folded]
            unknown_terms += subjects
            everyday_terms = [t for t in everyday_terms if t not in subjects]
            words = [w for w in words if w not in subjects]
        attribute, asking = asked_attribute(words, folded)
        about_now = asks_about_now(words, folded)
        if this_year() in words:  # "in 2026": today, not a figure the sources might state
            about_now = True
            words = [w for w in words if w != this_year()]
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
        # An everyday word the knowledge never uses ("thing", "essay") costs a question
        # little; a rare one ("tencent") as much as any word can. Names stay names only if rare.
        # In a short question every word is the point ("who is the president of alibaba"):
        # only the most common words are discounted there; in a longer one, all everyday words.
        # Never more than half off: a story's sentences are split from its question (see the
        # engine), so what remains in one sentence is mostly what is asked.
        length_factor = min(MAX_DISCOUNT, max(0.0, (len(content) - 2) / 4))
        light = {}
        for term in everyday_terms:
            light[term] = 1.0 - (1.0 - chinese_term_share(term)) * length_factor
        for word in foreign:
            share = foreign_share(word)
            if share < 1.0:
                if zipf(word) < FILLER_ZIPF and not _PARTICIPLE.search(word):
                    # (a participle modifies: "stated reason", "dedicated fund"; it is not the point)
                    share = 1.0 - (1.0 - share) * length_factor
                light[stem(word)] = share
                names = names - {word} if zipf(word) >= NAME_ZIPF else names
        names |= {w for w in foreign if w in ROLE_TITLES}
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
        )
