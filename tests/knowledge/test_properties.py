"""Whatever a knowledge file holds, the loader returns problems and never raises.

Generated YAML (deep nesting, anchors and aliases, odd scalars, tags), text and bytes are
written over one file of a tiny knowledge folder at a time.
"""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.knowledge.loader import LoadResult, read_knowledge
from bot.knowledge.problems import Problem
from bot.knowledge.yamlfile import read_yaml, split_lines
from tests.conftest import write_knowledge

FILES = ["sources.yaml", "facts.yaml", "synonyms.yaml", "smalltalk.yaml", "examples.yaml", "entries/main.yaml"]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Scalars that parse but may not build or may not be what the loader wants, and tokens that break YAML.
PLAIN_VALUES = [
    "yes", "No", "on", "~", "null", ".inf", "-.nan", "1e400", "0x1F", "0o17", "0b101", "1_000", "1:20:30",
    "190:20:30.15", "2021-09-05", "2021-13-45", "2021-02-30", "2021-02-30 25:61:61", "2021-9-5T1:2:3+99:99",
    "{total}", "{totl}", "{year}{total}", "é", "你好", "a b c", "x" * 700, "how much " * 80, "nan", "'nan'",
    "'" + "9" * 400 + " villages'", "'1e999 yuan'", "'10 Smarch 2021'",
]
ODD_VALUES = [
    "!!int '5x'", "!!float abc", "!!binary '!!'", "!!set {a}", "!!timestamp 'no'", "!!python/object:os.system x",
    "!bang x", "*a", "&a x", "&a [x, *a]", "<<: *a", "<<", "'quoted: text'", '"\\x00"', '"\\ud800"',
    '"\\U0010FFFF"', "{", "}", "|", ">-", "- ", "? ", "@x", "`x", "%TAG", "---", "...", "#", "\t", ":", "'", '"',
    "\x85", "\u2028", "\x00", "\ufeff",
]
PLAIN, ODD = st.sampled_from(PLAIN_VALUES), st.sampled_from(ODD_VALUES)
LONG_NUMBERS = st.integers(1, 6_000).map(lambda n: "9" * n)
WORDS = st.from_regex(r"[a-z][a-z ]{0,10}[a-z]", fullmatch=True)
SCALARS = st.one_of(PLAIN, PLAIN, WORDS, LONG_NUMBERS, st.integers().map(str), st.floats().map(str), ODD,
                    st.text(max_size=12))
KEYS = st.one_of(st.sampled_from(["id", "title", "questions", "answer", "sources", "entries", "topic", "value",
                                  "kind", "source", "words", "zh", "related", "<<"]), SCALARS)


def flow(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    return value


def block(value, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, list) and value:
        return "".join(f"{pad}-{item_text(v, indent + 2)}" for v in value)
    if isinstance(value, dict) and value:
        return "".join(f"{pad}{k}:{item_text(v, indent + 2)}" for k, v in value.items())
    return f"{pad}{flow(value)}\n"


def item_text(value, indent: int) -> str:
    if isinstance(value, (list, dict)) and value:
        return "\n" + block(value, indent)
    return f" {flow(value)}\n"


TREES = st.recursive(SCALARS, lambda children: st.one_of(st.lists(children, max_size=4),
                                                         st.dictionaries(KEYS, children, max_size=4)), max_leaves=25)
YAML_TEXT = st.one_of(TREES.map(block), TREES.map(flow), st.lists(SCALARS, max_size=8).map("\n".join))


def alias_bomb(levels: int, width: int) -> str:
    text = "a0: &a0 [" + ", ".join(["lol"] * width) + "]\n"
    for n in range(1, levels + 1):
        text += f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]\n"
    return text


def nesting(opens: int, closes: int, style: str) -> str:
    if style == "flow":
        return "[" * opens + "]" * closes
    if style == "map":
        return "{a: " * opens + "}" * closes
    return "".join(" " * (2 * level) + "- \n" for level in range(opens))


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_knowledge(tmp_path_factory.mktemp("knowledge"))


