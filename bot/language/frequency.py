"""How common a word is in everyday English or Chinese, from wordfreq's word lists.

It tells filler the knowledge never uses ("thing", "lol", "wondering", 具体, 安排) from what
a question is about: a rare word or a name ("tencent", "cto", 腾讯, 工资) still means the
documents do not cover the question. Frequencies are Zipf values: 7 for "the", about 3 for
"hilly", 0 for a word wordfreq has never seen.

The lists are read straight from the data files in wordfreq's wheel, only when a question
has a word the knowledge does not know: importing wordfreq itself costs 0.2 s (it loads
tokenisers this project does not need); reading one small list costs about 20 ms.
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import lru_cache
from pathlib import Path
from threading import Lock

import msgpack

_lists: dict[str, dict[str, float]] = {}
_loading = Lock()
# Everyday Chinese words wordfreq rates as rare as names (see bench/chinese_words.py).
COMMON_CHINESE_WORDS = Path(__file__).with_name("data") / "chinese_common_words.txt"


def _data_dir() -> Path:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("wordfreq is not installed (pip install wordfreq)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _read(lang: str) -> dict[str, float]:
    """wordfreq's 'cBpack': a header, then lists of words by frequency bucket; the words of
    bucket i occur 10^(-i/100) of the time, which is Zipf (900 - i) / 100."""
    packed = msgpack.loads(gzip.decompress((_data_dir() / f"small_{lang}.msgpack.gz").read_bytes()), raw=False)
    header, buckets = packed[0], packed[1:]
    if not isinstance(header, dict) or header.get("format") != "cB":
        raise ValueError(f"unexpected wordfreq data format: {header!r}")
    return {word: (900 - i) / 100 for i, words in enumerate(buckets) for word in words}


def zipf(word: str, lang: str = "en") -> float:
    """The word's Zipf frequency in `lang` ("en" or "zh"); 0.0 if wordfreq does not know it."""
    table = _lists.get(lang)
    if table is None:
        with _loading:
            table = _lists.get(lang)
            if table is None:
                table = _read(lang)
                _lists[lang] = table
    return table.get(word, 0.0)


def chinese_words(run: str) -> list[str]:
    """A run of Chinese split into the longest everyday words wordfreq knows (single
    characters where it knows none)."""
    words, i = [], 0
    while i < len(run):
        for size in range(min(4, len(run) - i), 0, -1):
            piece = run[i:i + size]
            if size == 1 or zipf(piece, "zh") > 0:
                words.append(piece)
                i += size
                break
    return words


@lru_cache(maxsize=1)
def common_chinese_words() -> str:
    """The list as one string with "\n" around every word: a substring test is the lookup, and
    the whole list costs under 1 MB (a set of its 56,000 words would cost 8 MB)."""
    lines = COMMON_CHINESE_WORDS.read_text(encoding="utf-8").splitlines()
    return "\n" + "\n".join(w for w in lines if not w.startswith("#")) + "\n"


@lru_cache(maxsize=8192)  # (a substring test over the whole list costs up to 0.25 ms)
def is_common_chinese_word(word: str) -> bool:
    """Whether a dictionary tags `word` as an everyday word (主攻, 原话), not a name (马化腾)."""
    return f"\n{word}\n" in common_chinese_words()
