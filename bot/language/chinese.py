"""Chinese text for the normaliser: folding, numbers, question words and word pieces.

Chinese is written without spaces, so a run of Chinese characters is cut at
function words (的, 是, 吗, ...) and each piece becomes overlapping character
pairs ("阿里巴巴" -> 阿里, 里巴, 巴巴), which match whatever the segmentation.
Numbers and question words are rewritten as the English tokens the engine
already knows, so "1000亿元" meets "100 billion yuan" and "谁" asks for a person.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from bot.language.frequency import zipf
from bot.language.numerals import CHINESE_DIGITS, CHINESE_SMALL_UNITS, MONTH_NAMES

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df"  # (Extension B: OpenCC folds 嗰 to 𠮶)
_HAS_CJK = re.compile(f"[{CJK}]")

_DIGITS = CHINESE_DIGITS
_SMALL_UNITS = CHINESE_SMALL_UNITS
_NUMERAL = f"[0-9.{''.join(_DIGITS)}十百千]+"

# Question words, longest first, and what the engine reads them as.
_QUESTION_WORDS = (
    # an ordinal asked (第几项): which part of the plan, not a count
    ("第几条", " which action "), ("第几项", " which action "), ("第几任", " how many "), ("第几", " which number "),
    ("什么时候", " when "), ("甚么时候", " when "),
    ("哪一年", " which year "), ("哪年", " which year "), ("何时", " when "),
    ("多少钱", " how much "), ("多少个", " how many "), ("多少", " how much "), ("多大", " how big "), ("几个", " how many "),
    # Cantonese, as Hong Kong readers write it (folded to simplified first: 係咩 -> 系咩)
    ("系咩时候", " is when "), ("系咩", " what "), ("点解", " why "), ("几多", " how much "), ("边个", " who "), ("边度", " where "),
    ("喺边一年", " which year "), ("边一年", " which year "), ("边年", " which year "),
    ("喺边", " where "), ("几时", " when "), ("点申请", " how do i apply "), ("点样", " how "), ("几耐", " how long "),
    ("边啲", " which "), ("咩时候", " when "), ("乜时候", " when "), ("咩", " what "),
    ("多久", " how long "), ("几月几号", " what date "), ("几月几日", " what date "), ("几号", " what date "), ("几月", " which month "),
    ("在哪报名", " how do i sign up "), ("报名", " sign up "),
    ("几", " how many "), ("为什么", " why "), ("为何", " why "), ("哪里", " where "),
    ("在哪些", " which "), ("在哪个", " where "), ("在哪", " where "),  # (还在哪些公司: which companies, no place)
    ("怎么申请", " how do i apply "), ("如何申请", " how do i apply "), ("怎样申请", " how do i apply "),
    ("怎么报名", " how do i sign up "), ("为啥", " why "), ("干嘛", " what "), ("干啥", " what "), ("啥时候", " when "), ("咋样", " how "), ("咋", " how "),
    ("谁", " who "), ("哪些", " which "), ("哪几", " which "), ("具体", " exactly "), ("哪一天", " what date "),
    ("哪天", " what date "),
)
# Function words a run of Chinese is cut at (they carry no topic).
_STOPS = sorted({
    "的", "了", "吗", "呢", "吧", "啊", "呀", "么", "是", "在", "和", "与", "及", "或", "请问", "请", "问",
    "我", "你", "您", "他", "她", "它", "们", "这", "那", "些", "什么", "怎么", "怎样", "如何", "哪些", "哪个",
    "哪", "有没有", "有", "没有", "会不会", "能不能", "可以", "能", "要", "想", "知道", "告诉", "一下", "关于",
    "对于", "就", "都", "也", "还", "又", "被", "把", "给", "对", "从", "到", "将", "已经", "吗？",
    "意思", "含义", "意味着", "到底", "一共", "主要", "啥", "咋", "嘅", "冇", "有冇", "入面", "啲", "咗", "唔",
    # Cantonese function words (wordfreq's Chinese has none of them, so they read as names):
    # that, at, come, sentence particles, what, he/she, plural, so, now, still, also
    "嗰", "𠮶", "喺", "嚟", "㗎", "喎", "啦", "囉", "咁", "噉", "乜", "乜嘢", "嘢", "佢", "哋", "系咪", "而家", "仲", "埋",
    "晒",  # (OpenCC folds 嗰 to 𠮶; 晒: all of it, as in 投晒)
}, key=len, reverse=True)


def has_chinese(text: str) -> bool:
    return _HAS_CJK.search(text) is not None


@lru_cache(maxsize=1)
def _converter():
    import opencc  # only when Chinese text comes: English never pays for it

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters folded to simplified (張勇 -> 张勇)."""
    return _converter().convert(text)


