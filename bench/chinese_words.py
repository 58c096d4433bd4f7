"""Write bot/language/data/chinese_common_words.txt from jieba's dictionary.

    pip install jieba==0.42.1 && python bench/chinese_words.py

wordfreq rates many everyday Chinese words as rare as names (主攻 3.47, 原话 3.01, 马云 3.47), so
frequency alone reads them as names the knowledge never mentions. jieba's dictionary tags each
word's part of speech: the words it tags as common words (verbs, common nouns, adjectives...,
not person, place, organisation or other proper names) and that wordfreq rates rarer than
CHINESE_NAME_ZIPF are the ones this list is for. Only the list is shipped; jieba is not a
dependency of the bot.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.language.chinese import has_chinese  # noqa: E402
from bot.language.everyday import CHINESE_NAME_ZIPF  # noqa: E402
from bot.language.frequency import COMMON_CHINESE_WORDS, zipf  # noqa: E402

PROPER_TAGS = ("nr", "ns", "nt", "nz", "x", "eng")  # person, place, organisation, other proper, non-words
MIN_COUNT = 10  # jieba's count for the word; rarer entries are mostly segmentation debris


def main() -> int:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        print("jieba is not installed: pip install jieba==0.42.1", file=sys.stderr)
        return 1
    dictionary = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    words = []
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) != 3:
            continue
        word, count, tag = fields
        if 2 <= len(word) <= 4 and has_chinese(word) and word.isalpha() and int(count) >= MIN_COUNT and not tag.startswith(PROPER_TAGS) \
                and zipf(word, "zh") < CHINESE_NAME_ZIPF:
            words.append(word)
    header = ("# Everyday Chinese words wordfreq rates rarer than Zipf "
              f"{CHINESE_NAME_ZIPF}: words jieba 0.42.1's dictionary (MIT licence) tags as common\n"
              "# words, not names. Written by bench/chinese_words.py; do not edit by hand.\n")
    COMMON_CHINESE_WORDS.write_text(header + "\n".join(sorted(set(words))) + "\n", encoding="utf-8")
    print(f"{len(set(words))} words -> {COMMON_CHINESE_WORDS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
