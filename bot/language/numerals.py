"""Month names and Chinese numerals, declared once for everything that reads or writes them."""

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
# Chinese digits and their values (两 is 2 as in 两千, 〇 is 0 as in 二〇二一).
CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                  "九": 9}
CHINESE_DIGIT_CHARS = "零一二三四五六七八九"  # how a digit is written, by its value
CHINESE_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
# Every character of a Chinese numeral, for patterns: "[" + CHINESE_NUMERAL_CHARS + "]".
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(CHINESE_SMALL_UNITS)
