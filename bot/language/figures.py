"""Facts' values written the Chinese way, derived from the one English value.

A figure lives once, in English, in facts.yaml; its Chinese form is computed:
"100 billion yuan" -> 1000亿元, "$15.49 billion" -> 154.9亿美元, "10 September 2019"
-> 2019年9月10日, "3,000 villages" -> 3000个村庄, "three-thousandths" -> 千分之三,
"one fifth" -> 五分之一, "20% (a fifth)" -> 20%, "just over four years" -> 四年多.
Names and places have no such rule: their facts carry a `zh:` text.
"""

from __future__ import annotations

import re

from bot.language.numbers import UNITS
from bot.language.numerals import CHINESE_DIGIT_CHARS, MONTH_NAMES

_MONTHS = {m: n for n, m in enumerate(MONTH_NAMES, 1)}
_CHINESE_DIGITS = CHINESE_DIGIT_CHARS
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_COUNT_UNITS = {"villages": "个村庄", "village": "个村庄"}
_AMOUNT = re.compile(r"^(\$)?\s*([\d,.]+)\s*(thousand|million|billion)?\s*(yuan|dollars|usd)?$", re.IGNORECASE)
_DATE = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\s+(\d{4})$")
_FRACTION = re.compile(r"^([a-z]+|\d+)[- ](fifth|tenth|hundredth|thousandth)s?\b", re.IGNORECASE)
_PERCENT = re.compile(r"^(\d+(?:\.\d+)?)%")
_DENOMINATORS = {"fifth": "五", "tenth": "十", "hundredth": "百", "thousandth": "千"}
_CONSECUTIVE_YEARS = re.compile(r"^([a-z]+|\d+)\s+consecutive\s+years$", re.IGNORECASE)
_SPAN = re.compile(r"^(just over |a little over )?([a-z]+|\d+)\s+years?$", re.IGNORECASE)
_COUNTED = re.compile(r"^([\d,]+|[a-z]+)(?:\s+([a-z]+))?$", re.IGNORECASE)


def chinese_numeral(number: int) -> str:
    """0-99 in Chinese characters (十, 三, 二十五); larger numbers stay in digits."""
    if not 0 <= number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _CHINESE_DIGITS[ones]
    return ("" if tens == 1 else _CHINESE_DIGITS[tens]) + "十" + (_CHINESE_DIGITS[ones] if ones else "")


def _number(word: str) -> float | None:
    word = word.replace(",", "").lower()
    if word in UNITS:
        return float(UNITS[word])
    try:
        return float(word)
    except ValueError:
        return None


def chinese_value(value: str, kind: str) -> str | None:
    """The Chinese form of an English fact value, or None when no rule applies."""
    text = value.strip()
    if kind == "amount":
        match = _AMOUNT.match(text)
        if match:
            number = _number(match.group(2))
            if number is not None:
                total = number * _SCALES.get((match.group(3) or "").lower(), 1.0)
                currency = "美元" if match.group(1) or (match.group(4) or "").lower() in {"dollars", "usd"} else "元"
                if total >= 1e8:
                    return f"{total / 1e8:g}亿{currency}"
                return f"{total:g}{currency}"
    if kind == "year" and re.fullmatch(r"\d{4}", text):
        return f"{text}年"
    if kind == "date":
        match = _DATE.match(text)
        if match and match.group(2).lower() in _MONTHS:
            day = f"{int(match.group(1))}日" if match.group(1) else ""
            return f"{match.group(3)}年{_MONTHS[match.group(2).lower()]}月{day}"
    if kind == "share":
        percent = _PERCENT.match(text)
        if percent:
            return percent.group(0)
        match = _FRACTION.match(text)
        number = _number(match.group(1)) if match else None
        if number is not None:
            return f"{_DENOMINATORS[match.group(2).lower()]}分之{chinese_numeral(int(number))}"
    if kind == "duration":
        match = _CONSECUTIVE_YEARS.match(text)
        if match and _number(match.group(1)) is not None:
            return f"连续{chinese_numeral(int(_number(match.group(1))))}年"
        match = _SPAN.match(text)
        if match and _number(match.group(2)) is not None:
            return f"{chinese_numeral(int(_number(match.group(2))))}年" + ("多" if match.group(1) else "")
    if kind == "count":
        match = _COUNTED.match(text)
        if match and _number(match.group(1)) is not None:
            number = int(_number(match.group(1)))
            unit = match.group(2)
            if unit is None:
                return chinese_numeral(number)
            if unit.lower() in _COUNT_UNITS:
                return f"{number}{_COUNT_UNITS[unit.lower()]}"
    return None