def parse_numeral(text: str) -> float | None:
    """'1000', '154.9', '一千', '两百', '三千', '十' -> the number; None if not a numeral."""
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text):
        return float(text)
    total, current = 0, 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char in _SMALL_UNITS:
            total += max(current, 1) * _SMALL_UNITS[char]
            current = 0
        else:
            return None
    return float(total + current)


def _words(value: float) -> str:
    return f"{value:g}"


def _amount(match: re.Match) -> str:
    number = parse_numeral(match.group(1)) if match.group(1) else 1.0
    if number is None:
        return match.group(0)
    scale = {"亿": 1e8, "万": 1e4}[match.group(2)] * number
    money = " usd" if match.group(3) == "美元" else (" yuan" if match.group(3) else "")
    if scale >= 1e9:
        return f" {_words(scale / 1e9)} billion{money} "
    if scale >= 1e6:
        return f" {_words(scale / 1e6)} million{money} "
    return f" {_words(scale)}{money} "


def _ordinal(match: re.Match) -> str:
    number = parse_numeral(next(g for g in match.groups() if g))
    return f" #{int(number)} " if number is not None else match.group(0)


_MONTHS = MONTH_NAMES


def _english_date(year: str | None, month: str | None, day: str | None) -> str:
    """'10 september 2019', as the English facts write dates."""
    parts = []
    if day:
        parts.append(_words(parse_numeral(day) or 0))
    if month:
        parts.append(_MONTHS[int(parse_numeral(month) or 1) - 1])
    if year:
        parts.append(year)
    return " " + " ".join(parts) + " "


def _year_date(match: re.Match) -> str:  # 2019年9月10日, 2015年5月, 2025年
    return _english_date(match.group(1), match.group(2), match.group(3))


def _month_day(match: re.Match) -> str:  # 9月4日
    return _english_date(None, match.group(1), match.group(2))


def _count(match: re.Match) -> str:  # 3000个村庄, 十大行动
    number = parse_numeral(match.group(1))
    return f" {_words(number)} " if number is not None else match.group(0)


def _thousandths(match: re.Match) -> str:
    number = parse_numeral(match.group(1))
    return f" {_words(number)} thousandths " if number is not None else match.group(0)


_SMALL = r"([0-9]{1,2}|[一二三四五六七八九十]+)"


@lru_cache(maxsize=1)
def _rules():
    """Compiled on the first Chinese text: English never pays for them."""
    return (
        (re.compile(rf"([0-9]{{4}})\s*年\s*(?:{_SMALL}\s*月)?(?:\s*{_SMALL}\s*日)?"), _year_date),
        (re.compile(rf"{_SMALL}\s*月\s*{_SMALL}\s*日"), _month_day),
        (re.compile(rf"千分之\s*({_NUMERAL})"), _thousandths),
        (re.compile(rf"({_NUMERAL})?\s*(亿|万)\s*(美元|元)?"), _amount),
        (re.compile(rf"第\s*({_NUMERAL})(?![方者])\s*(?:项|个|条|点|步)?"), _ordinal),  # (第三方: a third party)
        # 怎么向基金会申请: how to apply, to whom in between
        (re.compile(r"(?:怎么|如何|怎样|咋|点样)(?:才能)?(?:向|跟|找|给)([^？?。，,！!]{1,8}?)申请"), r" how do i apply \1 "),
        (re.compile(rf"(?<=行动|措施)\s*({_NUMERAL})(?![\u4e00-\u9fff])|(?<=行动|措施)\s*({_NUMERAL})(?=[是的讲说])"),
         _ordinal),  # 行动三, 行动三是: not 行动一共 ("in all")
        (re.compile(rf"(?<![#0-9.])({_NUMERAL})\s*(?:个|项|条|大)?\s*(?=村|行动|措施|方向)"), _count),
        (re.compile(r"(?<![第#0-9])十\s*(?:条|项)(?!行动|措施)"), lambda m: " 10 action "),  # 那十条: the ten actions
        # a span of time asked (几年, 多少年), not a count; not 这几年 (these years) or 多少年轻人
        (re.compile(r"多少年(?![轻纪龄])|(?<![这近前十])几年(?!级)"), " how many years "),
        # formal written Chinese: 何人 who, 何年何月何日 what date, 何处 where (not 任何人 anyone, 如何 how)
        (re.compile(r"(?<![任如为])何(?:年何)?月何日|(?<![任如为])何日"), " what date "),
        (re.compile(r"(?<![任如为])何年"), " which year "), (re.compile(r"(?<![任如为])何人"), " who "),
        (re.compile(r"(?<![任如为])何(?:处|地)"), " where "),
        # 帮哪些人, 面向什么人: who benefits, not a person's name
        (re.compile(r"(?:帮|帮助|面向|针对|惠及|照顾)(?:哪些|哪类|哪种|什么样的|什么|边啲|咩)人(?:群)?"), " who benefits "),
        # Cantonese 边个 is "who" before a verb (边个负责) and "which" before a noun (边个会议)
        (re.compile(r"边个(?![系是做当负责话讲带领管牵])(?=[\u4e00-\u9fff])"), " which "),
        (re.compile(r"美元"), " usd "),
        (re.compile(r"元"), " yuan "),
    )


