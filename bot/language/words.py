"""Words before any knowledge-specific step: folding, splitting into tokens, stemming,
and spotting words written like names."""

from __future__ import annotations

import re
import unicodedata

import Stemmer

from bot.language.chinese import CJK, has_chinese
from bot.language.chinese import pieces as chinese_pieces
from bot.language.chinese import rewrite as chinese_rewrite

_STEMMER = Stemmer.Stemmer("english")

# Shorthand as people type it in a hurry, and the words it stands for (read token by token: cheap).
ABBREVIATIONS = {
    "dev": ("development",), "amt": ("amount",), "equiv": ("equivalent",), "chmn": ("chairman",),
    "mgmt": ("management",), "govt": ("government",), "intl": ("international",), "approx": ("approximately",),
    "fdn": ("foundation",), "alifdn": ("alibaba", "foundation"), "grp": ("group",), "excl": ("excluding",),
    "info": ("information",),
}
# How the answer should be written, not what it is about: "in bullet points".
_FORMAT_WORDS = {"bullet": {"points", "point", "pts", "pt"}}
_SHORTHAND = frozenset(ABBREVIATIONS) | frozenset(_FORMAT_WORDS)

# Rules tried only when the text's words hold one of theirs (they run on every phrasing of the
# knowledge, and their letters are in most texts): (words, pattern, replacement).
_WORD_RULES = (
    # where the answer should come from, not what it is about: "going by your sources, ..."
    (frozenset("source sources document documents docs article articles report reports reporting".split()),
     re.compile(r"\b(?:going by|according to|based on|per|judging by)\s+(?:your|the|ur)\s+"
                r"(?:sources?|documents?|docs|articles?|reports?|reporting)\b", re.IGNORECASE), " "),
    # "the pledge runs until 2030": lasts, not who runs it
    (frozenset({"until", "till", "through"}), re.compile(r"\b(?:runs?|running|ran)\s+(until|till|through)\b",
                                                       re.IGNORECASE), r" \1"),
    # a list's numbering: "q1: how much..." (not "in Q1")
    (frozenset({"q"}), re.compile(r"\bq\s?\d{1,2}\s*[:)]", re.IGNORECASE), " "),
    # "the CEO job", "the top job": a role, not employment ("jobs for gig workers")
    (frozenset({"job", "jobs"}),
     re.compile(r"\b(ceo|executive|chairman|chair|top|boss|sports group)\s+jobs?\b", re.IGNORECASE), r"\1"),
)

# (characters that must be present for the rule to matter, pattern, replacement);
# "0" stands for any digit. Skipping rules that cannot match keeps this cheap.
_SUBSTITUTIONS = (
    ("\u2018\u2019\u02bc`´", re.compile(r"[\u2018\u2019\u02bc`´]"), "'"),
    ("0", re.compile(r"(?<=\d),(?=\d{3}\b)"), ""),  # 3,000 -> 3000
    ("4", re.compile(r"\bb4\b", re.IGNORECASE), " before "),  # chat
    (".", re.compile(r"\b(?:e\.g|i\.e)\b\.?", re.IGNORECASE), " "),  # "e.g.", "i.e.": no letters e and g
    ("/", re.compile(r"\bw/", re.IGNORECASE), " with "),  # chat: "funded w/ 3%"
    ("0", re.compile(r"(\d+)\s*(?:st|nd|rd|th)\b"), r" #\1 "),  # 7th -> #7
    ("0", re.compile(r"\b(?:no|nr|num|number)\s*\.?\s*#?\s*(\d+)\b"), r" #\1 "),  # No. 7 -> #7
    ("#", re.compile(r"#\s*(\d+)"), r" #\1 "),
    ("$", re.compile(r"\$"), " usd "),
    ("%", re.compile(r"%"), " percent "),
    ("&", re.compile(r"\br\s*&\s*d\b", re.IGNORECASE), " research "),  # R&D
    ("&", re.compile(r"&"), " and "),
    ("0", re.compile(r"(\d)([^\W\d_])"), r"\1 \2"),  # 100bn -> 100 bn
    ("0", re.compile(r"([^\W\d_#])(\d)"), r"\1 \2"),  # action3 -> action 3
    ("y", re.compile(r"\byr(s?)\b"), r"year\1"),  # chat: "what yr", "ten yrs"
    ("'", re.compile(r"'s\b"), ""),
    ("'", re.compile(r"\b(ca|wo)n't\b"), lambda m: "can not" if m.group(1) == "ca" else "will not"),
    ("'", re.compile(r"n't\b"), " not"),
    ("'", re.compile(r"'"), ""),
)
_DIGIT = re.compile(r"\d")
# Where Chinese meets anything else: a boundary between words.
_CJK_EDGE = re.compile(f"(?<=[{CJK}])(?=[^{CJK}])|(?<=[^{CJK}])(?=[{CJK}])")
_TOKEN = re.compile(r"#\d+|\d+(?:\.\d+)?|[^\W\d_]+")
_RAW_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)\W*([A-Za-z][A-Za-z0-9]*)")


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
    for words, pattern, replacement in _WORD_RULES:
        if not words.isdisjoint(tokens):
            folded = pattern.sub(replacement, folded)
            tokens = _TOKEN.findall(folded)
    tokens = _expand_shorthand(tokens)
    if chinese:
        tokens = [piece for token in tokens for piece in (chinese_pieces(token) if has_chinese(token) else (token,))]
    return tokens


def _expand_shorthand(tokens: list[str]) -> list[str]:
    if _SHORTHAND.isdisjoint(tokens):
        return tokens
    expanded: list[str] = []
    skip: set[str] = set()
    for token in tokens:
        if token in skip:
            skip = set()
            continue
        skip = _FORMAT_WORDS.get(token, set())
        if not skip:
            expanded.extend(ABBREVIATIONS.get(token, (token,)))
    return expanded


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
