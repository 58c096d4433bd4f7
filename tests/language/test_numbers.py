import pytest

from bot.language.numbers import convert_numbers


@pytest.mark.parametrize("words, expected", [
    ("seventh action", ["#7", "action"]),
    ("action seven", ["action", "#7"]),
    ("action 7", ["action", "#7"]),
    ("the 10 actions", ["the", "10", "actions"]),
    ("ten actions", ["10", "actions"]),
    ("one hundred billion", ["100", "billion"]),
    ("a hundred billion", ["a", "100", "billion"]),
    ("three thousand villages", ["3000", "villages"]),
    ("twenty five", ["25"]),
    ("100000000000 yuan", ["100", "billion", "yuan"]),
    ("which one is it", ["which", "one", "is", "it"]),
    ("september #4", ["september", "4"]),
    ("#4 of september", ["4", "of", "september"]),
])
def test_number_words_and_ordinals(words, expected):
    assert convert_numbers(words.split()) == expected


def test_digits_int_cannot_read_and_giant_numbers_stay_words():
    # "❶" and "²" are digits to str.isdigit but not to int(); 5,000 digits is past int()'s limit.
    for word in ("❶", "²", "5" * 5000, "#" + "7" * 5000):
        assert convert_numbers(["action", word]) is not None
