"""Number words to digits, so "ten", "10", "tenth", "10th" and "#10" meet.

Cardinals become digits ("three thousand" -> "3000"). Ordinals, and numbers
after a word that counts items ("action seven", "No. 7"), become "#N", which
keeps "the 7th action" apart from "the 7 actions".
"""

from __future__ import annotations

from bot.language.numerals import MONTH_ABBREVIATIONS, MONTH_NAMES

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
}
# Words after which a number names an item: "action 3", "step three", "number 3".
ITEM_WORDS = frozenset({
    "action", "actions", "measure", "measures", "step", "steps", "point", "points", "item", "items",
    "pillar", "pillars", "number", "no", "nr", "num", "initiative",
})
MONTHS = frozenset(MONTH_NAMES) | frozenset(MONTH_ABBREVIATIONS)
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) | frozenset(ORDINALS)
LARGE = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def _read_cardinal(tokens: list[str], start: int) -> tuple[int, int] | None:
    """Parse number words from `start`; return (value, tokens used) or None."""
    total, current, used = 0, 0, 0
    i = start
    while i < len(tokens):
        word = tokens[i]
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        elif word == "and" and used and i + 1 < len(tokens) and tokens[i + 1] in UNITS | TENS:
            pass
        else:
            break
        used += 1
        i += 1
    if not used:
        return None
    return total + current, i - start


def _split_large(number: str) -> list[str]:
    """'100000000000' -> ['100', 'billion'], as people write it."""
    # isdecimal, not isdigit: "❶" and "²" are digits to Python but not to int(); and a
    # number longer than any amount is left as it is (int() refuses over 4,300 digits).
    if not number.isdecimal() or len(number) > 30:
        return [number]
    value = int(number)
    for size, word in LARGE:
        if value >= size and value % (size // 1000) == 0:
            scaled = value / size
            shown = f"{scaled:g}"
            return [shown, word]
    return [number]


def _near_month(tokens: list[str], i: int) -> bool:
    before = tokens[i - 1] if i > 0 else ""
    before2 = tokens[i - 2] if i > 1 else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    after2 = tokens[i + 2] if i + 2 < len(tokens) else ""
    return before in MONTHS or after in MONTHS or (after == "of" and after2 in MONTHS) or (
        before == "the" and before2 in MONTHS)




# Words that only announce an item number: "number 9" is just "#9".
NUMBER_MARKERS = frozenset({"number", "no", "nr", "num"})
def convert_numbers(tokens: list[str]) -> list[str]:
    """Rewrite number words and ordinals in a lowercase token list."""
    # Item words and markers only matter next to a number: without a number word or a
    # digit (or "#N") there is nothing to rewrite, as in most texts.
    if NUMBER_WORDS.isdisjoint(tokens) and "".join(tokens).isalpha():
        return tokens
    converted = _convert(tokens)
    return [t for i, t in enumerate(converted)
            if not (t in NUMBER_MARKERS and i + 1 < len(converted) and converted[i + 1].startswith("#"))]


def _convert(tokens: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i]
        previous = tokens[i - 1] if i else ""
        if word.startswith("#") and word[1:].isdecimal() and len(word) < 30:
            out.append(word[1:] if _near_month(tokens, i) else word)
            i += 1
            continue
        if word in ORDINALS:
            value = ORDINALS[word]
            out.append(str(value) if _near_month(tokens, i) else f"#{value}")
            i += 1
            continue
        if word.isdecimal() and len(word) < 4 and previous in ITEM_WORDS:
            out.append(f"#{word}")
            i += 1
            continue
        if word not in NUMBER_WORDS and not word[0].isdigit():
            out.append(word)
            i += 1
            continue
        # "one" alone is rarely a number ("which one"); count it only where it must be.
        if word == "one" and not (previous in ITEM_WORDS or (i + 1 < len(tokens) and tokens[i + 1] in SCALES)):
            out.append(word)
            i += 1
            continue
        parsed = _read_cardinal(tokens, i)
        if parsed is not None:
            value, used = parsed
            out.append(f"#{value}" if previous in ITEM_WORDS else str(value))
            i += used
            continue
        out.extend(_split_large(word))
        i += 1
    return out
