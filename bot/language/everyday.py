"""How everyday a word the knowledge never uses is (wordfreq's Zipf scale), and so how much
of an unknown word's weight it carries: a rare word or name counts in full, filler little."""

from __future__ import annotations

import re

from bot.language.frequency import chinese_words, is_common_chinese_word, zipf
from bot.language.numbers import MONTHS, NUMBER_WORDS
from bot.language.stopwords import STOPWORDS
from bot.language.words import stem

# Zipf frequencies (7 is "the", 3 is "hilly"): a word this common is a real word, never a typo
# to correct towards the knowledge ("cto" is not "ceo", "walk" is not "wall").
REAL_WORD_ZIPF = 3.3
# A capitalised word or acronym as common as this is no name ("German", "OK").
NAME_ZIPF = 4.0
# An unknown word's weight falls from all (at RARE_ZIPF and below) to nothing (at FILLER_ZIPF:
# "stuff", "story", "thing" and commoner words).
RARE_ZIPF, FILLER_ZIPF = 2.5, 5.0
MAX_DISCOUNT = 0.5
COMMON_WORD_ZIPF = 4.5  # commoner words are rarely a slip for another word
SHORT_WORD_ZIPF = 4.5  # a three-letter word this common is a word ("son", "tea"), not an abbreviation ("cfo")
_PARTICIPLE = re.compile(r"^[a-z]{3,}(?:ed|ing)$")
# A run of Chinese the knowledge does not know is filler if every word of it is this common
# (具体 5.07, 安排 5.03), not a term to decline on (百度 4.84, 工资 4.8, 腾讯 4.49).
CHINESE_FILLER_ZIPF = 4.9
# A Chinese term with a word rarer than this is a name (美团 3.2, 马云 3.47) however it is used.
CHINESE_NAME_ZIPF = 3.5


# Common nouns that name a topic of general knowledge about a place or a person ("the capital
# city of Zhejiang", "its population", "the weather in Hangzhou"), or the politics around the
# pledge ("did the government pressure Alibaba"): frequent in any text, yet the whole point of
# such a question, which the documents never answer. They are never filler.
GENERAL_TOPICS = frozenset("""capital population populations weather temperature climate mayor governor
    president presidents wife husband birthday hobby hobbies recipe recipes
    government governments politics political regulator regulators regulatory authorities""".split())
GENERAL_TOPICS_ZH = frozenset("政府 政治 监管 当局 官方回应 首都 省会 人口 天气".split())


def is_short_word(word: str) -> bool:
    """A three-letter word as common as "son", "tea" or "car": a word, not an abbreviation."""
    return len(word) == 3 and word.isascii() and word.isalpha() and zipf(word) >= SHORT_WORD_ZIPF


def is_everyday(word: str) -> bool:
    return word.isascii() and word.isalpha() and zipf(word) >= REAL_WORD_ZIPF


def foreign_share(word: str) -> float:
    """How much of a full unknown word's weight this word carries: 1 for a rare word."""
    if not (word.isascii() and word.isalpha()) or len(word) <= 3 or word.lower() in GENERAL_TOPICS:
        return 1.0  # an abbreviation ("jd", "hk") names something, however common its letters
    return min(1.0, max(0.0, (FILLER_ZIPF - zipf(word)) / (FILLER_ZIPF - RARE_ZIPF)))


def stem_share(token: str) -> float:
    """`foreign_share` for a stemmed word ("outsid", "asid"): its commonest surface form counts."""
    if not (token.isascii() and token.isalpha()) or len(token) <= 3:
        return 1.0
    common = max(zipf(token + ending) for ending in ("", "e", "s", "es", "y", "ed", "ing"))
    return min(1.0, max(0.0, (FILLER_ZIPF - common) / (FILLER_ZIPF - RARE_ZIPF)))


def slip_of(word: str, guess: str) -> bool:
    """A real word may still be a slip for a function word, a number or the same word's
    other form ("wat" for "what", "forth" for "fourth", "stated" for "state"); a common word
    is a slip only for another form of itself ("pay" is not "play")."""
    if stem(guess) == stem(word):
        return True
    return zipf(word) < COMMON_WORD_ZIPF and (guess in STOPWORDS or guess in NUMBER_WORDS or guess in MONTHS)


def is_chinese_filler(term: str) -> bool:
    return all(zipf(w, "zh") >= CHINESE_FILLER_ZIPF for w in chinese_words(term))


def chinese_term_share(term: str) -> float:
    """Like `foreign_share` for a Chinese term: 1 (a name to decline on) if any word of it is
    rare or unknown to wordfreq (字节跳动, 马化腾) and no dictionary calls it an everyday word,
    less the more everyday its rarest word is."""
    words = chinese_words(term)
    rarest_word = min(words, key=lambda w: zipf(w, "zh"))
    rarest = zipf(rarest_word, "zh")
    if rarest < CHINESE_NAME_ZIPF:
        if not (is_common_chinese_word(term) or is_common_chinese_word(rarest_word)):
            return 1.0
        rarest = CHINESE_NAME_ZIPF  # a dictionary's everyday word (主攻, 原话), only as rare as words get
    return min(1.0, max(0.0, (FILLER_ZIPF - rarest) / (FILLER_ZIPF - RARE_ZIPF)))


def light_shares(content_count: int, foreign: list[str], everyday_terms: list[str],
                 names: set[str]) -> tuple[dict[str, float], set[str]]:
    """(token -> share of its weight, for the unknown words that are everyday; `names` less
    the words too common to be names).

    An everyday word the knowledge never uses ("thing", "essay") costs a question
    little; a rare one ("tencent") as much as any word can. Names stay names only if rare.
    In a short question every word is the point ("who is the president of alibaba"):
    only the most common words are discounted there; in a longer one, all everyday words.
    Never more than half off: a story's sentences are split from its question (see the
    engine), so what remains in one sentence is mostly what is asked."""
    length_factor = min(MAX_DISCOUNT, max(0.0, (content_count - 2) / 4))
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
    return light, names
