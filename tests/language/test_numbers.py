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