def assert_only_problems(folder, name: str, content: bytes) -> None:
    """Write `content` as the file `name`, load, and check every problem can be shown and points at a line."""
    path = folder / name
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        result = read_knowledge(folder)
        document = read_yaml(path)
    finally:
        path.write_bytes(original)
    assert isinstance(result, LoadResult)
    lines = len(split_lines(content.decode("utf-8", errors="replace")))
    for problem in result.problems:
        assert isinstance(problem, Problem) and str(problem)
        if problem.file == name:
            assert 0 <= problem.line <= lines + 1, problem
    assert document.error is None or document.data is None


@FAST
@given(name=st.sampled_from(FILES), text=YAML_TEXT)
def test_generated_yaml_in_any_file_gives_problems_not_exceptions(folder, name, text):
    assert_only_problems(folder, name, text.encode("utf-8", errors="surrogatepass"))


VALUES = st.one_of(PLAIN, ODD, LONG_NUMBERS)


@pytest.mark.parametrize("value", PLAIN_VALUES + ODD_VALUES)
def test_every_odd_value_as_a_fact_of_each_kind_and_as_a_question(folder, value):
    facts = (folder / "facts.yaml").read_text(encoding="utf-8")
    for kind in ("amount", "date", "year", "count", "share", "person"):
        edited = facts.replace("value: 100 billion yuan", f"value: {value}").replace("kind: amount", f"kind: {kind}")
        assert_only_problems(folder, "facts.yaml", edited.encode("utf-8", errors="surrogatepass"))
    entries = (folder / "entries/main.yaml").read_text(encoding="utf-8")
    edited = entries.replace("- total investment", f"- {value}")
    assert_only_problems(folder, "entries/main.yaml", edited.encode("utf-8", errors="surrogatepass"))


@FAST
@given(name=st.sampled_from(FILES), data=st.data())
def test_one_odd_value_in_a_good_file_gives_problems_not_exceptions(folder, name, data):
    lines = (folder / name).read_text(encoding="utf-8").splitlines(keepends=True)
    at = data.draw(st.integers(0, len(lines) - 1))
    key, colon, _ = lines[at].partition(": ")
    dash = lines[at].partition("- ")
    if colon:
        lines[at] = f"{key}: {data.draw(VALUES)}\n"
    elif dash[1]:
        lines[at] = f"{dash[0]}- {data.draw(VALUES)}\n"
    else:
        lines.insert(at, data.draw(VALUES) + "\n")
    assert_only_problems(folder, name, "".join(lines).encode("utf-8", errors="surrogatepass"))


@FAST
@given(name=st.sampled_from(FILES), content=st.binary(max_size=400))
def test_random_bytes_give_problems_not_exceptions(folder, name, content):
    assert_only_problems(folder, name, content)


@FAST
@given(name=st.sampled_from(FILES), opens=st.integers(0, 30_000), closes=st.integers(0, 30_000),
       style=st.sampled_from(["flow", "map", "block"]))
def test_nesting_of_any_depth_gives_problems_not_exceptions(folder, name, opens, closes, style):
    if style == "block":
        opens = min(opens, 300)  # each level is a longer line: 30,000 would be 900 MB of spaces
    assert_only_problems(folder, name, nesting(opens, closes, style).encode())


@FAST
@given(levels=st.integers(1, 9), width=st.integers(1, 9))
def test_anchors_and_aliases_are_refused_before_any_expansion(folder, levels, width):
    path = folder / "scratch.yaml"
    path.write_text(alias_bomb(levels, width), encoding="utf-8")
    error = read_yaml(path).error
    assert error is not None and error.line == 1
    assert error.message == "uses the YAML anchor '&a0'; knowledge files do not allow anchors or aliases."


def test_the_folder_is_restored_between_examples(folder, tmp_path):
    # the tests above write over files of one shared folder; it must still be the tiny knowledge
    shutil.rmtree(tmp_path)
    assert read_knowledge(folder).problems == read_knowledge(write_knowledge(tmp_path)).problems
