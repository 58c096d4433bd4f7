from bot.knowledge.yamlfile import read_yaml


def test_mappings_and_lists_remember_their_lines(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("first:\n  value: 1\nsecond:\n  - x\n  - y\n", encoding="utf-8")
    data = read_yaml(path).data
    assert data.key_lines == {"first": 1, "second": 3}
    assert data["first"].line == 2
    assert data["second"].item_lines == [4, 5]


def test_duplicate_keys_are_recorded_not_silently_dropped(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("value: 1\nother: 2\nvalue: 3\n", encoding="utf-8")
    data = read_yaml(path).data
    assert data["value"] == 3
    assert data.duplicate_keys == [("value", 1, 3)]


def test_broken_yaml_reports_the_line_instead_of_raising(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("good: 1\nbad: [unclosed\nnext: 2\n", encoding="utf-8")
    document = read_yaml(path)
    assert document.data is None
    assert document.error is not None and document.error.line == 3
    assert "is not valid YAML" in document.error.message


def test_tabs_are_located(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\nb:\t2\n", encoding="utf-8")
    assert read_yaml(path).tab_lines == (2,)


def test_non_utf8_file_is_reported(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: \xff\xfe\n")
    document = read_yaml(path)
    assert document.error is not None and "not UTF-8" in document.error.message


# -- bounded: what a knowledge file may not do, said at its line ------------------------

import pytest  # noqa: E402

from bot.knowledge.limits import MAX_DEPTH  # noqa: E402
from bot.knowledge.yamlfile import SYNTAX_FIX  # noqa: E402

ANCHOR_FIX = ("write the text out in full each place it is needed; text that starts with '&' or '*' must be in "
              "quotes.")
DEEP_FIX = ("an entries file needs 4 levels (entries, an entry, its questions); check the brackets and the "
            "indentation on this line.")


def error_of(tmp_path, content: str | bytes):
    path = tmp_path / "a.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    document = read_yaml(path)
    assert document.data is None
    return document.error


def test_a_byte_that_is_not_utf8_is_reported_on_its_own_line(tmp_path):
    error = error_of(tmp_path, b"doc:\n  title: A\n  publisher: Caf\xe9\n")
    assert error.line == 3
    assert error.message == "is not UTF-8 text (byte 0xe9: invalid continuation byte)."
    assert error.fix.startswith("save the file as UTF-8")


def test_lines_are_counted_the_way_yaml_counts_them(tmp_path):
    # \r\n is one line break, a lone \r another; the bad byte is on line 4
    assert error_of(tmp_path, b"a: 1\r\nb: 2\rc: 3\nd: \xff\n").line == 4


def test_a_control_character_is_reported_on_its_line(tmp_path):
    error = error_of(tmp_path, "a: 1\nb: 中文\nc: x\x00y\n")
    assert error == (3, "contains a character YAML does not allow (U+0000).",
                     "remove it; it is usually invisible, so retype the line.")


def test_the_alias_bomb_is_refused_without_expanding_it(tmp_path):
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{name}: &{name} [{', '.join(['*' + before] * 9)}]\n" for before, name in zip("abcdefgh", "bcdefghi"))
    assert len(bomb) < 600  # nine levels of nine aliases: 9**9 values once expanded
    assert error_of(tmp_path, bomb) == (
        1, "uses the YAML anchor '&a'; knowledge files do not allow anchors or aliases.", ANCHOR_FIX)


def test_an_alias_is_refused_at_its_line(tmp_path):
    assert error_of(tmp_path, "a: x\nb: *a\n") == (
        2, "uses the YAML alias '*a'; knowledge files do not allow aliases or anchors.", ANCHOR_FIX)


def test_a_tag_is_refused(tmp_path):
    assert error_of(tmp_path, "a: x\nb: !!int '5x'\n") == (
        2, "uses the YAML tag '!!int'; knowledge files do not use tags.",
        "remove it; text that starts with '!' must be in quotes.")


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 30_000])
def test_deep_flow_nesting_is_refused_before_building_anything(tmp_path, depth):
    error = error_of(tmp_path, "[" * depth + "]" * depth)
    assert error == (1, f"nests lists and sets of keys more than {MAX_DEPTH} levels deep.", DEEP_FIX)


def test_deep_block_nesting_is_refused_at_the_line_that_goes_too_deep(tmp_path):
    text = "".join(" " * (2 * level) + "- \n" for level in range(1_000))
    assert error_of(tmp_path, text) == (MAX_DEPTH + 1, f"nests lists and sets of keys more than {MAX_DEPTH} "
                                        "levels deep.", DEEP_FIX)


def test_nesting_up_to_the_limit_is_read(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("[" * MAX_DEPTH + "]" * MAX_DEPTH, encoding="utf-8")
    assert read_yaml(path).error is None


def test_a_five_thousand_digit_number_is_a_problem_not_an_exception(tmp_path):
    assert error_of(tmp_path, "a: 1\nb: " + "9" * 5_000 + "\n") == (
        2, "has a number 5,000 characters long; a number may be at most 100 characters.",
        "put it in quotes if it is text, or shorten it.")


def test_long_text_of_digits_in_quotes_is_text(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text('a: "' + "9" * 5_000 + '"\n', encoding="utf-8")
    assert read_yaml(path).data == {"a": "9" * 5_000}


def test_a_date_python_cannot_build_is_a_problem_at_its_line(tmp_path):
    assert error_of(tmp_path, "doc:\n  title: A\n  date: 2021-13-45\n") == (
        3, "is not valid YAML: '2021-13-45' cannot be read (month must be in 1..12).", SYNTAX_FIX)
