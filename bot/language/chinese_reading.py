"""Reading runs of Chinese against a knowledge base's known words: keep the pieces it knows,
fix homophone typos (张永 for 张勇), and sort the rest into filler, everyday terms and names."""

from __future__ import annotations

from bot.language.chinese import chain as chinese_chain
from bot.language.chinese import coverage as chinese_coverage
from bot.language.chinese import has_chinese
from bot.language.chinese import pinyin as chinese_pinyin
from bot.language.chinese import read_run as chinese_read_run
from bot.language.everyday import GENERAL_TOPICS_ZH, chinese_term_share, is_chinese_filler
from bot.language.frequency import chinese_words, zipf


COMMON_PAIR_ZIPF = 4.0  # a pair this common is a word of its own (进展 4.6), not a slip (富于 3.2 for 富裕)


class ChineseReader:
    """Reads against one fixed set of known words; safe to share between threads."""

    def __init__(self, known_words: frozenset[str]):
        self.known_words = known_words
        self._by_pinyin: dict[str, str] | None = None  # known Chinese pairs by sound, built on first need

    def read(self, words: list[str], corrections: list, unknown_terms: list,
             everyday_terms: list) -> list[str]:
        """Keep the Chinese pieces the knowledge knows; name the unknown terms (or fix a
        homophone typo such as 张永 for 张勇)."""
        runs = chinese_chain(words)
        if not runs:
            return words
        replaced: dict[int, list[str]] = {}
        for run in runs:
            pairs = self._fix_homophones([words[i] for i in run], corrections)
            keep, unknown = chinese_read_run(pairs, self.known_words, alone=len(runs) == 1)
            for term in unknown:
                fixed = self._homophone(term)
                if fixed:
                    corrections.append((term, fixed))
                    keep.append(fixed)
                elif any(topic in term for topic in GENERAL_TOPICS_ZH):
                    unknown_terms.append(term)  # 政府, 人口: what the question is about, never filler
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
        text, covered = chinese_coverage(pairs, self.known_words)
        between = _between_words(text)
        fixed = list(pairs)
        for i, pair in enumerate(pairs):
            # (an unknown character right beside it means a longer unknown word: 马化 of 马化腾 is no 码化)
            beside = (i > 0 and not covered[i - 1]) or (i + 2 < len(covered) and not covered[i + 2])
            if pair not in self.known_words and not (covered[i] and covered[i + 1]) and i not in between \
                    and not beside:
                known = self._homophone(pair)
                if known:
                    corrections.append((pair, known))
                    fixed[i] = known
                    covered[i] = covered[i + 1] = True  # so the next pair is seen as a boundary
        return fixed

    def _homophone(self, term: str) -> str | None:
        if len(term) != 2 or zipf(term, "zh") >= COMMON_PAIR_ZIPF:
            return None  # (a common word is no slip for another: 进展 is not 金占; 富于 may be 富裕)
        if self._by_pinyin is None:
            by_pinyin: dict[str, str] = {}  # filled aside, then published whole: readers share this object
            for word in sorted(self.known_words):
                if len(word) == 2 and has_chinese(word):
                    by_pinyin.setdefault(chinese_pinyin(word), word)
            self._by_pinyin = by_pinyin
        return self._by_pinyin.get(chinese_pinyin(term))


def _between_words(text: str) -> set[int]:
    """Pairs (by start) that join the end of one everyday word to the start of another
    (会打 in 基金会打算, 勇除 in 张勇除了): no typo of one word, whatever it sounds like (回答, 勇出).
    Two single characters wordfreq does not join may still be one misspelt word (张永)."""
    found, start = set(), 0
    words = chinese_words(text)
    for left, right in zip(words, words[1:]):
        start += len(left)
        if len(left) > 1 or len(right) > 1:
            found.add(start - 1)
    return found