@lru_cache(maxsize=1)
def _stop_pattern():
    return re.compile("|".join(map(re.escape, _STOPS)))


def rewrite(text: str) -> str:
    """Fold, then rewrite numbers, dates and question words as the engine's English tokens."""
    text = to_simplified(text)
    for pattern, replacement in _rules():
        text = pattern.sub(replacement, text)
    for word, english in _QUESTION_WORDS:
        text = text.replace(word, english)
    return text


def pieces(run: str) -> list[str]:
    """A run of Chinese characters as word pieces: cut at function words, then character pairs."""
    tokens: list[str] = []
    for segment in _stop_pattern().split(run):
        if len(segment) == 1:
            tokens.append(segment)
        else:
            tokens.extend(segment[i:i + 2] for i in range(len(segment) - 1))
    return tokens


def is_piece(token: str) -> bool:
    return bool(token) and _HAS_CJK.match(token) is not None


def chain(tokens: list[str]) -> list[list[int]]:
    """Indexes of consecutive Chinese pieces that come from one run (pairs overlap by a character)."""
    groups: list[list[int]] = []
    for i, token in enumerate(tokens):
        if not is_piece(token):
            continue
        if groups and groups[-1][-1] == i - 1 and len(tokens[i - 1]) == 2 and len(token) == 2 \
                and tokens[i - 1][1] == token[0]:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


# A character this common on its own is a word of the sentence (做 6.4, 用 6.1), not of its topic.
FUNCTION_CHAR_ZIPF = 6.0


def read_run(pairs: list[str], known, alone: bool = False) -> tuple[list[str], list[str]]:
    """Split a run's pieces into (pieces to keep, unknown terms).

    A pair both of whose characters belong to known pairs straddles two known words
    ("助中" in 帮助中小企业): dropped. Characters no known pair covers form unknown
    terms ("腾讯", "市值"); a lone unknown character is usually a particle: dropped."""
    if len(pairs) == 1 and len(pairs[0]) == 1:
        # A lone character as common as 做, 用 or 说 is a function of the sentence, not its topic.
        # (unless it is all the question says: 好 in 你好)
        keep = pairs[0] in known and (alone or zipf(pairs[0], "zh") < FUNCTION_CHAR_ZIPF)
        return ([pairs[0]] if keep else []), []
    text, covered = coverage(pairs, known)
    keep = [pair for pair in pairs if pair in known]
    unknown, run = [], ""
    for char, is_covered in zip(text, covered):
        if is_covered:
            if len(run) >= 2:
                unknown.append(run)
            run = ""
        else:
            run += char
    if len(run) >= 2:
        unknown.append(run)
    return keep, unknown


def coverage(pairs: list[str], known) -> tuple[str, list[bool]]:
    """The run's characters, and which of them a known pair covers."""
    text = pairs[0] + "".join(p[1] for p in pairs[1:])
    covered = [False] * len(text)
    for i, pair in enumerate(pairs):
        if pair in known:
            covered[i] = covered[i + 1] = True
    return text, covered


@lru_cache(maxsize=1)
def readings() -> dict[int, str]:
    """pypinyin's table of each character's readings ("zhāng,zhàng"), read from its module file:
    importing pypinyin itself loads its phrase dictionary too (57 MB against 12 MB), and a
    homophone needs only one reading per character."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin is not installed (pip install pypinyin)")
    path = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.py"
    module_spec = importlib.util.spec_from_file_location("_pledgebot_pinyin_dict", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module.pinyin_dict


@lru_cache(maxsize=4096)
def pinyin(term: str) -> str:
    """Each character's first reading without tones ("张勇" -> "zhang yong"): only for Chinese the
    knowledge does not know."""
    table = readings()
    syllables = []
    for char in term:
        reading = table.get(ord(char))
        if reading is None:
            syllables.append(char)
            continue
        plain = unicodedata.normalize("NFD", reading.split(",")[0]).replace("u\u0308", "v")  # ü as lazy_pinyin writes it
        syllables.append("".join(c for c in plain if not unicodedata.combining(c)))
    return " ".join(syllables)
